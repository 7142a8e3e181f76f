// Every verb family parses to the exact AST of the contract, with its defaults.

import { describe, expect, it } from 'vitest';
import { KNOWN_VERBS, type Stmt } from '../../../src/engine/scenario';
import { bare, lastStmt, parseOk, PRELUDE, PRELUDE_LINES } from './helpers';

const L = PRELUDE_LINES + 1;

/** Parses `line` after the prelude and returns it without argLocs. */
function one(line: string): Stmt {
  return lastStmt(`${PRELUDE}\n${line}`);
}

const nameRef = (name: string, col: number, line = L) => ({ kind: 'name' as const, name, loc: { line, col } });
const numRef = (value: number, col: number, line = L) => ({ kind: 'num' as const, value, loc: { line, col } });

describe('verbs: capacity and sets', () => {
  it('capacity', () => {
    expect(lastStmt('capacity 0x100')).toStrictEqual({ verb: 'capacity', n: 256, line: 1, col: 1, text: 'capacity 0x100' });
  });

  it('set with defaults: type mm, token = name', () => {
    expect(lastStmt('set vm1 quota=8')).toStrictEqual({
      verb: 'set', name: 'vm1', quota: 8, type: 'mm', token: 'vm1', line: 1, col: 1, text: 'set vm1 quota=8',
    });
  });

  it('set with type and token (name, number, string), bound with -> NAME', () => {
    expect(lastStmt('set vm1 quota=8 type=null token=guest -> s1')).toStrictEqual({
      verb: 'set', name: 'vm1', quota: 8, type: 'null', token: 'guest', line: 1, col: 1,
      text: 'set vm1 quota=8 type=null token=guest -> s1', bind: { name: 's1', loc: { line: 1, col: 42 } },
    });
    expect(lastStmt('set vm1 quota=8 token=0x10')).toMatchObject({ token: '16' });
    expect(lastStmt('set vm1 quota=8 token="my \\"vm\\""')).toMatchObject({ token: 'my "vm"' });
  });

  it('system_set declares the set `system`', () => {
    expect(lastStmt('system_set quota=3')).toStrictEqual({ verb: 'system_set', quota: 3, line: 1, col: 1, text: 'system_set quota=3' });
    expect(lastStmt('system_set quota=3\nalloc system')).toMatchObject({ verb: 'alloc', set: 'system' });
  });

  it('adjust and free_set (with and without destroy)', () => {
    expect(one('adjust vm1 quota=2')).toStrictEqual({ verb: 'adjust', set: 'vm1', quota: 2, line: L, col: 1, text: 'adjust vm1 quota=2' });
    expect(one('free_set vm1')).toStrictEqual({ verb: 'free_set', set: 'vm1', destroy: false, line: L, col: 1, text: 'free_set vm1' });
    expect(one('free_set vm1 destroy')).toMatchObject({ verb: 'free_set', set: 'vm1', destroy: true });
  });
});

describe('verbs: IDs', () => {
  it('alloc with and without bounds', () => {
    expect(one('alloc vm1')).toStrictEqual({ verb: 'alloc', set: 'vm1', line: L, col: 1, text: 'alloc vm1' });
    expect(one('alloc vm1 min=5 max=0x1F -> g2')).toStrictEqual({
      verb: 'alloc', set: 'vm1', min: 5, max: 31, line: L, col: 1, text: 'alloc vm1 min=5 max=0x1F -> g2',
      bind: { name: 'g2', loc: { line: L, col: 29 } },
    });
  });

  it.each(['free', 'get', 'put', 'detach_spid', 'find_sid'] as const)('%s ID (name or number)', (verb) => {
    const col = verb.length + 2;
    expect(one(`${verb} g1`)).toStrictEqual({ verb, id: nameRef('g1', col), line: L, col: 1, text: `${verb} g1` });
    expect(one(`${verb} 42`)).toStrictEqual({ verb, id: numRef(42, col), line: L, col: 1, text: `${verb} 42` });
  });

  it('find with and without set=', () => {
    expect(one('find g1')).toStrictEqual({ verb: 'find', id: nameRef('g1', 6), line: L, col: 1, text: 'find g1' });
    expect(one('find 7 set=vm1 -> r')).toStrictEqual({
      verb: 'find', id: numRef(7, 6), set: 'vm1', line: L, col: 1, text: 'find 7 set=vm1 -> r', bind: { name: 'r', loc: { line: L, col: 19 } },
    });
  });

  it('attach_spid and find_spid', () => {
    expect(one('attach_spid g1 100')).toStrictEqual({ verb: 'attach_spid', id: nameRef('g1', 13), spid: 100, line: L, col: 1, text: 'attach_spid g1 100' });
    expect(one('find_spid vm1 100 -> h')).toStrictEqual({
      verb: 'find_spid', set: 'vm1', spid: 100, line: L, col: 1, text: 'find_spid vm1 100 -> h', bind: { name: 'h', loc: { line: L, col: 22 } },
    });
  });
});

