// Reads a trace JSON file (SPEC §6) written by anyone: every field's type is checked and the
// first wrong one is named by its path ("steps[3].line must be an integer"); never throws.

import { AXIS_VALUES, MODEL_AXES } from '../model';
import { CONTEXT_NAMES, EVENT_NAMES, NOTIFY_REPLIES, VIOLATION_KINDS, type TraceDocument } from '../trace';

/** Larger text is refused before parsing (an export holds at most 200,000 steps). */
export const MAX_TRACE_IMPORT_CHARS = 64 * 1024 * 1024;

export type TraceImportResult = { ok: true; trace: TraceDocument } | { ok: false; error: string };

/** Thrown inside the checker only; parseTraceDocument turns it into `{ ok: false }`. */
class Invalid extends Error {}

type Obj = Record<string, unknown>;


const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

function fail(path: string, what: string): never {
  throw new Invalid(`${path} must be ${what}`);
}

function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'an object');
  return v as Obj;
}

function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) fail(path, 'an array');
  return v;
}

function num(o: Obj, key: string, path: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(join(path, key), 'a number');
  return v;
}

function int(o: Obj, key: string, path: string, min = 0): number {
  const v = num(o, key, path);
  if (!Number.isInteger(v) || v < min) fail(join(path, key), min === 0 ? 'a whole number ≥ 0' : `a whole number ≥ ${min}`);
  return v;
}

function str(o: Obj, key: string, path: string): string {
  if (typeof o[key] !== 'string') fail(join(path, key), 'a string');
  return o[key] as string;
}

function oneOf(o: Obj, key: string, path: string, values: readonly string[]): string {
  const v = o[key];
  if (typeof v !== 'string' || !values.includes(v)) fail(join(path, key), `one of ${values.join(', ')}`);
  return v;
}

/** An array of whole-number references below `limit` (what they point into is `into`). */
function refs(o: Obj, key: string, path: string, limit: number, into: string): void {
  arr(o[key], join(path, key)).forEach((r, i) => {
    if (typeof r !== 'number' || !Number.isInteger(r) || r < 0) fail(`${join(path, key)}[${i}]`, 'a whole number ≥ 0');
    if (r >= limit) throw new Invalid(`${join(path, key)}[${i}] refers to ${into} ${r}, but there are only ${limit}`);
  });
}

function checkModel(v: unknown): void {
  const m = obj(v, 'model');
  for (const axis of MODEL_AXES) oneOf(m, axis, 'model', AXIS_VALUES[axis]);
}

