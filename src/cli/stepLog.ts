// The readable step log and summary the runner prints without --json.

import type { TraceDocument } from '../engine/trace';
import { presetOf } from '../engine/model';
import { stepNumber } from '../engine/run/stepNumber';

/** The step log line by line: a run of millions of steps is written out without one huge string. */
export function* stepLogLines(t: TraceDocument): Generator<string> {
  const m = t.model;
  yield (`${t.title || '(untitled scenario)'} — model ${presetOf(m) ?? 'custom'} (lock=${m.lock} chain=${m.chain} alloc=${m.alloc} free=${m.free} cleanup=${m.cleanup})`);
  for (const s of t.steps) {
    const where = `L${String(s.line).padEnd(4)} ${`${s.thread}/${s.context}`.padEnd(12)}`;
    yield `${String(stepNumber(s.index)).padStart(5)} ${where} ${s.text}  = ${s.resultName}`;
    if (s.note) yield `        note: ${s.note}`;
    for (const d of s.deliveries) {
      const x = t.deliveries[d];
      yield `        → ${x.event} ${x.id} to ${x.subscriber} (${x.chain} chain, prio ${x.priority}, ${x.context}): ${x.reply}`;
    }
    for (const w of s.warnings) yield `        warning: ${w}`;
    for (const v of s.violations) yield `        VIOLATION ${t.violations[v].kind}: ${t.violations[v].message}`;
  }
  yield '';
  yield formatSummary(t);
}

export function violationCounts(t: TraceDocument): Map<string, number> {
  const by = new Map<string, number>();
  for (const v of t.violations) by.set(v.kind, (by.get(v.kind) ?? 0) + 1);
  return by;
}

export function formatSummary(t: TraceDocument): string {
  const out: string[] = [];
  const by = violationCounts(t);
  out.push(`steps: ${t.steps.length}, deliveries: ${t.deliveries.length}`);
  out.push(`violations: ${by.size === 0 ? 'none' : [...by].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  const f = t.final;
  out.push(`final: capacity ${f.capacity}, available ${f.available}, allocated ${f.allocated}, sets ${f.sets.map((s) => `${s.name} ${s.used}/${s.quota}`).join(', ') || 'none'}`);
  out.push(`expectations: ${t.expectations.passed} passed, ${t.expectations.failed} failed`);
  for (const x of t.expectations.failures) out.push(`  line ${x.line}: ${x.text} — actual: ${x.actual}`);
  return out.join('\n');
}
