// SPEC §3.1 capacity and sets, one test per rule.

import { describe, expect, it } from 'vitest';
import { expectAllHeld, lines, results, run, runFull, stepOf } from './harness';

describe('§3.1 capacity', () => {
  it('default capacity is 2^20 when none is installed', () => {
    const t = run('set vm1 quota=4');
    expect(t.final.capacity).toBe(1 << 20);
    expect(t.final.available).toBe((1 << 20) - 4);
  });

  it('capacity N installs the capacity once; avail starts at N', () => {
    const t = run(lines('capacity 64', 'expect avail == 64', 'set vm1 quota=10', 'expect avail == 54'));
    expectAllHeld(t);
    expect(t.final.capacity).toBe(64);
  });

  it('N must be 1 … 2^20, else -EINVAL (and nothing changes)', () => {
    const t = run(lines('capacity 0', `capacity ${(1 << 20) + 1}`, 'capacity 1', 'capacity 1048576'));
    expect(results(t)).toMatchObject({ 1: '-EINVAL', 2: '-EINVAL', 3: '0' });
    // The valid `capacity 1` took effect, so the last call is a repeat.
    expect(t.final.capacity).toBe(1);
    expect(t.steps[3].warnings.join()).toContain('capacity already set');
  });

  it('a second capacity warns "capacity already set" and changes nothing', () => {
    const t = run(lines('capacity 100', 'capacity 200'));
    expect(t.steps[1].warnings.some((w) => w.includes('capacity already set'))).toBe(true);
    expect(t.final.capacity).toBe(100);
    expect(t.final.available).toBe(100);
  });

  it('capacity after a set exists warns and changes nothing', () => {
    const t = run(lines('set vm1 quota=4', 'capacity 100'));
    expect(t.steps[1].warnings.some((w) => w.includes('capacity already set'))).toBe(true);
    expect(t.final.capacity).toBe(1 << 20);
    expect(t.final.available).toBe((1 << 20) - 4);
  });
});

describe('§3.1 set', () => {
  it('a second set under a name is allowed (null type: no token clash), and a warning says the earlier one can no longer be named', () => {
    const t = run(lines('set vm1 quota=8', 'set vm1 quota=8 type=null', 'expect used vm1 == 0'));
    expect(results(t)).toMatchObject({ 1: '0', 2: '1' });
    expect(stepOf(t, 'set vm1 quota=8 type=null').warnings).toStrictEqual(["'vm1' now names this new set (sid 1); the earlier set 'vm1' (sid 0) keeps its quota but can no longer be named"]);
    expect(stepOf(t, 'set vm1 quota=8').warnings).toStrictEqual([]);
  });

  it('returns the new sid (≥ 0) and takes the quota out of capacity_avail', () => {
    const t = run(lines('capacity 100', 'set vm1 quota=10', 'set vm2 quota=20', 'expect avail == 70', 'expect quota vm2 == 20'));
    expectAllHeld(t);
    const r = results(t);
    expect(Number(r[2])).toBeGreaterThanOrEqual(0);
    expect(Number(r[3])).toBeGreaterThanOrEqual(0);
    expect(r[2]).not.toBe(r[3]);
  });

  it('-EINVAL for quota < 1', () => {
    const t = run(lines('capacity 100', 'set vm1 quota=0', 'expect avail == 100'));
    expect(results(t)[2]).toBe('-EINVAL');
    expectAllHeld(t);
  });

  it('-ENOSPC when quota > capacity_avail; exactly capacity_avail fits', () => {
    const t = run(lines('capacity 100', 'set vm1 quota=60', 'set vm2 quota=41', 'set vm3 quota=40', 'expect avail == 0'));
    expect(results(t)).toMatchObject({ 3: '-ENOSPC', 4: '1' });
    expectAllHeld(t);
  });

  it('-EEXIST for a second mm set with the same token (default token = NAME)', () => {
    const t = run(lines('capacity 100', 'set vm1 quota=4', 'set vm1 quota=4', 'expect avail == 96'));
    expect(results(t)[3]).toBe('-EEXIST');
    expectAllHeld(t);
  });

  it('-EEXIST with an explicit token= naming the same mm under another set name', () => {
    const t = run(lines('capacity 100', 'set vm1 quota=4 token=qemu', 'set vm2 quota=4 token=qemu', 'set vm3 quota=4 token="qemu"', 'set vm4 quota=4 token=vm1'));
    expect(results(t)).toMatchObject({ 3: '-EEXIST', 4: '-EEXIST' });
    // vm1's token is qemu, so the name `vm1` as a token names another mm.
    expect(t.final.sets.map((s) => s.name)).toStrictEqual(['vm1', 'vm4']);
  });

  it('type=null sets never clash on tokens', () => {
    const t = run(lines('capacity 100', 'set a quota=4 type=null token=x', 'set b quota=4 type=null token=x'));
    expect(t.final.sets.map((s) => s.name)).toStrictEqual(['a', 'b']);
  });

  it('errors are checked in order: -EINVAL before -ENOSPC before -EEXIST', () => {
    const t = run(lines('capacity 10', 'set vm1 quota=4', 'set vm1 quota=0', 'set vm1 quota=100', 'set vm1 quota=1'));
    expect(results(t)).toMatchObject({ 3: '-EINVAL', 4: '-ENOSPC', 5: '-EEXIST' });
  });
});

