// SPEC §3.2 IDs: alloc policies and bounds, free (immediate vs refcount), get/put, find,
// guest PASID (SPID) mapping, and names bound only when their statement succeeds.

import { describe, expect, it } from 'vitest';
import { deliveryLog, expectAllHeld, lines, results, run, stepOf } from './harness';

const lowest = { preset: 'v1' as const };
const cyclic = { preset: 'v1' as const, axes: [['alloc', 'cyclic']] as [string, string][] };

describe('§3.2 alloc', () => {
  it('lowest: the smallest free ID ≥ min, so a freed ID comes back at once', () => {
    const t = run(lines('set vm1 quota=8', 'alloc vm1', 'alloc vm1', 'alloc vm1', 'free 2', 'alloc vm1', 'alloc vm1 min=2'), lowest);
    expect(results(t)).toMatchObject({ 2: '1', 3: '2', 4: '3', 6: '2', 7: '4' });
  });

  it('cyclic: the smallest free ID after the last one handed out, wrapping to min', () => {
    const t = run(lines('set vm1 quota=8', 'alloc vm1 max=4', 'alloc vm1 max=4', 'free 1', 'alloc vm1 max=4', 'alloc vm1 max=4', 'alloc vm1 max=4', 'alloc vm1 max=4'), cyclic);
    // 1, 2, (free 1), 3, 4, then wrap: 1 is free again; then 2,3,4 used and 1 taken → none.
    expect(results(t)).toMatchObject({ 2: '1', 3: '2', 5: '3', 6: '4', 7: '1', 8: 'INVALID_IOASID' });
  });

  it('cyclic: the cursor is system-wide, shared by every set', () => {
    const t = run(lines('set a quota=4', 'set b quota=4', 'alloc a', 'free 1', 'alloc b', 'alloc a'), cyclic);
    expect(results(t)).toMatchObject({ 3: '1', 5: '2', 6: '3' });
  });

  it('cyclic: the first allocation starts at min', () => {
    const t = run(lines('set a quota=4', 'alloc a min=10 max=20', 'alloc a min=5 max=20'), cyclic);
    expect(results(t)).toMatchObject({ 2: '10', 3: '11' });
  });

  it('bounds are inclusive: min=max gives exactly that ID, once', () => {
    for (const m of [lowest, cyclic]) {
      const t = run(lines('set vm1 quota=8', 'alloc vm1 min=7 max=7', 'alloc vm1 min=7 max=7', 'alloc vm1 min=3 max=4', 'alloc vm1 min=3 max=4', 'alloc vm1 min=3 max=4'), m);
      expect(results(t)).toMatchObject({ 2: '7', 3: 'INVALID_IOASID', 4: '3', 5: '4', 6: 'INVALID_IOASID' });
      expect(stepOf(t, 'alloc vm1 min=7 max=7', 1).warnings.length).toBeGreaterThan(0);
    }
  });

  it('defaults: min=1, max=capacity−1 (PASID 0 is never handed out by default)', () => {
    const t = run(lines('capacity 4', 'set vm1 quota=4', 'alloc vm1', 'alloc vm1', 'alloc vm1', 'alloc vm1', 'expect INVALID_IOASID'));
    expect(results(t)).toMatchObject({ 3: '1', 4: '2', 5: '3', 6: 'INVALID_IOASID' });
    expectAllHeld(t);
  });

  it('max above capacity−1 is clamped rather than handing out an ID beyond the capacity', () => {
    const t = run(lines('capacity 4', 'set vm1 quota=4', 'alloc vm1 min=3 max=100', 'alloc vm1 min=3 max=100'));
    expect(results(t)).toMatchObject({ 3: '3', 4: 'INVALID_IOASID' });
  });

  it('out of quota: INVALID_IOASID and a warning, even with free IDs in range', () => {
    const t = run(lines('set vm1 quota=2', 'alloc vm1', 'alloc vm1', 'alloc vm1'));
    const s = stepOf(t, 'alloc vm1', 2);
    expect(s.resultName).toBe('INVALID_IOASID');
    expect(s.warnings.join()).toMatch(/out of quota/);
  });

  it('unknown set: INVALID_IOASID and a warning', () => {
    const t = run(lines('capacity 10', 'set vm1 quota=11', 'alloc vm1'));
    expect(results(t)[3]).toBe('INVALID_IOASID');
    expect(stepOf(t, 'alloc vm1').warnings.length).toBeGreaterThan(0);
  });

  it('success: live count += 1, refcount = 1, ALLOC published', () => {
    const t = run(lines('set vm1 quota=4', 'notifier log kind=log', 'alloc vm1 -> a', 'expect used vm1 == 1', 'expect refs a == 1', 'expect state a == active', 'expect delivered log ALLOC a'));
    expectAllHeld(t);
    expect(deliveryLog(t)).toStrictEqual(['log:ALLOC:1']);
  });
});

