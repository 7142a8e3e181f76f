// SPEC §3.6: for each violation kind, a minimal scenario that raises it and the closest one
// that must not.

import { describe, expect, it } from 'vitest';
import { ExecContext } from '../../../src/engine/exec/context';
import { checkAccounting } from '../../../src/engine/invariants/accounting';
import { Kernel } from '../../../src/engine/kernel/kernel';
import type { KernelSink } from '../../../src/engine/kernel/sink';
import { PRESETS } from '../../../src/engine/model';
import { allocSet } from '../../../src/engine/sets/setOps';
import type { ViolationKind } from '../../../src/engine/trace';
import { kinds, lines, run, stepKinds, stepOf } from './harness';
import { loadScenario, resolveModel, runScenario } from '../../../src/engine/lab';

describe('sleep-in-atomic', () => {
  it('v1: an allocation under the allocator mutex inside atomic { } sleeps in atomic context', () => {
    const t = run(lines('set vm1 quota=4', 'atomic {', 'alloc vm1', '}'), 'v1');
    expect(kinds(t)).toContain('sleep-in-atomic');
    expect(t.violations[0].line).toBe(3);
    expect(t.violations[0].message).toMatch(/ioasid_allocator_lock|GFP_KERNEL/);
  });

  it('v1: the same allocation in task context is fine', () => {
    expect(kinds(run(lines('set vm1 quota=4', 'alloc vm1'), 'v1'))).toStrictEqual([]);
  });

  it('v4 (spinlock): the allocation inside atomic { } does not sleep', () => {
    expect(kinds(run(lines('set vm1 quota=4', 'atomic {', 'alloc vm1', '}'), 'v4'))).toStrictEqual([]);
  });

  it('mutex_lock while a spinlock is held sleeps in atomic context; after spin_unlock it does not', () => {
    expect(kinds(run(lines('spin_lock S', 'mutex_lock M', 'mutex_unlock M', 'spin_unlock S')))).toStrictEqual(['sleep-in-atomic']);
    expect(kinds(run(lines('spin_lock S', 'spin_unlock S', 'mutex_lock M', 'mutex_unlock M')))).toStrictEqual([]);
  });

  it('synchronize_rcu (quiesce) from an RCU callback sleeps', () => {
    const t = run(lines('call_rcu {', 'quiesce', '}', 'rcu_barrier'));
    expect(kinds(t)).toContain('sleep-in-atomic');
  });

  it('a work item may sleep', () => {
    expect(kinds(run(lines('work {', 'mutex_lock M', 'mutex_unlock M', '}', 'flush_work')))).toStrictEqual([]);
  });
});

const REUSE = (head: string, between: string[] = []) =>
  lines(head, 'set vm1 quota=4', 'set vm2 quota=4', 'device dev0', 'notifier iommu kind=iommu',
    'alloc vm1 -> g1', 'bind dev0 g1', 'free g1', ...between, 'alloc vm2 -> g2', 'dma dev0 g2');

describe('reuse-before-cleanup', () => {
  it('an ID handed out again while the old owner\'s PASID entry remains', () => {
    const t = run(REUSE('model cyclic alloc=lowest'), {});
    const s = stepOf(t, 'alloc vm2 -> g2');
    expect(s.resultName).toBe('1');
    expect(stepKinds(t, s)).toStrictEqual(['reuse-before-cleanup']);
  });

  it('not once the queued cleanup ran (flush_work before the second alloc)', () => {
    const t = run(REUSE('model cyclic alloc=lowest', ['flush_work']), {});
    expect(stepOf(t, 'alloc vm2 -> g2').resultName).toBe('1');
    expect(kinds(t)).toStrictEqual([]);
  });

  it('a KVM translation of the old owner counts as well', () => {
    const src = (extra: string[]) => lines('model cyclic alloc=lowest', 'set vm1 quota=4', 'set vm2 quota=4', 'notifier k kind=kvm',
      'alloc vm1 -> g1', 'attach_spid g1 5', ...extra, 'alloc vm2');
    // KVM only clears on UNBIND/FREE; freeing with the FREE chain muted leaves its translation behind.
    const t = run(src(['unnotifier k', 'free g1', 'notifier k kind=kvm']), {});
    expect(kinds(t)).toContain('reuse-before-cleanup');
    expect(kinds(run(src(['free g1']), {}))).toStrictEqual([]);
  });
});