describe('§3.1 system_set', () => {
  it('allocates the set named `system` and takes its quota', () => {
    const t = run(lines('capacity 100', 'system_set quota=8', 'alloc system -> s', 'expect used system == 1', 'expect avail == 92'));
    expectAllHeld(t);
    expect(t.final.sets).toStrictEqual([{ name: 'system', sid: expect.any(Number), quota: 8, used: 1 }]);
  });
});

describe('§3.1 adjust', () => {
  const base = ['capacity 100', 'set vm1 quota=4', 'alloc vm1', 'alloc vm1'];

  it('raising and lowering moves the difference to or from capacity_avail', () => {
    const t = run(lines(...base, 'adjust vm1 quota=10', 'expect avail == 90', 'adjust vm1 quota=2', 'expect avail == 98', 'expect quota vm1 == 2'));
    expect(results(t)).toMatchObject({ 5: '0', 7: '0' });
    expectAllHeld(t);
  });

  it('-EINVAL below the live count, for Q < 1 and for an unknown set', () => {
    const t = run(lines(...base, 'adjust vm1 quota=1', 'adjust vm1 quota=0'));
    expect(results(t)).toMatchObject({ 5: '-EINVAL', 6: '-EINVAL' });
    // An unknown set: a set whose `set` statement failed refers to nothing.
    const u = run(lines('capacity 10', 'set big quota=11', 'adjust big quota=1'));
    expect(results(u)[3]).toBe('-EINVAL');
  });

  it('-ENOSPC when the increase exceeds capacity_avail; exactly avail fits', () => {
    const t = run(lines(...base, 'adjust vm1 quota=101', 'adjust vm1 quota=100', 'expect avail == 0'));
    expect(results(t)).toMatchObject({ 5: '-ENOSPC', 6: '0' });
    expectAllHeld(t);
  });

  it('a failed call changes nothing', () => {
    const t = run(lines(...base, 'adjust vm1 quota=1', 'adjust vm1 quota=0', 'adjust vm1 quota=200', 'expect quota vm1 == 4', 'expect avail == 96', 'expect used vm1 == 2'));
    expectAllHeld(t);
  });

  it('the live count includes FREE_PENDING IDs (refcount)', () => {
    const t = run(lines(...base, 'get 1', 'free 1', 'expect state 1 == free_pending', 'adjust vm1 quota=1', 'expect quota vm1 == 4'));
    expect(results(t)[8]).toBe('-EINVAL');
    expectAllHeld(t);
  });
});

describe('§3.1 free_set', () => {
  it('without destroy: frees every ID with FREE events; the set stays usable', () => {
    const t = run(
      lines('capacity 100', 'set vm1 quota=3', 'notifier log kind=log', 'alloc vm1 -> a', 'alloc vm1 -> b', 'free_set vm1',
        'expect delivered log FREE a', 'expect delivered log FREE b', 'expect used vm1 == 0', 'alloc vm1', 'expect ok', 'expect avail == 97'),
      'v1',
    );
    expectAllHeld(t);
    expect(stepOf(t, 'free_set vm1').resultName).toBe('0');
  });

  it('with destroy: the set is erased and its quota returns to capacity_avail', () => {
    const t = run(lines('capacity 100', 'set vm1 quota=3', 'alloc vm1', 'free_set vm1 destroy', 'expect avail == 100', 'alloc vm1', 'expect INVALID_IOASID'), 'v1');
    expectAllHeld(t);
    expect(t.final.sets).toStrictEqual([]);
    expect(t.final.ids).toStrictEqual([]);
  });

  it('refcount: destroy with FREE_PENDING IDs returns -EBUSY after freeing what it can', () => {
    const t = run(lines(
      'capacity 100', 'set vm1 quota=3', 'alloc vm1 -> a', 'alloc vm1 -> b', 'get a',
      'free_set vm1 destroy',
      'expect -EBUSY', 'expect state a == free_pending', 'expect state b == free', 'expect used vm1 == 1', 'expect avail == 97',
      'put a', 'expect 1', 'free_set vm1 destroy', 'expect 0', 'expect avail == 100',
    ));
    expectAllHeld(t);
  });

  it('a destroyed token can be reused by a new mm set', () => {
    const t = run(lines('capacity 100', 'set vm1 quota=3', 'free_set vm1 destroy', 'set vm1 quota=5', 'expect quota vm1 == 5'));
    expect(results(t)[4]).not.toMatch(/^-/);
    expectAllHeld(t);
  });
});

describe('§3.1 live count and find_sid', () => {
  it('used counts active and FREE_PENDING; an ID leaves its set only when reclaimed', () => {
    const t = run(lines(
      'capacity 100', 'set vm1 quota=2', 'alloc vm1 -> a', 'get a', 'free a', 'expect used vm1 == 1',
      'alloc vm1', 'expect ok', 'alloc vm1', 'expect INVALID_IOASID', 'put a', 'expect used vm1 == 1',
    ));
    expectAllHeld(t);
  });

  it('find_sid: the sid of a live ID (FREE_PENDING included), else -ENOENT', () => {
    const { trace: t, run: r } = runFull(lines(
      'capacity 100', 'set vm0 quota=1', 'set vm1 quota=2', 'alloc vm1 -> a', 'find_sid a', 'get a', 'free a', 'find_sid a', 'put a', 'find_sid a', 'find_sid 77',
    ));
    const sid = r.machine.kernel.state.sets.bySid;
    const vm1 = [...sid.values()].find((s) => s.name === 'vm1')!.sid;
    expect(results(t)).toMatchObject({ 5: String(vm1), 8: String(vm1), 10: '-ENOENT', 11: '-ENOENT' });
    expect(vm1).not.toBe(results(t)[2]);
  });
});