describe('verbs: notifiers', () => {
  it('notifier default priorities by kind', () => {
    expect(lastStmt('notifier n kind=kvm')).toStrictEqual({ verb: 'notifier', name: 'n', kind: 'kvm', prio: 3, line: 1, col: 1, text: 'notifier n kind=kvm' });
    expect(lastStmt('notifier n kind=iommu')).toMatchObject({ prio: 2 });
    expect(lastStmt('notifier n kind=vdcm')).toMatchObject({ prio: 1 });
    expect(lastStmt('notifier n kind=log')).toMatchObject({ prio: 0 });
  });

  it('notifier with set= and named or numeric prio', () => {
    expect(one('notifier io kind=iommu set=vm1 prio=last')).toStrictEqual({
      verb: 'notifier', name: 'io', kind: 'iommu', set: 'vm1', prio: 0, line: L, col: 1, text: 'notifier io kind=iommu set=vm1 prio=last',
    });
    expect(one('notifier io kind=log prio=cpu')).toMatchObject({ prio: 3 });
    expect(one('notifier io kind=log prio=iommu')).toMatchObject({ prio: 2 });
    expect(one('notifier io kind=log prio=device')).toMatchObject({ prio: 1 });
    expect(one('notifier io kind=log prio=7')).toMatchObject({ prio: 7 });
  });

  it('unnotifier and notify', () => {
    expect(one('unnotifier kvm')).toStrictEqual({ verb: 'unnotifier', name: 'kvm', line: L, col: 1, text: 'unnotifier kvm' });
    expect(one('notify g1 UNBIND')).toStrictEqual({ verb: 'notify', id: nameRef('g1', 8), event: 'UNBIND', line: L, col: 1, text: 'notify g1 UNBIND' });
  });
});

describe('verbs: VT-d devices and SVA', () => {
  it('device defaults: ats on, max_pasid 1<<20', () => {
    expect(lastStmt('device d')).toStrictEqual({ verb: 'device', name: 'd', ats: true, maxPasid: 1 << 20, line: 1, col: 1, text: 'device d' });
    expect(lastStmt('device d ats=off max_pasid=64')).toMatchObject({ ats: false, maxPasid: 64 });
    expect(lastStmt('device d ats=on')).toMatchObject({ ats: true });
  });

  it('bind default mode nested; gpasid and mode given', () => {
    expect(one('bind dev0 g1')).toStrictEqual({ verb: 'bind', device: 'dev0', id: nameRef('g1', 11), mode: 'nested', line: L, col: 1, text: 'bind dev0 g1' });
    expect(one('bind dev0 g1 gpasid=9 mode=pt')).toMatchObject({ gpasid: 9, mode: 'pt' });
    for (const mode of ['fl', 'sl']) expect(one(`bind dev0 g1 mode=${mode}`)).toMatchObject({ mode });
  });

  it('unbind and dma', () => {
    expect(one('unbind dev0 g1')).toStrictEqual({ verb: 'unbind', device: 'dev0', id: nameRef('g1', 13), line: L, col: 1, text: 'unbind dev0 g1' });
    expect(one('dma dev0 3')).toStrictEqual({ verb: 'dma', device: 'dev0', id: numRef(3, 10), line: L, col: 1, text: 'dma dev0 3' });
  });

  it('mm, sva_bind, mm_exit, mmu_notifier_put', () => {
    expect(lastStmt('mm p')).toStrictEqual({ verb: 'mm', name: 'p', line: 1, col: 1, text: 'mm p' });
    expect(one('sva_bind dev0 proc -> pa')).toStrictEqual({
      verb: 'sva_bind', device: 'dev0', mm: 'proc', line: L, col: 1, text: 'sva_bind dev0 proc -> pa', bind: { name: 'pa', loc: { line: L, col: 23 } },
    });
    expect(one('mm_exit proc')).toStrictEqual({ verb: 'mm_exit', mm: 'proc', line: L, col: 1, text: 'mm_exit proc' });
    expect(one('mmu_notifier_put proc')).toStrictEqual({ verb: 'mmu_notifier_put', mm: 'proc', line: L, col: 1, text: 'mmu_notifier_put proc' });
  });
});