describe('stale-translation', () => {
  it('DMA with the reused ID is translated by the old owner\'s entry', () => {
    const t = run(REUSE('model cyclic alloc=lowest'), {});
    const s = stepOf(t, 'dma dev0 g2');
    expect(stepKinds(t, s)).toStrictEqual(['stale-translation']);
  });

  it('DMA after the cleanup faults instead (no violation)', () => {
    const t = run(REUSE('model cyclic alloc=lowest', ['flush_work']), {});
    expect(stepOf(t, 'dma dev0 g2').resultName).toBe('-EFAULT');
    expect(kinds(t)).toStrictEqual([]);
  });

  it('with ATS, a translation the device-TLB cached before the free is stale too', () => {
    // The device-TLB (ATS) keeps translating for the freed ID until teardown invalidates it.
    const t = run(lines('model cyclic alloc=lowest', 'set vm1 quota=4', 'device dev0 ats=on', 'notifier i kind=iommu',
      'alloc vm1 -> g1', 'bind dev0 g1', 'dma dev0 g1', 'free g1', 'dma dev0 1'), {});
    expect(stepKinds(t, stepOf(t, 'dma dev0 1'))).toStrictEqual(['stale-translation']);
  });
});

describe('teardown-order', () => {
  it('refcount: an extra put reclaims an ID whose PASID entry is still present', () => {
    const t = run(lines('set vm1 quota=4', 'device dev0', 'alloc vm1 -> g1', 'bind dev0 g1', 'put g1', 'put g1'));
    const s = stepOf(t, 'put g1', 1);
    expect(s.resultName).toBe('1');
    expect(stepKinds(t, s)).toStrictEqual(['teardown-order']);
  });

  it('not when unbind tore the entry down before the last put', () => {
    const t = run(lines('set vm1 quota=4', 'device dev0', 'alloc vm1 -> g1', 'bind dev0 g1', 'unbind dev0 g1', 'put g1'));
    expect(stepOf(t, 'put g1').resultName).toBe('1');
    expect(kinds(t)).toStrictEqual([]);
  });

  it('the kernel\'s own teardown (free, deferred work) never breaks the order', () => {
    const t = run(lines('set vm1 quota=4', 'device dev0 ats=on', 'notifier i kind=iommu', 'notifier k kind=kvm', 'notifier v kind=vdcm',
      'alloc vm1 -> g1', 'bind dev0 g1 gpasid=3', 'dma dev0 g1', 'free g1', 'quiesce', 'expect state g1 == free'));
    expect(kinds(t)).toStrictEqual([]);
    expect(t.expectations.failed).toBe(0);
  });
});

