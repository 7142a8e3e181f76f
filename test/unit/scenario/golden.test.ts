// A realistic scenario parsed end to end: threads, nested blocks, schedule, repeat, headers,
// checked as an outline of the whole tree plus the exact fields of a few statements.

import { describe, expect, it } from 'vitest';
import type { Stmt } from '../../../src/engine/scenario';
import { bare, parseOk } from './helpers';
import { SAMPLE } from './sample';

function outline(stmts: readonly Stmt[], depth = 0): string[] {
  return stmts.flatMap((s) => [
    `${'  '.repeat(depth)}${s.line}:${s.col} ${s.verb}${s.bind ? ` -> ${s.bind.name}` : ''} | ${s.source}`,
    ...('body' in s ? outline(s.body, depth + 1) : []),
  ]);
}

describe('golden: a realistic scenario', () => {
  const p = parseOk(SAMPLE);

  it('headers', () => {
    expect(p.title).toBe('RCU free vs. reuse');
    expect(p.model).toStrictEqual({ preset: 'v1', overrides: { cleanup: 'deferred' }, loc: { line: 3, col: 1 } });
    expect(p.threads).toEqual(['guest', 'host']);
  });

  it('the whole tree, in source order', () => {
    expect(outline(p.body)).toEqual([
      '5:1 capacity | capacity 0x100',
      '6:1 set -> sid1 | set vm1 quota=4 -> sid1',
      '7:1 system_set | system_set quota=2',
      '8:1 device | device dev0 ats=on max_pasid=64',
      '9:1 mm | mm proc',
      '10:1 notifier | notifier iommu kind=iommu',
      '11:1 notifier | notifier kvm kind=kvm set=vm1 prio=cpu',
      '13:1 alloc -> g1 | alloc vm1 min=1 max=16 -> g1',
      '14:1 bind | bind dev0 g1 gpasid=5',
      '15:1 expect | expect entry dev0 g1 present',
      '16:1 sva_bind -> p1 | sva_bind dev0 proc -> p1',
      '18:1 thread | thread guest {',
      '  19:3 repeat | repeat 2 {',
      '    20:5 alloc -> g2 | alloc vm1 -> g2',
      '  22:3 expect | expect used vm1 == 3',
      '24:1 thread | thread host {',
      '  25:3 call_rcu | call_rcu {',
      '    26:5 free | free g1',
      '  28:3 mmu_notifier_put | mmu_notifier_put proc',
      '30:1 schedule | schedule host guest rcu wq main',
      '31:1 join | join',
      '32:1 note | note "the race: \\"g1\\" may come back"',
      '33:1 quiesce | quiesce',
      '34:1 expect | expect violation reuse-before-cleanup',
      '35:1 expect | expect state g1 == free',
    ]);
  });

  it('the exact fields of a few statements', () => {
    const byLine = (line: number): Stmt => {
      const all: Stmt[] = [];
      const walk = (ss: readonly Stmt[]): void => ss.forEach((s) => (all.push(s), 'body' in s && walk(s.body)));
      walk(p.body);
      const s = all.find((x) => x.line === line);
      if (!s) throw new Error(`no statement on line ${line}`);
      return s;
    };
    expect(bare(byLine(8))).toStrictEqual({ verb: 'device', name: 'dev0', ats: true, maxPasid: 64, line: 8, col: 1, text: 'device dev0 ats=on max_pasid=64' });
    expect(bare(byLine(11))).toMatchObject({ verb: 'notifier', name: 'kvm', kind: 'kvm', set: 'vm1', prio: 3 });
    expect(bare(byLine(14))).toMatchObject({ verb: 'bind', device: 'dev0', gpasid: 5, mode: 'nested', id: { kind: 'name', name: 'g1', loc: { line: 14, col: 11 } } });
    expect(bare(byLine(20))).toStrictEqual({
      verb: 'alloc', set: 'vm1', line: 20, col: 5, text: 'alloc vm1 -> g2', bind: { name: 'g2', loc: { line: 20, col: 18 } },
    });
    expect(byLine(30)).toMatchObject({ verb: 'schedule', names: ['host', 'guest', 'rcu', 'wq', 'main'].map((name) => ({ name })) });
    expect(byLine(32)).toMatchObject({ verb: 'note', text: 'the race: "g1" may come back' });
    expect(byLine(34)).toMatchObject({ expectation: { kind: 'violation', violation: 'reuse-before-cleanup' } });
    expect(byLine(35)).toMatchObject({ expectation: { kind: 'state', state: 'free', id: { kind: 'name', name: 'g1' } } });
  });

  it('Extract<Stmt, { verb }> narrows to one verb', () => {
    const allocs = p.body.filter((s): s is Extract<Stmt, { verb: 'alloc' }> => s.verb === 'alloc');
    // A multi-verb member of the contract still extracts per verb (this would not compile if never).
    const free: Extract<Stmt, { verb: 'free' }> = { verb: 'free', id: { kind: 'num', value: 1, loc: { line: 1, col: 6 } }, line: 1, col: 1, text: 'free 1' };
    expect(allocs.map((a) => [a.set, a.min, a.max])).toEqual([['vm1', 1, 16]]);
    expect(free.id.kind).toBe('num');
  });
});