describe('§3.2 free', () => {
  it('unknown ID: a warning and a no-op (both models)', () => {
    for (const m of ['v1', 'v4'] as const) {
      const t = run(lines('set vm1 quota=4', 'alloc vm1', 'free 9', 'expect allocated == 1'), m);
      expect(results(t)[3]).toBe('0');
      expect(t.steps[2].warnings.length).toBe(1);
      expectAllHeld(t);
    }
  });

  it('immediate: FREE is published (while the ID is still live), then the ID is reusable', () => {
    const t = run(lines('set vm1 quota=4', 'notifier log kind=log', 'alloc vm1 -> a', 'get a', 'free a', 'expect state a == free', 'expect used vm1 == 0', 'alloc vm1', 'expect 1'), 'v1');
    expectAllHeld(t);
    expect(deliveryLog(t)).toStrictEqual(['log:ALLOC:1', 'log:FREE:1', 'log:ALLOC:1']);
    expect(t.deliveries[1].set).toBe('vm1');
  });

  it('refcount with refcount 1: reclaimed at once and no FREE event', () => {
    const t = run(lines('set vm1 quota=4', 'notifier log kind=log', 'alloc vm1 -> a', 'free a', 'expect state a == free', 'expect used vm1 == 0'));
    expectAllHeld(t);
    expect(deliveryLog(t)).toStrictEqual(['log:ALLOC:1']);
  });

  it('refcount with other holders: FREE_PENDING, refcount − 1, FREE published, reclaimed by the last put', () => {
    const t = run(lines(
      'set vm1 quota=4', 'notifier log kind=log', 'alloc vm1 -> a', 'get a', 'get a',
      'free a', 'expect state a == free_pending', 'expect refs a == 2', 'expect delivered log FREE a',
      'alloc vm1', 'expect 2',
      'put a', 'expect 0', 'put a', 'expect 1', 'expect state a == free', 'alloc vm1', 'expect 1',
    ));
    expectAllHeld(t);
  });

  it('refcount: freeing a FREE_PENDING ID is a no-op (no second FREE, refcount unchanged)', () => {
    const t = run(lines('set vm1 quota=4', 'notifier log kind=log', 'alloc vm1 -> a', 'get a', 'free a', 'free a', 'expect refs a == 1', 'expect state a == free_pending'));
    expectAllHeld(t);
    expect(deliveryLog(t).filter((d) => d.includes('FREE'))).toStrictEqual(['log:FREE:1']);
  });
});

describe('§3.2 get and put', () => {
  it('get: 0 and refcount + 1; -EINVAL unknown; -EBUSY FREE_PENDING', () => {
    const t = run(lines('set vm1 quota=4', 'alloc vm1 -> a', 'get a', 'expect refs a == 2', 'get 5', 'free a', 'get a', 'expect refs a == 1'));
    expect(results(t)).toMatchObject({ 3: '0', 5: '-EINVAL', 7: '-EBUSY' });
    expectAllHeld(t);
  });

  it('put: 1 when it reclaims, 0 when not', () => {
    const t = run(lines('set vm1 quota=4', 'alloc vm1 -> a', 'get a', 'put a', 'put a', 'expect state a == free'));
    expect(results(t)).toMatchObject({ 4: '0', 5: '1' });
    expectAllHeld(t);
  });

  it('put of an unknown ID: 0 and a warning', () => {
    const t = run(lines('set vm1 quota=4', 'put 3'));
    expect(results(t)[2]).toBe('0');
    expect(t.steps[1].warnings.length).toBe(1);
  });
});

describe('§3.2 find', () => {
  it('0 found; -ENOENT not live; -EACCES live in another set', () => {
    const t = run(lines('set vm1 quota=4', 'set vm2 quota=4', 'alloc vm1 -> a', 'find a', 'find a set=vm1', 'find a set=vm2', 'find 9', 'find 9 set=vm1'));
    expect(results(t)).toMatchObject({ 4: '0', 5: '0', 6: '-EACCES', 7: '-ENOENT', 8: '-ENOENT' });
  });

  it('a FREE_PENDING ID is still live for find', () => {
    const t = run(lines('set vm1 quota=4', 'alloc vm1 -> a', 'get a', 'free a', 'find a set=vm1'));
    expect(results(t)[5]).toBe('0');
  });
});

