// SPEC §1/§2: the ID-reuse story under the three presets. Only first-fit allocation with
// immediate free and deferred cleanup races; v1's answer sleeps in atomic context when SVA
// frees from an RCU callback; v4 (refcount + FREE_PENDING) is clean.

import { describe, expect, it } from 'vitest';
import type { ViolationKind } from '../../../src/engine/trace';
import { kinds, lines, run, stepKinds, stepOf } from './harness';

const RACES: ViolationKind[] = ['reuse-before-cleanup', 'stale-translation'];

/** Two VMs; vm1's ID is bound on dev0 and freed; vm2 allocates and its device does DMA. */
const story = (free: string[] = ['free g1']) =>
  lines('set vm1 quota=4', 'set vm2 quota=4', 'device dev0', 'notifier iommu kind=iommu', 'notifier kvm kind=kvm',
    'alloc vm1 -> g1', 'bind dev0 g1 gpasid=5', ...free, 'alloc vm2 -> g2', 'dma dev0 g2');

describe('the reuse story across presets', () => {
  it('lowest + immediate + deferred (model cyclic alloc=lowest) races: reuse-before-cleanup, then stale-translation', () => {
    const t = run(lines('model cyclic alloc=lowest', story()), {});
    expect(t.model).toMatchObject({ alloc: 'lowest', free: 'immediate', cleanup: 'deferred' });
    expect(stepOf(t, 'alloc vm2 -> g2').resultName).toBe('1');
    expect(stepKinds(t, stepOf(t, 'alloc vm2 -> g2'))).toStrictEqual(['reuse-before-cleanup']);
    expect(stepKinds(t, stepOf(t, 'dma dev0 g2'))).toStrictEqual(['stale-translation']);
  });

  it('cyclic: the next alloc gets a fresh ID, DMA faults, no race', () => {
    const t = run(story(), 'cyclic');
    expect(stepOf(t, 'alloc vm2 -> g2').resultName).toBe('2');
    expect(stepOf(t, 'dma dev0 g2').resultName).toBe('-EFAULT');
    expect(kinds(t)).toStrictEqual([]);
  });

  it('v1: sync cleanup tears the entry down inside FREE, so the reused ID is clean', () => {
    const t = run(story(), 'v1');
    expect(stepOf(t, 'alloc vm2 -> g2').resultName).toBe('1');
    expect(stepOf(t, 'dma dev0 g2').resultName).toBe('-EFAULT');
    expect(kinds(t).filter((k) => RACES.includes(k))).toStrictEqual([]);
    expect(kinds(t)).not.toContain('sleep-in-atomic');
  });

  it('v1 with the free from an RCU callback: sleep-in-atomic', () => {
    const t = run(story(['call_rcu {', 'free g1', '}', 'rcu_barrier']), 'v1');
    const cb = t.steps.find((s) => s.thread === 'rcu' && s.text === 'free g1')!;
    expect(cb.context).toBe('atomic');
    expect(stepKinds(t, cb)).toContain('sleep-in-atomic');
    expect(kinds(t).filter((k) => RACES.includes(k))).toStrictEqual([]);
  });

  it('v4 with the free from an RCU callback is clean', () => {
    expect(kinds(run(story(['call_rcu {', 'free g1', '}', 'rcu_barrier']), 'v4'))).toStrictEqual([]);
  });

  it('v4: the freed ID stays FREE_PENDING, vm2 gets another one, nothing is stale', () => {
    const t = run(lines(story(), 'expect state g1 == free_pending', 'quiesce', 'expect state g1 == free'), 'v4');
    expect(stepOf(t, 'alloc vm2 -> g2').resultName).toBe('2');
    expect(kinds(t)).toStrictEqual([]);
    expect(t.expectations.failed).toBe(0);
  });

  it('v4: once cleanup ran and the last reference dropped, the ID is allocatable again and clean', () => {
    const t = run(story(['free g1', 'quiesce']), 'v4');
    expect(stepOf(t, 'alloc vm2 -> g2').resultName).toBe('1');
    expect(stepOf(t, 'dma dev0 g2').resultName).toBe('-EFAULT');
    expect(kinds(t)).toStrictEqual([]);
  });
});
