// SPEC §3.4 VT-d PASID tables as the kernel paths drive them: bind/unbind errors and effects,
// the strict teardown order, DMA faults vs stale translations, and bare-metal SVA.

import { describe, expect, it } from 'vitest';
import { deliveryLog, expectAllHeld, kinds, lines, results, run, runFull, stepKinds, stepOf } from './harness';

const VM = ['set vm1 quota=4', 'alloc vm1 -> g1'];

describe('§3.4 bind', () => {
  it('sets a present nested entry (PGTT 3), takes a reference and publishes BIND', () => {
    const t = run(lines(...VM, 'device dev0', 'notifier l kind=log', 'bind dev0 g1', 'expect entry dev0 g1 present', 'expect refs g1 == 2'));
    expectAllHeld(t);
    expect(results(t)[5]).toBe('0');
    expect(deliveryLog(t)).toStrictEqual(['l:BIND:1']);
    expect(t.final.entries).toStrictEqual([{ device: 'dev0', id: 1, pgtt: 3, did: expect.any(Number) }]);
  });

  it('mode= picks the PGTT: fl 1, sl 2, nested 3, pt 4', () => {
    const t = run(lines('set vm1 quota=4', 'alloc vm1', 'alloc vm1', 'alloc vm1', 'alloc vm1', 'device d', 'bind d 1 mode=fl', 'bind d 2 mode=sl', 'bind d 3 mode=nested', 'bind d 4 mode=pt'));
    expect(t.final.entries.map((e) => [e.id, e.pgtt])).toStrictEqual([[1, 1], [2, 2], [3, 3], [4, 4]]);
  });

  it('gpasid= attaches the guest PASID (BIND once) and find_spid sees it', () => {
    const t = run(lines(...VM, 'device dev0', 'notifier l kind=log', 'bind dev0 g1 gpasid=101', 'find_spid vm1 101'));
    expect(results(t)[6]).toBe('1');
    expect(deliveryLog(t)).toStrictEqual(['l:BIND:1']);
  });

  it('-ENOENT for an unknown ID (and for a FREE_PENDING one)', () => {
    const t = run(lines(...VM, 'device dev0', 'bind dev0 7', 'get g1', 'free g1', 'bind dev0 g1'));
    expect(results(t)).toMatchObject({ 4: '-ENOENT', 7: '-ENOENT' });
    expect(t.final.entries).toStrictEqual([]);
  });

  it('-EBUSY when the entry is already present (never overwritten)', () => {
    const t = run(lines(...VM, 'device dev0', 'bind dev0 g1', 'bind dev0 g1 mode=fl', 'expect refs g1 == 2'));
    expect(results(t)[5]).toBe('-EBUSY');
    expect(t.final.entries[0].pgtt).toBe(3);
    expectAllHeld(t);
  });

  it('-EINVAL when the ID is ≥ the device\'s max_pasid', () => {
    const t = run(lines('set vm1 quota=8', 'alloc vm1 min=4 -> a', 'alloc vm1 min=3 -> b', 'device dev0 max_pasid=4', 'bind dev0 a', 'bind dev0 b'));
    expect(results(t)).toMatchObject({ 5: '-EINVAL', 6: '0' });
  });

  it('a failed bind changes nothing: no reference, no event, no entry', () => {
    const t = run(lines(...VM, 'device dev0 max_pasid=1', 'notifier l kind=log', 'bind dev0 g1', 'expect refs g1 == 1', 'expect entry dev0 g1 absent'));
    expectAllHeld(t);
    expect(t.deliveries).toStrictEqual([]);
  });

  it('the same ID may be bound on two devices; each bind takes a reference', () => {
    const t = run(lines(...VM, 'device d0', 'device d1', 'bind d0 g1 gpasid=5', 'bind d1 g1 gpasid=5', 'expect refs g1 == 3'));
    expect(results(t)).toMatchObject({ 5: '0', 6: '0' });
    expectAllHeld(t);
  });
});

