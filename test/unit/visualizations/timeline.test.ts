import { describe, expect, it } from 'vitest';
import type { TraceDelivery, TraceViolation } from '../../../src/engine/trace';
import { buildTimeline, stepAlongLane, type TimelineStep } from '../../../src/visualizations/timeline/model';
import { baseStepScale, hitTest, laneAt, laneCentre, markPositions, stepAt, type TimelineGeometry } from '../../../src/visualizations/timeline/geometry';
import { makeDemoTrace } from '../../../src/visualizations/demo/syntheticTrace';

const step = (index: number, thread: string, context: TimelineStep['context'] = 'task'): TimelineStep => ({ index, line: index + 1, thread, context, text: `s${index}`, resultName: '0' });

function delivery(index: number, stepIndex: number, subscriber: string, priority: number, event: TraceDelivery['event'] = 'ALLOC', context: TraceDelivery['context'] = 'task'): TraceDelivery {
  return { index, step: stepIndex, event, id: 1, set: 'vm1', subscriber, priority, chain: 'global', context, reply: 'NOTIFY_OK' };
}

describe('timeline lanes', () => {
  const steps = [step(0, 'main'), step(1, 'main'), step(2, 'rcu', 'atomic'), step(3, 't1')];
  const deliveries = [
    delivery(0, 1, 'log', 0),
    delivery(1, 1, 'kvm', 3),
    delivery(2, 2, 'iommu', 2, 'FREE', 'atomic'),
    delivery(3, 2, 'log', 0, 'FREE', 'atomic'),
    delivery(4, 3, 'kvm', 3, 'BIND'),
  ];
  const violations: TraceViolation[] = [{ kind: 'sleep-in-atomic', step: 2, line: 3, message: 'm' }];
  const t = buildTimeline(steps, deliveries, violations);

  it('puts violations first, publishers by first publication, subscribers by priority', () => {
    expect(t.lanes.map((l) => l.key)).toEqual(['violations', 'pub:main', 'pub:rcu', 'pub:t1', 'sub:kvm', 'sub:iommu', 'sub:log']);
    expect(t.minStep).toBe(0);
    expect(t.maxStep).toBe(3);
  });

  it('makes one publish mark per step and event, one mark per delivery with its flow source', () => {
    const publishes = t.marks.filter((m) => m.kind === 'publish');
    expect(publishes.map((m) => [m.step, m.event, t.lanes[m.lane].key])).toEqual([
      [1, 'ALLOC', 'pub:main'],
      [2, 'FREE', 'pub:rcu'],
      [3, 'BIND', 'pub:t1'],
    ]);
    const dels = t.marks.filter((m) => m.kind === 'delivery');
    expect(dels).toHaveLength(deliveries.length);
    for (const m of dels) {
      const src = t.marks[m.source!];
      expect(src.kind).toBe('publish');
      expect(src.step).toBe(m.step);
      expect(src.event).toBe(m.event);
      expect(t.lanes[m.lane].key).toBe(`sub:${m.delivery!.subscriber}`);
    }
    // The atomic delivery keeps its context (drawn filled).
    expect(dels.find((m) => m.delivery!.index === 2)!.context).toBe('atomic');
    const v = t.marks.find((m) => m.kind === 'violation')!;
    expect([v.lane, v.step]).toEqual([0, 2]);
  });

  it('spreads deliveries of one step in chain order inside the step band', () => {
    const s1 = t.marks.filter((m) => m.kind === 'delivery' && m.step === 1);
    expect(s1[0].offset).toBeLessThan(s1[1].offset);
    for (const m of t.marks) expect(Math.abs(m.offset)).toBeLessThan(0.5);
  });

  it('walks deliveries along a lane with . and , semantics', () => {
    const kvm = t.lanes.findIndex((l) => l.key === 'sub:kvm');
    const first = stepAlongLane(t, kvm, { step: 0 }, 1)!;
    expect(t.marks[first].delivery!.index).toBe(1);
    const second = stepAlongLane(t, kvm, { mark: first, step: 0 }, 1)!;
    expect(t.marks[second].delivery!.index).toBe(4);
    expect(stepAlongLane(t, kvm, { mark: second, step: 0 }, 1)).toBe(second);
    expect(stepAlongLane(t, kvm, { mark: second, step: 0 }, -1)).toBe(first);
    expect(stepAlongLane(t, kvm, { step: 3 }, -1)).toBe(first);
  });

  it('hit-tests marks, lanes and steps through the scales', () => {
    const g: TimelineGeometry = { gutterPx: 100, axisPx: 30, laneHeightPx: 30, width: 900 };
    const x = baseStepScale(t, g);
    const pos = markPositions(t, g, x);
    t.marks.forEach((_, i) => expect(hitTest(pos, pos.xs[i] + 2, pos.ys[i] - 2)).toBe(i));
    expect(hitTest(pos, 5, 5)).toBe(-1);
    expect(laneAt(t, g, laneCentre(g, 3))).toBe(3);
    expect(laneAt(t, g, 10)).toBe(-1);
    expect(stepAt(t, x, x(2) + 3)).toBe(2);
    expect(stepAt(t, x, 10_000)).toBe(3);
  });

  it('lays out the demo trace: four publisher threads, four subscribers, every delivery placed', () => {
    const demo = makeDemoTrace();
    const dt = buildTimeline(demo.steps, demo.deliveries, demo.violations);
    expect(dt.lanes.filter((l) => l.kind === 'publisher').map((l) => l.label)).toEqual(['publish · main', 'publish · t1', 'publish · rcu', 'publish · wq']);
    expect(dt.lanes.filter((l) => l.kind === 'subscriber').map((l) => l.key)).toEqual(['sub:kvm', 'sub:iommu', 'sub:vdcm', 'sub:log']);
    expect(dt.marks.filter((m) => m.kind === 'delivery')).toHaveLength(demo.deliveries.length);
    expect(dt.marks.filter((m) => m.kind === 'violation')).toHaveLength(3);
  });
});
