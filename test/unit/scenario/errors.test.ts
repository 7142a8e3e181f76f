// Every parse and name error of the language with its exact line:col and message, all errors of
// a file in one go (sorted, capped), and the `FILE:LINE:COL: error:` format.

import { describe, expect, it } from 'vitest';
import { formatDiagnostic, MAX_SCENARIO_CHARS, parseScenario } from '../../../src/engine/scenario';
import { errorsOf, parseOk } from './helpers';

describe('verbs', () => {
  it('an unknown verb suggests the nearest known one', () => {
    expect(errorsOf('alocc vm1')).toEqual(["1:1: unknown verb 'alocc'; did you mean 'alloc'?"]);
    expect(errorsOf('  sva_bnd d m')).toEqual(["1:3: unknown verb 'sva_bnd'; did you mean 'sva_bind'?"]);
    expect(errorsOf('mmu_notifier d')).toEqual(["1:1: unknown verb 'mmu_notifier'; did you mean 'mmu_notifier_put'?"]);
    expect(errorsOf('Alloc s')).toEqual(["1:1: unknown verb 'Alloc'; did you mean 'alloc'?"]);
    expect(errorsOf('xyzzy')).toEqual(["1:1: unknown verb 'xyzzy'"]);
    expect(errorsOf('x')).toEqual(["1:1: unknown verb 'x'"]);
    expect(errorsOf('5 alloc')).toEqual(["1:1: expected a verb at the start of the line, got '5'"]);
    expect(errorsOf('-> g')).toEqual(["1:1: expected a verb at the start of the line, got '->'"]);
  });
});