describe('§3.4 unbind', () => {
  it('tears down in the strict order clear → PASID-cache → IOTLB → device-TLB (ATS on)', () => {
    const { run: r } = runFull(lines(...VM, 'device dev0 ats=on', 'bind dev0 g1', 'unbind dev0 g1'));
    const log = r.machine.kernel.state.vtd.flushLog.filter((e) => e.kind !== 'write-buffer');
    expect(log.map((e) => e.kind)).toStrictEqual(['clear', 'pasid-cache', 'iotlb', 'devtlb']);
    expect(new Set(log.map((e) => `${e.device}:${e.id}`))).toStrictEqual(new Set(['dev0:1']));
  });

  it('no device-TLB invalidation without ATS', () => {
    const { run: r } = runFull(lines(...VM, 'device dev0 ats=off', 'bind dev0 g1', 'unbind dev0 g1'));
    const log = r.machine.kernel.state.vtd.flushLog.filter((e) => e.kind !== 'write-buffer');
    expect(log.map((e) => e.kind)).toStrictEqual(['clear', 'pasid-cache', 'iotlb']);
  });

  it('then publishes UNBIND and drops the reference; it does not free the ID', () => {
    const t = run(lines(...VM, 'device dev0', 'notifier l kind=log', 'bind dev0 g1', 'unbind dev0 g1',
      'expect entry dev0 g1 absent', 'expect refs g1 == 1', 'expect state g1 == active', 'expect used vm1 == 1'));
    expectAllHeld(t);
    expect(results(t)[6]).toBe('0');
    expect(deliveryLog(t)).toStrictEqual(['l:BIND:1', 'l:UNBIND:1']);
  });

  it('with a guest PASID: UNBIND via detach, and the SPID mapping is gone', () => {
    const t = run(lines(...VM, 'device dev0', 'notifier l kind=log', 'bind dev0 g1 gpasid=9', 'unbind dev0 g1', 'find_spid vm1 9'));
    expect(results(t)[7]).toBe('INVALID_IOASID');
    expect(deliveryLog(t)).toStrictEqual(['l:BIND:1', 'l:UNBIND:1']);
  });

  it('-ENOENT for an ID that is not bound on the device or not live', () => {
    const t = run(lines(...VM, 'device dev0', 'unbind dev0 g1', 'unbind dev0 9'));
    expect(results(t)).toMatchObject({ 4: '-ENOENT', 5: '-ENOENT' });
  });

  it('the translation caches are empty after unbind, so DMA faults', () => {
    const t = run(lines(...VM, 'device dev0 ats=on', 'bind dev0 g1', 'dma dev0 g1', 'unbind dev0 g1', 'dma dev0 g1'));
    expect(results(t)).toMatchObject({ 5: '0', 7: '-EFAULT' });
    expect(t.violations).toStrictEqual([]);
  });
});

describe('§3.4 dma', () => {
  it('a request with a present entry of the current owner translates: 0, no violation', () => {
    const t = run(lines(...VM, 'device dev0', 'bind dev0 g1', 'dma dev0 g1'));
    expect(results(t)[5]).toBe('0');
    expect(t.violations).toStrictEqual([]);
  });

  it('nothing translates: -EFAULT with a warning, and no violation', () => {
    const t = run(lines(...VM, 'device dev0', 'dma dev0 g1'));
    const s = stepOf(t, 'dma dev0 g1');
    expect(s.resultName).toBe('-EFAULT');
    expect(s.warnings.length).toBe(1);
    expect(t.violations).toStrictEqual([]);
  });

  it('a cached translation of a freed ID is a stale translation', () => {
    // Under immediate + deferred cleanup the ID is gone while the entry and caches remain.
    const t = run(lines('set vm1 quota=4', 'notifier i kind=iommu', 'alloc vm1 -> g1', 'device dev0', 'bind dev0 g1', 'dma dev0 g1', 'free g1', 'dma dev0 1'), 'cyclic');
    expect(stepKinds(t, stepOf(t, 'dma dev0 1'))).toStrictEqual(['stale-translation']);
    // Once the queued teardown ran, the same request only faults.
    const u = run(lines('set vm1 quota=4', 'notifier i kind=iommu', 'alloc vm1 -> g1', 'device dev0', 'bind dev0 g1', 'dma dev0 g1', 'free g1', 'flush_work', 'dma dev0 1'), 'cyclic');
    expect(stepOf(u, 'dma dev0 1').resultName).toBe('-EFAULT');
    expect(kinds(u)).toStrictEqual([]);
  });
});