function checkDocument(doc: Obj): void {
  if (doc.version !== 1) fail('version', '1');
  str(doc, 'title', '');
  checkModel(doc.model);
  const steps = arr(doc.steps, 'steps');
  const deliveries = arr(doc.deliveries, 'deliveries');
  const violations = arr(doc.violations, 'violations');
  steps.forEach((raw, i) => {
    const p = `steps[${i}]`;
    const s = obj(raw, p);
    if (int(s, 'index', p) !== i) throw new Invalid(`${p}.index must be ${i} (steps are in order)`);
    int(s, 'line', p);
    str(s, 'thread', p);
    oneOf(s, 'context', p, CONTEXT_NAMES);
    str(s, 'text', p);
    num(s, 'result', p);
    str(s, 'resultName', p);
    arr(s.warnings, `${p}.warnings`).forEach((w, j) => {
      if (typeof w !== 'string') fail(`${p}.warnings[${j}]`, 'a string');
    });
    refs(s, 'deliveries', p, deliveries.length, 'delivery');
    refs(s, 'violations', p, violations.length, 'violation');
    if (s.note !== undefined) str(s, 'note', p);
  });
  deliveries.forEach((raw, i) => {
    const p = `deliveries[${i}]`;
    const d = obj(raw, p);
    int(d, 'index', p);
    if (int(d, 'step', p) >= steps.length) throw new Invalid(`${p}.step refers to step ${d.step}, but there are only ${steps.length}`);
    oneOf(d, 'event', p, EVENT_NAMES);
    int(d, 'id', p);
    str(d, 'set', p);
    str(d, 'subscriber', p);
    num(d, 'priority', p);
    oneOf(d, 'chain', p, ['global', 'set']);
    oneOf(d, 'context', p, CONTEXT_NAMES);
    oneOf(d, 'reply', p, NOTIFY_REPLIES);
  });
  violations.forEach((raw, i) => {
    const p = `violations[${i}]`;
    const v = obj(raw, p);
    oneOf(v, 'kind', p, VIOLATION_KINDS);
    if (int(v, 'step', p) >= Math.max(1, steps.length)) throw new Invalid(`${p}.step refers to step ${v.step}, but there are only ${steps.length}`);
    int(v, 'line', p);
    str(v, 'message', p);
  });
  const e = obj(doc.expectations, 'expectations');
  int(e, 'passed', 'expectations');
  int(e, 'failed', 'expectations');
  arr(e.failures, 'expectations.failures').forEach((raw, i) => {
    const p = `expectations.failures[${i}]`;
    const f = obj(raw, p);
    int(f, 'line', p);
    str(f, 'text', p);
    str(f, 'actual', p);
  });
  const f = obj(doc.final, 'final');
  int(f, 'capacity', 'final');
  int(f, 'available', 'final');
  int(f, 'allocated', 'final');
  arr(f.sets, 'final.sets').forEach((raw, i) => {
    const p = `final.sets[${i}]`;
    const s = obj(raw, p);
    str(s, 'name', p);
    for (const k of ['sid', 'quota', 'used']) int(s, k, p);
  });
  arr(f.ids, 'final.ids').forEach((raw, i) => {
    const p = `final.ids[${i}]`;
    const x = obj(raw, p);
    int(x, 'id', p);
    str(x, 'set', p);
    oneOf(x, 'state', p, ['active', 'free_pending']);
    int(x, 'refs', p);
  });
  arr(f.entries, 'final.entries').forEach((raw, i) => {
    const p = `final.entries[${i}]`;
    const x = obj(raw, p);
    str(x, 'device', p);
    for (const k of ['id', 'pgtt', 'did']) int(x, k, p);
  });
}

export function parseTraceDocument(text: string): TraceImportResult {
  if (typeof text !== 'string') return { ok: false, error: 'a trace must be text' };
  if (text.length > MAX_TRACE_IMPORT_CHARS) {
    return { ok: false, error: `the trace is too large: ${text.length.toLocaleString('en-US')} characters (the limit is ${MAX_TRACE_IMPORT_CHARS.toLocaleString('en-US')})` };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  try {
    checkDocument(obj(doc, 'the trace'));
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, error: e.message };
    return { ok: false, error: `unreadable trace: ${e instanceof Error ? e.message : String(e)}` };
  }
  return { ok: true, trace: doc as TraceDocument };
}

/** One line for a notice: title, model, steps, violations by kind, expectations. */
export function summariseTrace(t: TraceDocument): string {
  const kinds = new Map<string, number>();
  for (const v of t.violations) kinds.set(v.kind, (kinds.get(v.kind) ?? 0) + 1);
  const vs = kinds.size === 0 ? 'no violations' : [...kinds].map(([k, n]) => `${n} ${k}`).join(', ');
  const model = MODEL_AXES.map((a) => `${a}=${t.model[a]}`).join(' ');
  const title = t.title ? `'${t.title.slice(0, 80)}'` : 'untitled';
  return `Trace ${title} (${model}): ${t.steps.length.toLocaleString('en-US')} steps, ${vs}; expectations ${t.expectations.passed} passed, ${t.expectations.failed} failed.`;
}

/** What the trace-import worker answers: the summary, or why the document is not a trace. */
export type TraceImportAnswer = { ok: true; summary: string } | { ok: false; error: string };

export function answerTraceImport(text: unknown): TraceImportAnswer {
  if (typeof text !== 'string') return { ok: false, error: 'the trace must be text' };
  const r = parseTraceDocument(text);
  return r.ok ? { ok: true, summary: summariseTrace(r.trace) } : { ok: false, error: r.error };
}