describe('arguments', () => {
  it('missing, surplus and mistyped positional arguments', () => {
    expect(errorsOf('set s quota=1\nalloc')).toEqual(["2:1: missing SET for 'alloc' (usage: alloc SET [min=N] [max=N] [-> NAME])"]);
    expect(errorsOf('attach_spid 3')).toEqual(["1:1: missing SPID for 'attach_spid' (usage: attach_spid ID SPID)"]);
    expect(errorsOf('capacity 5 6')).toEqual(["1:12: too many arguments for 'capacity': unexpected '6' (usage: capacity N)"]);
    expect(errorsOf('capacity lots')).toEqual(["1:10: expected a number (N) for 'capacity', got 'lots'"]);
    expect(errorsOf('free "g1"')).toEqual(["1:6: expected an ID (a name or a number) for 'free', got '\"g1\"'"]);
    expect(errorsOf('alloc 5')).toEqual(["1:7: expected a set name for 'alloc', got '5'"]);
    expect(errorsOf('spin_lock 5')).toEqual(["1:11: expected a lock name for 'spin_lock', got '5'"]);
    expect(errorsOf('notify 3 ALLOCATE')).toEqual([
      "1:10: unknown event 'ALLOCATE' for 'notify' (events: ALLOC, FREE, BIND, UNBIND); did you mean 'ALLOC'?",
    ]);
    expect(errorsOf('note hello')).toEqual(["1:6: expected a quoted string for 'note', got 'hello'"]);
    expect(errorsOf('schedule')).toEqual(["1:1: 'schedule' needs at least one NAME (usage: schedule NAME…)"]);
    expect(errorsOf('join now')).toEqual(["1:6: too many arguments for 'join': unexpected 'now' (usage: join)"]);
  });

  it('key=value written with spaces gets a specific hint', () => {
    expect(errorsOf('set vm1 quota = 4')).toEqual(["1:9: write key=value without spaces: 'quota=4'"]);
    expect(errorsOf('set vm1 quota= 4')).toEqual(["1:9: write key=value without spaces: 'quota=4'"]);
    expect(errorsOf('set vm1 quota =4')).toEqual(["1:9: write key=value without spaces: 'quota=4'"]);
  });

  it('unknown, missing, duplicate and mistyped keys name the verb', () => {
    expect(errorsOf('set vm1 quota=4 quot=5')).toEqual([
      "1:17: unknown key 'quot' for 'set' (keys: quota, type, token); did you mean 'quota'?",
    ]);
    expect(errorsOf('capacity 4 quota=1')).toEqual(["1:12: 'capacity' takes no key=value options, got 'quota' (usage: capacity N)"]);
    expect(errorsOf('set vm1')).toEqual(["1:1: missing required key 'quota' for 'set' (usage: set NAME quota=N [type=mm|null] [token=T])"]);
    expect(errorsOf('notifier n')).toEqual([
      "1:1: missing required key 'kind' for 'notifier' (usage: notifier NAME kind=iommu|kvm|vdcm|log [set=SET] [prio=cpu|iommu|device|last|N])",
    ]);
    expect(errorsOf('set s quota=1\nalloc s min=1 min=2')).toEqual(["2:15: duplicate key 'min' for 'alloc'"]);
    expect(errorsOf('set vm1 quota=abc')).toEqual(["1:15: 'quota' for 'set' must be a number, got 'abc'"]);
    expect(errorsOf('device d\nset s quota=1\nalloc s -> g\nbind d g mode=fast')).toEqual([
      "4:15: 'mode' for 'bind' must be one of nested, fl, sl, pt; got 'fast'",
    ]);
    expect(errorsOf('set s quota=1 type=nul')).toEqual(["1:20: 'type' for 'set' must be one of mm, null; got 'nul'; did you mean 'null'?"]);
    expect(errorsOf('notifier n kind=kvm prio=high')).toEqual(["1:26: 'prio' for 'notifier' must be cpu, iommu, device, last or a number, got 'high'"]);
    expect(errorsOf('device d ats=yes')).toEqual(["1:14: 'ats' for 'device' must be on or off, got 'yes'"]);
    expect(errorsOf('notifier n kind=kvm set=5')).toEqual(["1:25: 'set' for 'notifier' must be a set name, got '5'"]);
    expect(errorsOf('set s quota=1 token=a-b')).toEqual(["1:21: 'token' for 'set' must be a name, a number or a string, got 'a-b'"]);
    expect(errorsOf('set s quota=')).toEqual(["1:7: missing value after 'quota='"]);
    expect(errorsOf('capacity = 5')).toEqual(["1:10: unexpected '='"]);
  });

  it('destroy is the only bare flag, and only on free_set', () => {
    expect(errorsOf('set s quota=1\nfree_set s destory')).toEqual(["2:12: unknown flag 'destory' for 'free_set' (flags: destroy); did you mean 'destroy'?"]);
    expect(errorsOf('set s quota=1\nfree_set s destroy destroy')).toEqual(["2:20: duplicate flag 'destroy' for 'free_set'"]);
    expect(errorsOf('set s quota=1\nadjust s destroy quota=2')).toEqual([
      "2:10: too many arguments for 'adjust': unexpected 'destroy' (usage: adjust SET quota=N)",
    ]);
  });

  it('-> NAME: where it is allowed and how it is written', () => {
    expect(errorsOf('note "x" -> n')).toEqual(["1:10: '-> NAME' is not allowed on 'note'"]);
    expect(errorsOf('atomic -> a {\n}')).toEqual(["1:8: '-> NAME' is not allowed on 'atomic'"]);
    expect(errorsOf('set s quota=1 ->')).toEqual(["1:15: expected a name after '->'"]);
    expect(errorsOf('set s quota=1 -> 5')).toEqual(["1:18: expected a name after '->', got '5'"]);
    expect(errorsOf('set s quota=1 -> a b')).toEqual(["1:20: '-> NAME' must end the statement"]);
  });
});