describe('§3.4 bare-metal SVA', () => {
  const SVA = ['system_set quota=4', 'device d0', 'device d1', 'mm p'];

  it('sva_bind allocates from the system set and sets a first-level entry (PGTT 1)', () => {
    const t = run(lines(...SVA, 'sva_bind d0 p -> a', 'expect used system == 1', 'expect entry d0 a present'));
    expectAllHeld(t);
    expect(t.final.entries).toStrictEqual([{ device: 'd0', id: 1, pgtt: 1, did: expect.any(Number) }]);
  });

  it('a second device reuses the mm\'s ID and takes a reference (iommu_sva_alloc_pasid)', () => {
    const t = run(lines(...SVA, 'sva_bind d0 p -> a', 'sva_bind d1 p -> b', 'expect a == 1', 'expect b == 1', 'expect refs a == 2', 'expect used system == 1'));
    expectAllHeld(t);
  });

  it('a second device whose range the mm\'s PASID is beyond: -EOVERFLOW (iommu_sva_alloc_pasid)', () => {
    const t = run(lines('system_set quota=100', 'device d0', 'device d1 max_pasid=4', 'mm p', 'repeat 10 {', 'alloc system', '}', 'sva_bind d0 p -> s', 'expect s == 11', 'sva_bind d1 p', 'expect -EOVERFLOW', 'expect refs s == 1'));
    expectAllHeld(t);
  });

  it('sva_bind without a system set fails and binds no name', () => {
    const t = run(lines('device d0', 'mm p', 'sva_bind d0 p -> a', 'get a'));
    expect(results(t)[3]).toMatch(/^-E/);
    expect(results(t)[4]).toBe('-EINVAL');
  });

  it('mm_exit tears every entry down (flushes in order) but keeps the ID', () => {
    const { trace: t, run: r } = runFull(lines(...SVA, 'sva_bind d0 p -> a', 'sva_bind d1 p', 'mm_exit p',
      'expect entry d0 a absent', 'expect entry d1 a absent', 'expect state a == active', 'dma d0 a'));
    expectAllHeld(t);
    expect(stepOf(t, 'dma d0 a').resultName).toBe('-EFAULT');
    const clears = r.machine.kernel.state.vtd.flushLog.filter((e) => e.kind !== 'write-buffer').map((e) => `${e.device}:${e.kind}`);
    expect(clears.slice(0, 3)).toStrictEqual(['d0:clear', 'd0:pasid-cache', 'd0:iotlb']);
  });

  it('mmu_notifier_put queues an RCU callback; it frees the ID (with every bind\'s reference) in atomic context', () => {
    const t = run(lines(...SVA, 'sva_bind d0 p -> a', 'sva_bind d1 p', 'mm_exit p', 'mmu_notifier_put p', 'expect state a == active', 'rcu_barrier', 'expect state a == free'));
    expectAllHeld(t);
    const cb = t.steps.find((s) => s.thread === 'rcu')!;
    expect(cb.context).toBe('atomic');
    expect(t.violations).toStrictEqual([]);
  });

  it('v1: the same callback sleeps in atomic context (mutex_lock in ioasid_free)', () => {
    const t = run(lines(...SVA, 'sva_bind d0 p', 'mm_exit p', 'mmu_notifier_put p', 'rcu_barrier'), 'v1');
    expect(kinds(t)).toStrictEqual(['sleep-in-atomic']);
    expect(t.violations[0].message).toMatch(/ioasid_free/);
  });

  // Regression (found by fuzzing): the SRCU callback looked the mm's PASID up when it ran, so
  // a put queued before an sva_bind freed the PASID that bind took later, under its live
  // entry (teardown-order, then a leaked entry).
  it('the callback frees the PASID the mm had at mmu_notifier_put, not one a later sva_bind took', () => {
    const t = run(lines(...SVA, 'mmu_notifier_put p', 'sva_bind d0 p -> a', 'rcu_barrier', 'expect state a == active', 'expect entry d0 a present', 'dma d0 a'));
    expectAllHeld(t);
    expect(stepOf(t, 'dma d0 a').resultName).toBe('0');
    expect(kinds(t)).toStrictEqual([]);
  });

  // Regression: under free=immediate the second sva_bind took no reference (SPEC §3.4 says it
  // takes one, as iommu_sva_alloc_pasid does), so `expect refs` disagreed across models.
  it.each(['v1', 'cyclic', 'v4'] as const)('%s: every bind of the mm takes a reference', (preset) => {
    const t = run(lines(...SVA, 'sva_bind d0 p -> a', 'sva_bind d1 p', 'expect refs a == 2', 'mm_exit p', 'mmu_notifier_put p', 'rcu_barrier', 'expect state a == free'), preset);
    expectAllHeld(t);
  });
});

describe('§3.3/§3.4 references under every free model', () => {
  // Regression: bind, KVM and the VDCM counted their references only under free=refcount.
  it.each(['v1', 'cyclic', 'v4'] as const)('%s: bind, KVM and the VDCM each hold one; unbind drops them', (preset) => {
    const t = run(lines('set vm1 quota=4', 'device dev0', 'notifier kvm kind=kvm', 'notifier vdcm kind=vdcm', 'alloc vm1 -> h',
      'bind dev0 h gpasid=7', 'expect refs h == 4', 'unbind dev0 h', 'expect refs h == 1', 'expect state h == active'), preset);
    expectAllHeld(t);
    expect(kinds(t).filter((k) => k !== 'lock-order')).toStrictEqual([]);
  });

  it('immediate: free returns the ID whatever its count, and holders never put the next owner\'s ID', () => {
    const t = run(lines('set vm1 quota=4', 'device dev0', 'notifier iommu kind=iommu', 'notifier kvm kind=kvm', 'alloc vm1 -> h',
      'bind dev0 h gpasid=7', 'free h', 'expect state h == free', 'alloc vm1 -> n', 'expect n == 1', 'flush_work', 'expect refs n == 1'),
    { preset: 'cyclic', axes: [['alloc', 'lowest']] });
    expectAllHeld(t);
  });
});
