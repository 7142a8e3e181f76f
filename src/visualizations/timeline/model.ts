// Turns steps, deliveries and violations into lanes and marks for the notifier timeline:
// one lane per publishing thread (main, t1, rcu, wq …), one per subscriber, one for violations.
import type { ContextName, EventName, TraceDelivery, TraceViolation } from '../../engine/trace';

export interface TimelineStep {
  index: number;
  line: number;
  thread: string;
  context: ContextName;
  text: string;
  resultName: string;
}

export type LaneKind = 'violations' | 'publisher' | 'subscriber';

export interface Lane {
  key: string;
  kind: LaneKind;
  label: string;
}

export type MarkKind = 'publish' | 'delivery' | 'violation';

export interface Mark {
  kind: MarkKind;
  lane: number;
  step: number;
  /** Position inside the step's band, -0.5 … 0.5: deliveries spread out in chain order. */
  offset: number;
  event?: EventName;
  context: ContextName;
  delivery?: TraceDelivery;
  violation?: TraceViolation;
  /** For a delivery: the index of its publish mark, the source of its flow line. */
  source?: number;
}

export interface Timeline {
  lanes: Lane[];
  marks: Mark[];
  minStep: number;
  maxStep: number;
  stepByIndex: Map<number, TimelineStep>;
  /** Mark indices per lane, ordered by (step, offset): what `.`/`,` walk through. */
  marksByLane: number[][];
}

/** Deliveries of one step share at most this much of its band, so neighbouring steps never overlap. */
const STEP_SPREAD = 0.7;

function spread(k: number, n: number): number {
  return n <= 1 ? 0 : -STEP_SPREAD / 2 + (STEP_SPREAD * k) / (n - 1);
}

export function buildTimeline(steps: readonly TimelineStep[], deliveries: readonly TraceDelivery[], violations: readonly TraceViolation[]): Timeline {
  const stepByIndex = new Map<number, TimelineStep>();
  for (const s of steps) stepByIndex.set(s.index, s);

  const byStep = new Map<number, TraceDelivery[]>();
  for (const d of [...deliveries].sort((a, b) => a.index - b.index)) {
    const list = byStep.get(d.step);
    if (list) list.push(d);
    else byStep.set(d.step, [d]);
  }

  const lanes: Lane[] = [{ key: 'violations', kind: 'violations', label: 'violations' }];
  const laneOf = new Map<string, number>();
  const publisherThreads: string[] = [];
  for (const [step] of [...byStep].sort((a, b) => a[0] - b[0])) {
    const thread = stepByIndex.get(step)?.thread ?? '?';
    if (!publisherThreads.includes(thread)) publisherThreads.push(thread);
  }
  for (const thread of publisherThreads) {
    laneOf.set(`pub:${thread}`, lanes.length);
    lanes.push({ key: `pub:${thread}`, kind: 'publisher', label: `publish · ${thread}` });
  }
  // Subscribers in chain call order: highest priority first, then first appearance.
  const subs = new Map<string, { priority: number; first: number }>();
  for (const d of deliveries) {
    const s = subs.get(d.subscriber);
    if (!s) subs.set(d.subscriber, { priority: d.priority, first: d.index });
    else {
      s.priority = Math.max(s.priority, d.priority);
      s.first = Math.min(s.first, d.index);
    }
  }
  for (const [name, s] of [...subs].sort((a, b) => b[1].priority - a[1].priority || a[1].first - b[1].first)) {
    laneOf.set(`sub:${name}`, lanes.length);
    lanes.push({ key: `sub:${name}`, kind: 'subscriber', label: `${name} · prio ${s.priority}` });
  }

  const marks: Mark[] = [];
  for (const [step, list] of byStep) {
    const s = stepByIndex.get(step);
    const thread = s?.thread ?? '?';
    const events = [...new Set(list.map((d) => d.event))];
    const publishIdx = new Map<EventName, number>();
    events.forEach((event, k) => {
      publishIdx.set(event, marks.length);
      marks.push({ kind: 'publish', lane: laneOf.get(`pub:${thread}`)!, step, offset: spread(k, events.length), event, context: s?.context ?? 'task' });
    });
    list.forEach((d, k) => {
      marks.push({
        kind: 'delivery',
        lane: laneOf.get(`sub:${d.subscriber}`)!,
        step,
        offset: spread(k, list.length),
        event: d.event,
        context: d.context,
        delivery: d,
        source: publishIdx.get(d.event),
      });
    });
  }
  const vByStep = new Map<number, number>();
  for (const v of violations) {
    const k = vByStep.get(v.step) ?? 0;
    vByStep.set(v.step, k + 1);
    marks.push({ kind: 'violation', lane: 0, step: v.step, offset: Math.min(0.35, k * 0.18), context: stepByIndex.get(v.step)?.context ?? 'task', violation: v });
  }

  const allSteps = [...steps.map((s) => s.index), ...deliveries.map((d) => d.step), ...violations.map((v) => v.step)];
  const minStep = allSteps.length ? Math.min(...allSteps) : 0;
  const maxStep = allSteps.length ? Math.max(...allSteps) : 0;

  const marksByLane: number[][] = lanes.map(() => []);
  marks.forEach((m, i) => marksByLane[m.lane].push(i));
  for (const list of marksByLane) list.sort((a, b) => marks[a].step - marks[b].step || marks[a].offset - marks[b].offset);

  return { lanes, marks, minStep, maxStep, stepByIndex, marksByLane };
}

/** The next (dir 1) or previous (dir -1) mark on a lane from a mark or, with none, from a step. */
export function stepAlongLane(t: Timeline, lane: number, from: { mark?: number; step: number }, dir: 1 | -1): number | undefined {
  const list = t.marksByLane[lane];
  if (!list || list.length === 0) return undefined;
  if (from.mark !== undefined) {
    const at = list.indexOf(from.mark);
    if (at >= 0) return list[Math.max(0, Math.min(list.length - 1, at + dir))];
  }
  if (dir > 0) return list.find((i) => t.marks[i].step > from.step) ?? list[list.length - 1];
  for (let k = list.length - 1; k >= 0; k--) if (t.marks[list[k]].step < from.step) return list[k];
  return list[0];
}