describe('headers', () => {
  it('must come before the first statement, once each', () => {
    expect(errorsOf('capacity 4\ntitle "late"')).toEqual(["2:1: header statement 'title' must come before the first statement"]);
    expect(errorsOf('quiesce\nmodel v4')).toEqual(["2:1: header statement 'model' must come before the first statement"]);
    expect(errorsOf('title "a"\ntitle "b"')).toEqual(["2:1: duplicate header statement 'title'"]);
    expect(errorsOf('model v1\nmodel v4')).toEqual(["2:1: duplicate header statement 'model'"]);
  });

  it('title needs one string', () => {
    expect(errorsOf('title')).toEqual(['1:1: \'title\' needs a quoted string (usage: title "TEXT")']);
    expect(errorsOf('title Hello')).toEqual(['1:7: \'title\' needs a quoted string (usage: title "TEXT"), got \'Hello\'']);
    expect(errorsOf('title "a" "b"')).toEqual(["1:11: unexpected '\"b\"' after the title"]);
  });

  it('model presets, axes and values come from model.ts', () => {
    expect(errorsOf('model v2')).toEqual(["1:7: unknown model preset 'v2' (presets: v1, cyclic, v4); did you mean 'v1'?"]);
    expect(errorsOf('model v4 lok=mutex')).toEqual([
      "1:10: unknown model axis 'lok' (axes: lock, chain, alloc, free, cleanup); did you mean 'lock'?",
    ]);
    expect(errorsOf('model lock=rwsem')).toEqual(["1:12: 'rwsem' is not a value of axis 'lock' (values: spinlock, mutex)"]);
    expect(errorsOf('model v4 lock=mutex lock=spinlock')).toEqual(["1:21: duplicate key 'lock' for 'model'"]);
    expect(errorsOf('model')).toEqual(["1:1: 'model' needs a preset (v1, cyclic, v4) or axis=value options"]);
    expect(errorsOf('model v4 v1')).toEqual(["1:10: unexpected 'v1' (usage: model [PRESET] [axis=value…])"]);
  });
});

describe('block structure', () => {
  it('} without a block, } not alone, { in the middle of a line', () => {
    expect(errorsOf('quiesce\n}')).toEqual(["2:1: '}' without a block to close"]);
    expect(errorsOf('atomic {\n} quiesce')).toEqual(["2:3: '}' must stand alone on its line"]);
    expect(errorsOf('atomic { quiesce\n}')).toEqual(["1:8: '{' in the middle of a line: a block opener ends its line with '{'"]);
    expect(errorsOf('atomic {\nquiesce }\n}')).toEqual(["2:9: '}' must stand alone on its line"]);
    expect(errorsOf('{\n}')).toEqual(["1:1: '{' must end the line of a block opener such as 'atomic {'"]);
    expect(errorsOf('atomic {\n{\n}\n}')).toEqual(["2:1: '{' must end the line of a block opener such as 'atomic {'"]);
  });

  it('braces may touch the verb and carry comments', () => {
    const p = parseOk('atomic{   # opener\n  quiesce\n}  # closer');
    expect(p.body[0]).toMatchObject({ verb: 'atomic', text: 'atomic{', body: [{ verb: 'quiesce' }] });
  });

  it('an unclosed block is reported at its opener', () => {
    expect(errorsOf('quiesce\n  repeat 2 {\n    atomic {\n    }\n')).toEqual(['2:3: block opened here is never closed']);
    expect(errorsOf('thread t {\n  work {')).toEqual(['1:1: block opened here is never closed', '2:3: block opened here is never closed']);
  });

  it('block verbs need {, other verbs must not open one', () => {
    expect(errorsOf('atomic')).toEqual(["1:1: 'atomic' opens a block: end its line with '{'"]);
    expect(errorsOf('repeat 3')).toEqual(["1:1: 'repeat' opens a block: end its line with '{'"]);
    expect(errorsOf('quiesce {\n}')).toEqual(["1:9: 'quiesce' does not open a block"]);
  });

  it('thread only at top level; join and schedule only at the top level of main', () => {
    expect(errorsOf('atomic {\n  thread t {\n  }\n}')).toEqual(["2:3: 'thread' is only allowed at the top level, not inside 'atomic'"]);
    expect(errorsOf('thread a {\n  thread b {\n  }\n}')).toEqual(["2:3: 'thread' is only allowed at the top level, not inside 'thread'"]);
    expect(errorsOf('thread t {\n  join\n}')).toEqual(["2:3: 'join' is only allowed at the top level of main"]);
    expect(errorsOf('thread t {\n}\nrepeat 2 {\n  schedule t\n}')).toEqual(["4:3: 'schedule' is only allowed at the top level of main"]);
  });

  it('blocks nest 16 deep and no deeper', () => {
    const nest = (n: number): string => `${'atomic {\n'.repeat(n)}${'}\n'.repeat(n)}`;
    expect(parseOk(nest(16)).body).toHaveLength(1);
    expect(errorsOf(nest(17))).toEqual(['17:1: blocks nested deeper than 16 levels']);
    // Once per too-deep chain, not once per line below the limit.
    expect(errorsOf(nest(300))).toEqual(['17:1: blocks nested deeper than 16 levels']);
    expect(errorsOf(`${nest(18)}${nest(17)}`)).toEqual(['17:1: blocks nested deeper than 16 levels', '53:1: blocks nested deeper than 16 levels']);
  });
});