describe('accounting', () => {
  function collecting(): { sink: KernelSink; found: ViolationKind[] } {
    const found: ViolationKind[] = [];
    return { found, sink: { warn() {}, delivery() {}, violation: (kind) => found.push(kind) } };
  }

  function kernelWithSet(): { k: Kernel; found: ViolationKind[]; sid: number } {
    const k = new Kernel(PRESETS.v4);
    const c = collecting();
    k.begin(new ExecContext('main', 'task'), 1, c.sink);
    const sid = allocSet(k, 'vm1', 4, 'mm', 'vm1');
    return { k, found: c.found, sid };
  }

  it('a consistent state passes', () => {
    const { k, found, sid } = kernelWithSet();
    checkAccounting(k, [sid]);
    expect(found).toStrictEqual([]);
  });

  it('capacity_avail + Σ quota ≠ capacity', () => {
    const { k, found } = kernelWithSet();
    k.state.avail += 1;
    checkAccounting(k, []);
    expect(found).toStrictEqual(['accounting']);
  });

  it('a live count above its quota', () => {
    const { k, found, sid } = kernelWithSet();
    k.state.sets.bySid.get(sid)!.used = 5;
    checkAccounting(k, [sid]);
    expect(found).toStrictEqual(['accounting']);
  });

  it('cannot be reached through the API: quota changes keep the books balanced', () => {
    const t = run(lines('capacity 20', 'set a quota=5', 'set b quota=5', 'alloc a', 'adjust a quota=10', 'adjust b quota=1',
      'adjust a quota=0', 'adjust a quota=100', 'free_set b destroy', 'set c quota=14', 'set d quota=1'));
    expect(kinds(t)).toStrictEqual([]);
    expect(t.final.available + t.final.sets.reduce((n, s) => n + s.quota, 0)).toBe(t.final.capacity);
  });
});

describe('lock-order', () => {
  it('sequential code taking A→B then B→A', () => {
    const t = run(lines('spin_lock A', 'spin_lock B', 'spin_unlock B', 'spin_unlock A', 'spin_lock B', 'spin_lock A', 'spin_unlock A', 'spin_unlock B'));
    expect(kinds(t)).toStrictEqual(['lock-order']);
    expect(t.violations[0].line).toBe(6);
  });

  it('the same order twice is fine', () => {
    const t = run(lines('spin_lock A', 'spin_lock B', 'spin_unlock B', 'spin_unlock A', 'spin_lock A', 'spin_lock B', 'spin_unlock B', 'spin_unlock A'));
    expect(kinds(t)).toStrictEqual([]);
  });

  it('two threads in opposite orders that happen not to overlap', () => {
    const t = run(lines('schedule t1 t1 t1 t1 t2 t2 t2 t2',
      'thread t1 {', 'spin_lock A', 'spin_lock B', 'spin_unlock B', 'spin_unlock A', '}',
      'thread t2 {', 'spin_lock B', 'spin_lock A', 'spin_unlock A', 'spin_unlock B', '}', 'join'));
    expect(kinds(t)).toStrictEqual(['lock-order']);
  });
});

describe('deadlock', () => {
  it('recursive spin_lock', () => {
    const t = run(lines('spin_lock A', 'spin_lock A'));
    expect(kinds(t)).toStrictEqual(['deadlock']);
    expect(stepOf(t, 'spin_lock A', 1).resultName).toBe('-EDEADLK');
  });

  it('spin_lock after spin_unlock is not recursive', () => {
    expect(kinds(run(lines('spin_lock A', 'spin_unlock A', 'spin_lock A', 'spin_unlock A')))).toStrictEqual([]);
  });

  it('two threads ABBA with an explicit schedule', () => {
    const t = run(lines('schedule t1 t2 t1 t2',
      'thread t1 {', 'spin_lock A', 'spin_lock B', 'spin_unlock B', 'spin_unlock A', '}',
      'thread t2 {', 'spin_lock B', 'spin_lock A', 'spin_unlock A', 'spin_unlock B', '}', 'join'));
    expect(kinds(t)).toContain('deadlock');
    expect(t.violations.find((v) => v.kind === 'deadlock')!.message).toMatch(/t1.*B|t2.*A/);
  });

  it('the same threads serialised by the schedule finish', () => {
    const t = run(lines('schedule t1 t1 t1 t1 t2 t2 t2 t2',
      'thread t1 {', 'spin_lock A', 'spin_lock B', 'spin_unlock B', 'spin_unlock A', '}',
      'thread t2 {', 'spin_lock A', 'spin_lock B', 'spin_unlock B', 'spin_unlock A', '}', 'join'));
    expect(kinds(t)).toStrictEqual([]);
  });
});