describe('§3.2 attach_spid / detach_spid / find_spid', () => {
  it('attach publishes BIND, detach publishes UNBIND; find_spid maps SPID → host ID', () => {
    const t = run(lines(
      'set vm1 quota=4', 'notifier log kind=log', 'alloc vm1', 'alloc vm1 -> h',
      'attach_spid h 101', 'find_spid vm1 101 -> f', 'expect f == 2',
      'detach_spid h', 'find_spid vm1 101',
    ));
    expect(results(t)).toMatchObject({ 5: '0', 6: '2', 8: '0', 9: 'INVALID_IOASID' });
    expect(deliveryLog(t)).toStrictEqual(['log:ALLOC:1', 'log:ALLOC:2', 'log:BIND:2', 'log:UNBIND:2']);
    expectAllHeld(t);
  });

  it('-EINVAL for a SPID already used in the set; allowed across sets', () => {
    const t = run(lines(
      'set vm1 quota=4', 'set vm2 quota=4', 'alloc vm1 -> a', 'alloc vm1 -> b', 'alloc vm2 -> c',
      'attach_spid a 101', 'attach_spid b 101', 'attach_spid c 101',
      'find_spid vm1 101', 'find_spid vm2 101',
    ));
    expect(results(t)).toMatchObject({ 6: '0', 7: '-EINVAL', 8: '0', 9: '1', 10: '3' });
  });

  it('-EINVAL for INVALID_IOASID as the SPID (checked first, even for an unknown ID): find_spid keeps meaning "none" by it', () => {
    const t = run(lines('set vm1 quota=4', 'alloc vm1 -> a', 'attach_spid a 0xFFFFFFFF', 'attach_spid 9 0xFFFFFFFF', 'find_spid vm1 0xFFFFFFFF'));
    expect(results(t)).toMatchObject({ 3: '-EINVAL', 4: '-EINVAL', 5: 'INVALID_IOASID' });
    expect(stepOf(t, 'attach_spid a 0xFFFFFFFF').warnings).toStrictEqual(['INVALID_IOASID cannot be a guest PASID']);
  });

  it('-ENOENT for an unknown ID', () => {
    const t = run(lines('set vm1 quota=4', 'attach_spid 5 101', 'detach_spid 5'));
    expect(results(t)).toMatchObject({ 2: '-ENOENT', 3: '-ENOENT' });
  });

  it('find_spid in an unknown set or with an unmapped SPID: INVALID_IOASID, name left unbound', () => {
    const t = run(lines('set vm1 quota=4', 'find_spid vm1 7 -> f', 'get f'));
    expect(results(t)).toMatchObject({ 2: 'INVALID_IOASID', 3: '-EINVAL' });
  });

  it('reclaim drops the SPID mapping so it can be reused', () => {
    const t = run(lines('set vm1 quota=4', 'alloc vm1 -> a', 'attach_spid a 9', 'free a', 'alloc vm1 -> b', 'attach_spid b 9', 'find_spid vm1 9'));
    expect(results(t)).toMatchObject({ 6: '0', 7: '1' });
  });
});

describe('§4 names are bound only on success', () => {
  it('a failed alloc keeps the earlier binding', () => {
    const t = run(lines('set vm1 quota=1', 'alloc vm1 -> a', 'alloc vm1 -> a', 'expect a == 1', 'free a', 'expect state 1 == free'));
    expectAllHeld(t);
  });

  it('a name whose statement never succeeded refers to nothing: its users fail like an unknown ID', () => {
    const t = run(lines('set vm1 quota=1', 'alloc vm1', 'alloc vm1 -> a', 'get a', 'put a', 'find a', 'free a', 'expect allocated == 1'));
    expect(results(t)).toMatchObject({ 3: 'INVALID_IOASID', 4: '-EINVAL', 5: '0', 6: '-ENOENT', 7: '0' });
    // put/free of nothing warn, as for an unknown ID.
    expect(t.steps[4].warnings.length).toBeGreaterThan(0);
    expectAllHeld(t);
  });

  it('a failed set keeps the name pointing at the earlier set', () => {
    const t = run(lines('capacity 100', 'set vm1 quota=4', 'set vm1 quota=4', 'alloc vm1', 'expect ok', 'expect used vm1 == 1'));
    expect(results(t)[3]).toBe('-EEXIST');
    expectAllHeld(t);
  });
});