describe('names', () => {
  it('unknown names, with a suggestion from the same namespace', () => {
    expect(errorsOf('set vm1 quota=1\nalloc vm3')).toEqual(["2:7: unknown set 'vm3'; did you mean 'vm1'?"]);
    expect(errorsOf('set vm1 quota=1\nalloc vm1 -> guest\nfree gues')).toEqual(["3:6: unknown ID 'gues'; did you mean 'guest'?"]);
    expect(errorsOf('set vm1 quota=1\nalloc vm1 -> g\nfree gue')).toEqual(["3:6: unknown ID 'gue'; did you mean 'g'?"]);
    expect(errorsOf('device dev0\nunbind dev1 3')).toEqual(["2:8: unknown device 'dev1'; did you mean 'dev0'?"]);
    expect(errorsOf('mm proc\nmm_exit prc')).toEqual(["2:9: unknown mm 'prc'; did you mean 'proc'?"]);
    expect(errorsOf('notifier kvm kind=kvm\nunnotifier kv')).toEqual(["2:12: unknown notifier 'kv'; did you mean 'kvm'?"]);
    expect(errorsOf('free zork')).toEqual(["1:6: unknown ID 'zork'"]);
  });

  it('a name of another namespace says so', () => {
    expect(errorsOf('device dev0\nalloc dev0')).toEqual(["2:7: 'dev0' is a device, not a set"]);
    expect(errorsOf('set vm1 quota=1\nbind vm1 3')).toEqual(["2:6: 'vm1' is a set, not a device"]);
    expect(errorsOf('mm p\nfree p')).toEqual(["2:6: 'p' is an mm, not an ID"]);
    expect(errorsOf('thread t1 {\n}\nfind 1 set=t1')).toEqual(["3:12: 't1' is a thread, not a set"]);
  });

  it('names must be bound by an earlier statement (source order, blocks included)', () => {
    expect(errorsOf('alloc vm1\nset vm1 quota=1')).toEqual(["1:7: unknown set 'vm1'"]);
    expect(errorsOf('get g\nset s quota=1\nalloc s -> g')).toEqual(["1:5: unknown ID 'g'"]);
    parseOk('set s quota=1\nthread t {\n  alloc s -> g\n}\nfree g');
    parseOk('set s quota=1\nalloc s -> g -> h'.split('\n')[0]);
  });

  it('rebinding an ID and redeclaring a set, device, mm or notifier are allowed', () => {
    const p = parseOk('set s quota=2\nset s quota=2\nalloc s -> g\nalloc s -> g\ndevice d\ndevice d\nmm m\nmm m\nnotifier n kind=log\nnotifier n kind=log');
    expect(p.body).toHaveLength(10);
  });

  it('schedule names resolve against every thread of the file plus main, rcu, wq', () => {
    expect(errorsOf('thread t1 {\n}\nthread t2 {\n}\nschedule t1 t3 main')).toEqual(["5:13: unknown thread 't3'; did you mean 't1'?"]);
    expect(errorsOf('schedule mian')).toEqual(["1:10: unknown thread 'mian'; did you mean 'main'?"]);
  });

  it('duplicate and reserved thread names', () => {
    expect(errorsOf('thread t {\n}\nthread t {\n}')).toEqual(["3:8: duplicate thread 't' (first declared at line 1)"]);
    for (const name of ['main', 'rcu', 'wq']) {
      expect(errorsOf(`thread ${name} {\n}`)).toEqual([`1:8: '${name}' is a reserved name: a thread cannot be called main, rcu, wq`]);
    }
  });

  it('a failed declaration does not cascade into unknown-name errors', () => {
    expect(errorsOf('set vm1 quota=x\nalloc vm1 -> g\nfree g')).toEqual(["1:15: 'quota' for 'set' must be a number, got 'x'"]);
    expect(errorsOf('sett vm1 quota=1\nalloc vm1')).toEqual(["1:1: unknown verb 'sett'; did you mean 'set'?"]);
    // …but a use before the failed line is still reported.
    expect(errorsOf('alloc vm1\nset vm1 quota=x')).toEqual(["1:7: unknown set 'vm1'", "2:15: 'quota' for 'set' must be a number, got 'x'"]);
  });
});