describe('leak', () => {
  it('refcount: a get never put keeps a freed ID FREE_PENDING to the end', () => {
    const t = run(lines('set vm1 quota=4', 'alloc vm1 -> g1', 'get g1', 'free g1'));
    expect(kinds(t)).toStrictEqual(['leak']);
    expect(t.violations[0].message).toMatch(/FREE_PENDING/);
    // Reported once, by the end-of-run check, not by the free.
    expect(stepKinds(t, stepOf(t, 'free g1'))).toStrictEqual([]);
  });

  it('not when the reference is put', () => {
    expect(kinds(run(lines('set vm1 quota=4', 'alloc vm1 -> g1', 'get g1', 'free g1', 'put g1')))).toStrictEqual([]);
  });

  it('not when deferred work that drops the last reference runs at the end of the script', () => {
    const t = run(lines('set vm1 quota=4', 'device dev0', 'notifier i kind=iommu', 'alloc vm1 -> g1', 'bind dev0 g1', 'free g1'));
    expect(kinds(t)).toStrictEqual([]);
    expect(t.final.ids).toStrictEqual([]);
  });
});

describe('expectations a run never gets to', () => {
  it('fail when a deadlock stops the run before them (SPEC §5: exit 0 only when every one held)', () => {
    const t = run(lines('set vm1 quota=8', 'thread a {', 'mutex_lock A', 'mutex_lock B', '}', 'thread b {', 'mutex_lock B', 'mutex_lock A', '}', 'join', 'expect no violations', 'expect avail == 12345'), 'v4');
    expect(kinds(t)).toContain('deadlock');
    expect(t.expectations.passed).toBe(0);
    expect(t.expectations.failed).toBe(2);
    expect(t.expectations.failures).toEqual([
      { line: 11, text: 'expect no violations', actual: 'not reached: the run ended in a deadlock before this line' },
      { line: 12, text: 'expect avail == 12345', actual: 'not reached: the run ended in a deadlock before this line' },
    ]);
  });

  it('are not counted again when they ran, in a thread or in each round of a repeat', () => {
    const t = run(lines('set vm1 quota=8', 'repeat 3 {', 'alloc vm1 -> a', 'expect ok', '}', 'thread t1 {', 'free a', 'expect ok', '}', 'join'), 'v4');
    expect(t.expectations).toEqual({ passed: 4, failed: 0, failures: [] });
  });
});

describe('schedule line warnings', () => {
  it('a skipped schedule entry is shown on the step the scheduler chose, but `expect ok` after it asks about the statement alone', () => {
    const t = run(lines('set vm1 quota=8', 'schedule b b a', 'thread a {', 'alloc vm1 -> x', 'expect ok', '}', 'thread b {', 'alloc vm1 -> y', '}', 'join'), 'v4');
    expect(stepOf(t, 'alloc vm1 -> x').warnings).toStrictEqual(['schedule: thread b has finished; entry skipped']);
    expect(t.expectations).toMatchObject({ passed: 1, failed: 0 });
  });
});

describe('a run the step budget stops', () => {
  it('fails the expectations it never got to, as a deadlock does', () => {
    const l = loadScenario(lines('set vm1 quota=4', 'repeat 20 {', 'quiesce', '}', 'alloc vm1 -> g', 'expect ok', 'expect used vm1 == 1'));
    if (!l.ok) throw new Error('does not parse');
    const m = resolveModel(l.program.source);
    if (typeof m === 'string') throw new Error(m);
    const r = runScenario(l.program, m, { maxSteps: 5 });
    expect(r.machine.error).toMatch(/step budget of 5 steps exhausted/);
    const e = r.trace().expectations;
    expect(e).toMatchObject({ passed: 0, failed: 2 });
    expect(e.failures.map((f) => f.actual)).toStrictEqual(Array(2).fill('not reached: the step budget stopped the run before this line'));
  });
});
