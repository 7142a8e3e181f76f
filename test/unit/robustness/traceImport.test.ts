// parseTraceDocument (SPEC §6): a real exported trace reads back unchanged; every kind of
// wrong field is refused with its path; size, JSON syntax and dangling references too.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario, runScenario } from '../../../src/engine/lab';
import { PRESETS } from '../../../src/engine/model';
import { answerTraceImport, MAX_TRACE_IMPORT_CHARS, parseTraceDocument, summariseTrace } from '../../../src/engine/run/traceImport';
import type { TraceDocument } from '../../../src/engine/trace';

function realTrace(): TraceDocument {
  const src = readFileSync(new URL('../../../scenarios/rcu-free-bug.ioasid', import.meta.url), 'utf8');
  const l = loadScenario(src);
  if (!l.ok) throw new Error('scenario does not parse');
  return runScenario(l.program, PRESETS.v1).trace();
}

const TRACE = realTrace();
// Tests write wrong types on purpose, so the edited copy is untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
const text = (t: unknown): string => JSON.stringify(t);
const edited = (f: (t: Loose) => void): string => {
  const t = structuredClone(TRACE) as Loose;
  f(t);
  return text(t);
};

describe('parseTraceDocument', () => {
  it('reads an exported trace back unchanged and summarises it', () => {
    expect(TRACE.steps.length).toBeGreaterThan(5);
    expect(TRACE.violations.length).toBeGreaterThan(0);
    const r = parseTraceDocument(JSON.stringify(TRACE, null, 1));
    expect(r).toEqual({ ok: true, trace: TRACE });
    if (r.ok) expect(summariseTrace(r.trace)).toMatch(new RegExp(`^Trace '.+' \\(lock=mutex chain=blocking alloc=lowest free=immediate cleanup=sync\\): ${TRACE.steps.length} steps, \\d+ sleep-in-atomic`));
  });

  it.each([
    ['steps[3].line must be a number', (t: Loose) => (t.steps[3].line = '12')],
    ['steps[3].line must be a whole number ≥ 0', (t: Loose) => (t.steps[3].line = 1.5)],
    ['steps[0].context must be one of task, atomic, work', (t: Loose) => (t.steps[0].context = 'irq')],
    ['steps[1].warnings[0] must be a string', (t: Loose) => (t.steps[1].warnings = [7])],
    ['steps[2].index must be 2 (steps are in order)', (t: Loose) => (t.steps[2].index = 5)],
    ['steps[0].deliveries[0] refers to delivery 99999, but there are only', (t: Loose) => (t.steps[0].deliveries = [99999])],
    ['version must be 1', (t: Loose) => (t.version = 2)],
    ['title must be a string', (t: Loose) => (t.title = null)],
    ['model.free must be one of immediate, refcount', (t: Loose) => (t.model.free = 'never')],
    ['steps must be an array', (t: Loose) => (t.steps = { 0: {} })],
    ['violations[0].kind must be one of sleep-in-atomic', (t: Loose) => (t.violations[0].kind = 'oops')],
    ['deliveries[0].reply must be one of NOTIFY_OK', (t: Loose) => (t.deliveries[0].reply = 1)],
    ['expectations.failed must be a whole number ≥ 0', (t: Loose) => (t.expectations.failed = -1)],
    ['final.ids[0].state must be one of active, free_pending', (t: Loose) => (t.final.ids = [{ id: 1, set: 'vm1', state: 'gone', refs: 1 }])],
    ['final.entries must be an array', (t: Loose) => delete t.final.entries],
    ['final must be an object', (t: Loose) => (t.final = [])],
  ])('refuses a wrong field: %s', (message, edit) => {
    const r = parseTraceDocument(edited(edit));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.startsWith(message)).toBe(true);
  });

  it('refuses non-JSON, a non-object, oversized text and a number beyond float range', () => {
    expect(parseTraceDocument('{"version": 1,')).toMatchObject({ ok: false, error: expect.stringMatching(/^not JSON: /) });
    expect(parseTraceDocument('[1, 2]')).toEqual({ ok: false, error: 'the trace must be an object' });
    expect(parseTraceDocument(' '.repeat(MAX_TRACE_IMPORT_CHARS + 1))).toMatchObject({ ok: false, error: expect.stringMatching(/too large/) });
    expect(parseTraceDocument(edited((t) => (t.final.capacity = 0)).replace('"capacity":0', '"capacity":1e999'))).toEqual({ ok: false, error: 'final.capacity must be a number' });
    expect(parseTraceDocument('['.repeat(200_000))).toMatchObject({ ok: false });
  });

  it('never throws on random mutations of a real trace (fixed seed)', () => {
    const paths = fc.constantFrom('version', 'title', 'model', 'steps', 'deliveries', 'violations', 'expectations', 'final');
    fc.assert(
      fc.property(paths, fc.anything({ maxDepth: 2 }), fc.nat({ max: 40 }), (key, value, cut) => {
        const bad = edited((t) => (t[key] = value));
        const r = parseTraceDocument(bad);
        if (!r.ok) expect(r.error).toMatch(/must be|refers to|not JSON/);
        expect(() => parseTraceDocument(bad.slice(0, bad.length - cut))).not.toThrow();
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('answerTraceImport (the trace-import worker\'s answer)', () => {
  it('answers a good trace with its summary', () => {
    const r = parseTraceDocument(text(TRACE));
    if (!r.ok) throw new Error(r.error);
    expect(answerTraceImport(text(TRACE))).toEqual({ ok: true, summary: summariseTrace(r.trace) });
  });

  it('answers a bad one with the field at fault, and a message that is not text with an error', () => {
    expect(answerTraceImport(edited((t) => (t.steps[1].line = 'x')))).toEqual({ ok: false, error: expect.stringMatching(/^steps\[1\]\.line must be a number/) });
    expect(answerTraceImport(7)).toEqual({ ok: false, error: 'the trace must be text' });
  });
});