describe('verbs: contexts, locks, threads, scheduling', () => {
  it.each(['atomic', 'call_rcu', 'work'] as const)('%s { … } holds its body', (verb) => {
    const p = parseOk(`${PRELUDE}\n${verb} {\n  free g1\n}`);
    expect(bare(p.body[PRELUDE_LINES])).toStrictEqual({
      verb, line: L, col: 1, text: `${verb} {`,
      body: [{ verb: 'free', id: nameRef('g1', 8, L + 1), line: L + 1, col: 3, text: 'free g1' }],
    });
  });

  it.each(['spin_lock', 'spin_unlock', 'mutex_lock', 'mutex_unlock'] as const)('%s LOCK needs no declaration', (verb) => {
    expect(lastStmt(`${verb} pasid_mutex`)).toStrictEqual({ verb, lock: 'pasid_mutex', line: 1, col: 1, text: `${verb} pasid_mutex` });
  });

  it('thread blocks stand in the body and are listed in declaration order', () => {
    const p = parseOk('thread b {\n  quiesce\n}\nthread a {\n}\njoin');
    expect(p.threads).toEqual(['b', 'a']);
    expect(p.body.map(bare)).toStrictEqual([
      { verb: 'thread', name: 'b', line: 1, col: 1, text: 'thread b {', body: [{ verb: 'quiesce', line: 2, col: 3, text: 'quiesce' }] },
      { verb: 'thread', name: 'a', line: 4, col: 1, text: 'thread a {', body: [] },
      { verb: 'join', line: 6, col: 1, text: 'join' },
    ]);
  });

  it.each(['join', 'quiesce', 'rcu_barrier', 'flush_work'] as const)('%s takes no arguments', (verb) => {
    expect(lastStmt(verb)).toStrictEqual({ verb, line: 1, col: 1, text: verb });
  });

  it('schedule resolves threads declared later, main, rcu and wq', () => {
    const p = parseOk('schedule t1 main rcu wq t1\nthread t1 {\n}');
    expect(bare(p.body[0])).toStrictEqual({
      verb: 'schedule', line: 1, col: 1, text: 'schedule t1 main rcu wq t1',
      names: [
        { name: 't1', loc: { line: 1, col: 10 } },
        { name: 'main', loc: { line: 1, col: 13 } },
        { name: 'rcu', loc: { line: 1, col: 18 } },
        { name: 'wq', loc: { line: 1, col: 22 } },
        { name: 't1', loc: { line: 1, col: 25 } },
      ],
    });
  });

  it('repeat N { … }', () => {
    const p = parseOk('set s quota=1\nrepeat 0x3 {\n  alloc s\n}');
    expect(bare(p.body[1])).toStrictEqual({
      verb: 'repeat', count: 3, line: 2, col: 1, text: 'repeat 0x3 {',
      body: [{ verb: 'alloc', set: 's', line: 3, col: 3, text: 'alloc s' }],
    });
  });

  it('note: text is the caption (the contract names it so), source the line', () => {
    const p = parseOk('note "free \\"before\\" unbind \\\\ # not a comment"  # a comment');
    expect(p.body[0]).toStrictEqual({
      verb: 'note', text: 'free "before" unbind \\ # not a comment', line: 1, col: 1,
      source: 'note "free \\"before\\" unbind \\\\ # not a comment"', argLocs: { text: { line: 1, col: 6 } },
    });
  });
});

describe('verbs: headers', () => {
  it('title and model preset with overrides', () => {
    const p = parseOk('# comment first\ntitle "VM life cycle"\nmodel v4 lock=mutex cleanup=sync\nquiesce');
    expect(p.title).toBe('VM life cycle');
    expect(p.model).toStrictEqual({ preset: 'v4', overrides: { lock: 'mutex', cleanup: 'sync' }, loc: { line: 3, col: 1 } });
    expect(p.body).toHaveLength(1);
  });

  it('model with axes only, and a file with only headers', () => {
    const p = parseOk('model alloc=cyclic\ntitle ""');
    expect(p.model).toStrictEqual({ overrides: { alloc: 'cyclic' }, loc: { line: 1, col: 1 } });
    expect(p.title).toBe('');
    expect(p.body).toEqual([]);
    expect(parseOk('model cyclic').model).toStrictEqual({ preset: 'cyclic', overrides: {}, loc: { line: 1, col: 1 } });
  });

  it('an empty program', () => {
    expect(parseOk('')).toStrictEqual({ body: [], threads: [] });
    expect(parseOk('\n  # nothing\n\n')).toStrictEqual({ body: [], threads: [] });
  });
});

describe('verbs: table and extensions', () => {
  it('KNOWN_VERBS lists every verb of SPEC §4 plus expect, note and the headers', () => {
    const spec = 'capacity set system_set adjust free_set find_sid alloc free get put find attach_spid detach_spid find_spid notifier unnotifier notify device bind unbind mm sva_bind mm_exit mmu_notifier_put dma atomic call_rcu work spin_lock spin_unlock mutex_lock mutex_unlock thread join schedule repeat quiesce rcu_barrier flush_work';
    expect([...KNOWN_VERBS].sort()).toEqual([...spec.split(' '), 'expect', 'note', 'title', 'model'].sort());
  });

  it('argLocs records where each named argument was written', () => {
    const p = parseOk(`${PRELUDE}\nbind dev0 g1 mode=sl`);
    expect(p.body[PRELUDE_LINES].argLocs).toMatchObject({ device: { line: L, col: 6 }, id: { line: L, col: 11 }, mode: { line: L, col: 19 } });
  });

  it('-> NAME is allowed on any plain statement', () => {
    expect(one('get g1 -> r')).toMatchObject({ bind: { name: 'r' } });
    expect(one('quiesce -> q')).toMatchObject({ verb: 'quiesce', bind: { name: 'q', loc: { line: L, col: 12 } } });
  });
});
