// Every cap of the robustness issue with its message: scenario size, threads, devices, the
// step budget, console statements, watch expressions, breakpoints, exports; and the inputs
// that used to hang or exhaust the engine before their caps and fixes.

import { describe, expect, it } from 'vitest';
import { loadScenario, runScenario } from '../../../src/engine/lab';
import { PRESETS } from '../../../src/engine/model';
import { MAX_DEVICES } from '../../../src/engine/kernel/vtdOps';
import { MAX_SCENARIO_CHARS, parseScenario } from '../../../src/engine/scenario';
import { MAX_THREADS } from '../../../src/engine/scenario/verbs';
import { Session } from '../../../src/engine/run/session';
import { LabHandler, LAB_MAX_STEPS, MAX_EXPORT_STEPS } from '../../../src/worker/handler';
import { MAX_CONSOLE_CHARS, MAX_WATCH_EXPRESSIONS, type WorkerMessage } from '../../../src/worker/protocol';

function run(source: string, maxSteps = 100_000) {
  const l = loadScenario(source);
  if (!l.ok) throw new Error(l.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n'));
  return runScenario(l.program, PRESETS.v4, { maxSteps });
}

async function ask(h: LabHandler, out: WorkerMessage[], m: unknown): Promise<WorkerMessage> {
  const before = out.length;
  await h.handle(m);
  return out.slice(before).filter((r) => r.type !== 'progress')[0];
}

describe('caps with messages', () => {
  it('refuses a scenario over 4 MiB at 1:1 with the limit', () => {
    const r = parseScenario('#'.repeat(MAX_SCENARIO_CHARS + 1));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ line: 1, col: 1, message: expect.stringMatching(/too large.*4194304/) });
  });

  it(`refuses thread ${MAX_THREADS + 1} with a located error naming the limit`, () => {
    const src = Array.from({ length: MAX_THREADS + 1 }, (_, i) => `thread t${i} {\nquiesce\n}`).join('\n');
    const r = parseScenario(src);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ line: MAX_THREADS * 3 + 1, col: 8, message: `too many threads: a scenario may declare at most ${MAX_THREADS}; 't${MAX_THREADS}' is one too many` }]);
    expect(parseScenario(src.split('\n').slice(0, -3).join('\n')).ok).toBe(true);
  });

  it(`stops adding devices at ${MAX_DEVICES} with -ENOMEM and a warning`, () => {
    const src = Array.from({ length: MAX_DEVICES + 2 }, (_, i) => `device d${i}`).join('\n');
    const r = run(src);
    expect(r.machine.kernel.state.vtd.deviceCount).toBe(MAX_DEVICES);
    const t = r.trace();
    expect(t.steps[MAX_DEVICES]).toMatchObject({ resultName: '-ENOMEM', warnings: [`device limit of ${MAX_DEVICES} reached: 'd${MAX_DEVICES}' is not added`] });
    // An existing name is still "exists already", not the limit.
    expect(run(`${src}\ndevice d0`).trace().steps.at(-1)?.resultName).toBe('-EEXIST');
  });

  it('counts devices in the checkpoint memory estimate so the cap on checkpoints applies', () => {
    const src = Array.from({ length: 2000 }, (_, i) => `device d${i}`).join('\n');
    const l = loadScenario(src);
    if (!l.ok) throw new Error('parse');
    const s = new Session(l.program, PRESETS.v4, { checkpointBytes: 1024 * 1024 });
    s.advance();
    expect(s.checkpointMemory).toBeLessThanOrEqual(1024 * 1024);
    expect(s.interval).toBeGreaterThan(256);
  });

  it('stops `repeat 100000000 { alloc vm1 }` at the step budget with a message', () => {
    const r = run('set vm1 quota=4\nrepeat 100000000 {\nalloc vm1\n}', 50_000);
    expect(r.machine.error).toBe('step budget of 50,000 steps exhausted (a runaway repeat?); the run stopped here');
    expect(r.machine.steps).toBe(50_000);
  });

  it('stops an empty nested repeat (no steps at all) by its operation budget', () => {
    const r = run('repeat 4294967295 {\nrepeat 4294967295 {\n}\n}', 1000);
    expect(r.machine.error).toMatch(/step budget of 1,000 steps exhausted/);
  });

  it('the worker never lets NaN or Infinity switch its step budget off', async () => {
    const out: WorkerMessage[] = [];
    const h = new LabHandler((m) => out.push(m));
    const src = 'set vm1 quota=4\nrepeat 100000000 {\nalloc vm1\n}';
    expect(await ask(h, out, { type: 'load', id: 1, source: src, model: PRESETS.v4, maxSteps: Number.NaN })).toEqual({ type: 'error', id: 1, error: 'malformed request: load.maxSteps must be a number ≥ 1' });
    const r = await ask(h, out, { type: 'load', id: 2, source: src, model: PRESETS.v4, maxSteps: 20_000 });
    expect(r).toMatchObject({ type: 'loaded', ok: true, info: { stepCount: 20_000, error: expect.stringMatching(/step budget of 20,000 steps exhausted/) } });
    expect(LAB_MAX_STEPS).toBe(3_000_000);
  });

  it('refuses an oversized console statement, too many watches and bad breakpoints by name', async () => {
    const out: WorkerMessage[] = [];
    const h = new LabHandler((m) => out.push(m));
    await ask(h, out, { type: 'load', id: 1, source: 'set vm1 quota=2\nalloc vm1 -> g1', model: PRESETS.v1 });
    expect(await ask(h, out, { type: 'console', id: 2, text: 'x'.repeat(MAX_CONSOLE_CHARS + 1) })).toMatchObject({ type: 'error', error: expect.stringMatching(/console\.text is 65537 characters; a console statement is limited to 65536/) });
    expect(await ask(h, out, { type: 'watch', id: 3, expressions: Array(MAX_WATCH_EXPRESSIONS + 1).fill('avail'), samples: 10 })).toMatchObject({ type: 'error', error: 'malformed request: watch.expressions: at most 32 watch expressions' });
    expect(await ask(h, out, { type: 'watch', id: 4, expressions: ['avail', 7], samples: 10 })).toMatchObject({ type: 'error', error: 'malformed request: watch.expressions[1] must be a string' });
    expect(await ask(h, out, { type: 'find-breakpoint', id: 5, position: 0, direction: 1, breakpoints: [{ kind: 'line', line: 2 }, null] })).toEqual({ type: 'error', id: 5, error: 'malformed request: find-breakpoint.breakpoints[1] must be an object' });
    expect(await ask(h, out, { type: 'find-breakpoint', id: 6, position: 0, direction: 1, breakpoints: [{ kind: 'id', id: '1' }] })).toMatchObject({ error: 'malformed request: find-breakpoint.breakpoints[0].id must be a number' });
    expect(await ask(h, out, { type: 'seek', id: 7, position: '3' })).toMatchObject({ error: 'malformed request: seek.position must be a number' });
    expect(await ask(h, out, { type: 'nope', id: 8 })).toMatchObject({ error: "malformed request: unknown request type 'nope'" });
    expect(await ask(h, out, 'load')).toEqual({ type: 'error', id: -1, error: 'malformed request: a request must be an object' });
    // The session survived every bad message.
    expect(await ask(h, out, { type: 'seek', id: 9, position: 2 })).toMatchObject({ type: 'frame', id: 9 });
  });

  it('a seek evaluates the watches at exactly its position, and refuses a bad watch list by name', async () => {
    const out: WorkerMessage[] = [];
    const h = new LabHandler((m) => out.push(m));
    await ask(h, out, { type: 'load', id: 1, source: 'set vm1 quota=8\nrepeat 5 {\nalloc vm1\n}', model: PRESETS.v4 });
    // Position 4: the set and three of the five allocations are done.
    expect(await ask(h, out, { type: 'seek', id: 2, position: 4, watches: ['used vm1', 'used nosuch', 'bogus x y'] })).toMatchObject({ type: 'frame', watchValues: [3, null, null] });
    expect(await ask(h, out, { type: 'seek', id: 3, position: 6, watches: ['used vm1'] })).toMatchObject({ watchValues: [5] });
    expect(await ask(h, out, { type: 'seek', id: 4, position: 1, watches: ['avail', 3] })).toMatchObject({ type: 'error', error: 'malformed request: seek.watches[1] must be a string' });
  });

  it(`refuses to export more than ${MAX_EXPORT_STEPS} steps with the count`, async () => {
    const out: WorkerMessage[] = [];
    const h = new LabHandler((m) => out.push(m));
    await ask(h, out, { type: 'load', id: 1, source: `repeat ${MAX_EXPORT_STEPS + 1} {\nquiesce\n}`, model: PRESETS.v1 });
    expect(await ask(h, out, { type: 'export', id: 2, format: 'trace-json' })).toMatchObject({ type: 'error', error: `the trace has ${MAX_EXPORT_STEPS + 1} steps; exports are limited to ${MAX_EXPORT_STEPS}` });
  });
});

describe('inputs that used to hang the engine', () => {
  it('creates 100,000 type=null sets in linear time (nextSid used to rescan from 0: 241 s)', () => {
    const t0 = performance.now();
    const r = run('repeat 1000000 {\nset a quota=1 type=null\n}', 100_000);
    expect(r.machine.kernel.state.sets.bySid.size).toBe(100_000);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('reuses the lowest SID after a destroy, as xa_alloc does', () => {
    const r = run('set a quota=1\nset b quota=1\nset c quota=1\nfree_set a destroy\nset d quota=1\nset e quota=1');
    expect(r.trace().steps.map((s) => s.result)).toEqual([0, 1, 2, 0, 0, 3]);
  });

  it('free_set of a small set beside 200,000 live IDs does not walk them each time', () => {
    const t0 = performance.now();
    const r = run('set a quota=200000\nset b quota=1\nrepeat 200000 {\nalloc a\n}\nrepeat 50000 {\nfree_set b\n}', 400_000);
    expect(r.machine.error).toBeUndefined();
    expect(r.machine.kernel.state.alloc.count).toBe(200_000);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});