describe('numbers and names that look alike', () => {
  it('says a name after -> may not start with a digit, and a number that is not one is still malformed', () => {
    expect(errorsOf('set vm1 quota=4\nalloc vm1 -> 1abc')).toEqual(["2:14: '1abc' is not a name: a name starts with a letter or '_' (then letters, digits, '_')"]);
    expect(errorsOf('alloc vm1 max=12q\nset vm1 quota=4')[0]).toBe("1:15: malformed number '12q'");
  });
});

describe('reporting', () => {
  it('reports every error of the file in one go, sorted by line then column', () => {
    const src = [
      'capacity 0x', // 1: malformed number
      'alocc vm1', // 2: unknown verb
      'set vm1 quota=4', // 3: fine
      'alloc vm2 min=1', // 4: unknown set (names pass)
      'alloc vm1 min=1 min=2', // 5: duplicate key (parse)
      '}', // 6: stray brace
      'atomic {', // 7: never closed
      '  title "x"', // 8: late header
    ].join('\n');
    expect(errorsOf(src)).toEqual([
      "1:10: malformed number '0x'",
      "2:1: unknown verb 'alocc'; did you mean 'alloc'?",
      "4:7: unknown set 'vm2'; did you mean 'vm1'?",
      "5:17: duplicate key 'min' for 'alloc'",
      "6:1: '}' without a block to close",
      '7:1: block opened here is never closed',
      "8:3: header statement 'title' must come before the first statement",
    ]);
  });

  it('stops after 50 errors with one final "too many errors; stopping"', () => {
    const src = Array.from({ length: 80 }, (_, i) => `bogus${i}`).join('\n');
    const errors = errorsOf(src);
    expect(errors).toHaveLength(51);
    expect(errors[0]).toBe("1:1: unknown verb 'bogus0'");
    expect(errors[49]).toBe("50:1: unknown verb 'bogus49'");
    expect(errors[50]).toBe('51:1: too many errors; stopping');
  });

  it('caps name errors too, and a line full of garbage', () => {
    expect(errorsOf(Array.from({ length: 60 }, () => 'free nope').join('\n'))).toHaveLength(51);
    const garbage = errorsOf(`capacity ${';'.repeat(10000)}`);
    expect(garbage).toHaveLength(51);
    expect(garbage[50]).toBe('1:60: too many errors; stopping');
  });

  it('refuses input larger than the limit with one error at 1:1', () => {
    const big = 'x'.repeat(MAX_SCENARIO_CHARS + 1);
    const r = parseScenario(big);
    expect(r).toEqual({ ok: false, errors: [{ line: 1, col: 1, message: `scenario is too large: ${MAX_SCENARIO_CHARS + 1} characters (the limit is 4194304)` }] });
    expect(MAX_SCENARIO_CHARS).toBe(4 * 1024 * 1024);
  });

  it('formatDiagnostic prints FILE:LINE:COL: error: MESSAGE', () => {
    expect(formatDiagnostic('scenarios/vm.ioasid', { line: 3, col: 7, message: "unknown set 'vm3'" })).toBe(
      "scenarios/vm.ioasid:3:7: error: unknown set 'vm3'",
    );
  });
});
