// Exports a trace as Chrome Trace Event JSON (opens in Perfetto / chrome://tracing): each
// step is a slice on its thread's track, each delivery a slice on its subscriber's track,
// with a flow arrow from the publishing step to every delivery. 1 step = 1 ms of fake time.

import type { TraceDocument } from '../trace';
import { stepNumber } from './stepNumber';

const STEP_US = 1000;

interface ChromeEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  cat?: string;
  id?: number;
  bp?: string;
  args?: Record<string, unknown>;
}

export function toChromeTrace(t: TraceDocument): { traceEvents: ChromeEvent[]; displayTimeUnit: string } {
  const tids = new Map<string, number>();
  const tid = (name: string) => {
    let v = tids.get(name);
    if (v === undefined) tids.set(name, (v = tids.size + 1));
    return v;
  };
  const events: ChromeEvent[] = [];
  for (const s of t.steps) {
    events.push({
      name: s.text, ph: 'X', cat: 'step', pid: 1, tid: tid(`thread ${s.thread}`), ts: s.index * STEP_US, dur: STEP_US * 0.9,
      args: { step: stepNumber(s.index), line: s.line, context: s.context, result: s.resultName, warnings: s.warnings },
    });
  }
  const perStep = new Map<number, number>();
  for (const d of t.deliveries) {
    const k = perStep.get(d.step) ?? 0;
    perStep.set(d.step, k + 1);
    const ts = d.step * STEP_US + 50 + k * 20;
    const lane = tid(`subscriber ${d.subscriber}`);
    events.push({
      name: `${d.event} ${d.id}`, ph: 'X', cat: 'delivery', pid: 1, tid: lane, ts, dur: 15,
      args: { set: d.set, priority: d.priority, chain: d.chain, context: d.context, reply: d.reply, step: stepNumber(d.step) },
    });
    const step = t.steps[d.step];
    if (step) {
      events.push({ name: 'publish', ph: 's', cat: 'flow', id: d.index + 1, pid: 1, tid: tid(`thread ${step.thread}`), ts: d.step * STEP_US + 10 });
      events.push({ name: 'publish', ph: 'f', bp: 'e', cat: 'flow', id: d.index + 1, pid: 1, tid: lane, ts });
    }
  }
  for (const v of t.violations) {
    events.push({ name: `violation: ${v.kind}`, ph: 'i', cat: 'violation', pid: 1, tid: tid('violations'), ts: v.step * STEP_US, args: { message: v.message, line: v.line } });
  }
  const meta: ChromeEvent[] = [{ name: 'process_name', ph: 'M', pid: 1, tid: 0, args: { name: `IOASID Lab: ${t.title}` } }];
  for (const [name, id] of tids) meta.push({ name: 'thread_name', ph: 'M', pid: 1, tid: id, args: { name } });
  return { traceEvents: [...meta, ...events], displayTimeUnit: 'ms' };
}
