// The browser explorer pool on fake workers: the first worker splits the frontier, every share
// gets an explore job and a budget share, progress is summed, reports are merged and trimmed by
// the first worker; cancel terminates every worker and reports partial counts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createExplorePool, type PoolProgress } from '../../../src/ui/explore/explorePool';
import { PRESETS } from '../../../src/engine/model';
import type { ExploreReport } from '../../../src/engine/run/explore/explorer';
import type { ViolationKind } from '../../../src/engine/trace';
import { FakeWorker } from './fakeExplore';

const report = (p: Partial<ExploreReport>): ExploreReport => ({ schedules: 0, states: 0, transitions: 0, complete: true, violations: [], elapsedMs: 1, ...p });
const progress = (states: number, violations: string[] = []) => ({ type: 'progress', progress: { schedules: states / 2, states, transitions: states * 2, frontier: 1, elapsedMs: 100, violations } });

describe('explorePool', () => {
  let workers: FakeWorker[];
  let clock: number;
  beforeEach(() => {
    vi.useFakeTimers();
    workers = [];
    clock = 0;
  });
  afterEach(() => vi.useRealTimers());
  const pool = (n: number) =>
    createExplorePool({
      workers: n,
      now: () => clock,
      factory: () => {
        const w = new FakeWorker();
        workers.push(w);
        return w;
      },
    });

  it('splits, explores on every worker, sums progress, merges and trims', async () => {
    const seen: PoolProgress[] = [];
    const run = pool(3).start({ source: 'src', model: PRESETS.cyclic, maxStates: 900, onProgress: (p) => seen.push(p) });
    expect(workers).toHaveLength(1);
    expect(workers[0].posted[0]).toMatchObject({ type: 'partition', minWidth: 24 });
    workers[0].reply({ type: 'prefixes', prefixes: [['a'], ['b'], ['c'], ['d']], sleeps: [0, 2, 0, 4] });
    expect(workers).toHaveLength(3);
    // Each root keeps its sleep set through the split.
    expect(workers.map((w) => w.posted.at(-1))).toEqual([
      { type: 'explore', source: 'src', model: PRESETS.cyclic, roots: [['a'], ['d']], sleeps: [0, 4], maxStates: 300 },
      { type: 'explore', source: 'src', model: PRESETS.cyclic, roots: [['b']], sleeps: [2], maxStates: 300 },
      { type: 'explore', source: 'src', model: PRESETS.cyclic, roots: [['c']], sleeps: [0], maxStates: 300 },
    ]);
    workers[0].reply(progress(100, ['leak']));
    workers[1].reply(progress(50));
    clock = 1000;
    vi.advanceTimersByTime(250);
    expect(seen.at(-1)).toMatchObject({ phase: 'exploring', states: 150, schedules: 75, statesPerSecond: 150, violations: ['leak'], workers: 3, workersDone: 0 });

    const v = (kind: ViolationKind, schedule: string[]) => ({ kind, schedule, steps: 9, inEverySchedule: false });
    workers[0].reply({ type: 'report', report: report({ states: 200, violations: [v('reuse-before-cleanup', ['a', 'x', 'y'])] }) });
    workers[1].reply({ type: 'report', report: report({ states: 100, violations: [v('reuse-before-cleanup', ['b', 'x'])] }) });
    workers[2].reply({ type: 'report', report: report({ states: 50, complete: false }) });
    // Merged: the shorter schedule wins; the first worker trims it.
    expect(workers[0].posted.at(-1)).toEqual({ type: 'trim', source: 'src', model: PRESETS.cyclic, violations: [{ ...v('reuse-before-cleanup', ['b', 'x']) }] });
    workers[0].reply({ type: 'trimmed', violations: [v('reuse-before-cleanup', ['x'])] });
    const out = await run.done;
    expect(out.cancelled).toBe(false);
    expect(out.sharedVisited).toBe(false);
    expect(out.report).toMatchObject({ states: 350, complete: false, violations: [{ kind: 'reuse-before-cleanup', schedule: ['x'] }] });
    expect(workers.every((w) => w.terminated)).toBe(true);
  });

  it('on a cross-origin isolated page every share explores against one shared visited set and the whole budget', async () => {
    vi.stubGlobal('crossOriginIsolated', true);
    try {
      const run = pool(2).start({ source: 's', model: PRESETS.v4, maxStates: 1000 });
      workers[0].reply({ type: 'prefixes', prefixes: [['a'], ['b'], ['c']] });
      const jobs = workers.map((w) => w.posted.at(-1) as { maxStates: number; visited?: SharedArrayBuffer });
      expect(jobs.map((j) => j.maxStates)).toEqual([1000, 1000]);
      expect(jobs[0].visited).toBeInstanceOf(SharedArrayBuffer);
      expect(jobs[1].visited).toBe(jobs[0].visited);
      workers[0].reply({ type: 'report', report: report({ states: 30 }) });
      workers[1].reply({ type: 'report', report: report({ states: 12 }) });
      expect(await run.done).toMatchObject({ sharedVisited: true, report: { states: 42, complete: true } });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('keeps a visited set per worker when the budget is too big to reserve a shared one', () => {
    vi.stubGlobal('crossOriginIsolated', true);
    try {
      pool(2).start({ source: 's', model: PRESETS.v4, maxStates: 50_000_000 });
      workers[0].reply({ type: 'prefixes', prefixes: [['a'], ['b']] });
      const jobs = workers.map((w) => w.posted.at(-1) as { maxStates: number; visited?: SharedArrayBuffer });
      expect(jobs.map((j) => j.visited)).toEqual([undefined, undefined]);
      expect(jobs.map((j) => j.maxStates)).toEqual([25_000_000, 25_000_000]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('with one worker explores the whole tree without a partition step', async () => {
    const run = pool(1).start({ source: 's', model: PRESETS.v1, maxStates: 10 });
    expect(workers[0].posted).toEqual([{ type: 'explore', source: 's', model: PRESETS.v1, roots: [[]], sleeps: [0], maxStates: 10 }]);
    workers[0].reply({ type: 'report', report: report({ states: 3 }) });
    expect((await run.done).report).toMatchObject({ states: 3, complete: true, violations: [] });
  });

  it('cancel terminates every worker and keeps the counts and kinds reported so far', async () => {
    const run = pool(2).start({ source: 's', model: PRESETS.v1, maxStates: 1000 });
    workers[0].reply({ type: 'prefixes', prefixes: [['a'], ['b']] });
    workers[0].reply(progress(40, ['leak']));
    workers[1].reply({ type: 'report', report: report({ states: 10, violations: [{ kind: 'deadlock', schedule: ['b'], steps: 3, inEverySchedule: true }] }) });
    run.cancel();
    const out = await run.done;
    expect(workers.every((w) => w.terminated)).toBe(true);
    expect(out.cancelled).toBe(true);
    expect(out.report.complete).toBe(false);
    expect(out.report.states).toBe(50);
    expect(out.report.violations.map((v) => [v.kind, v.inEverySchedule])).toEqual([['deadlock', false]]);
    expect(out.lostKinds).toEqual(['leak']);
  });

  it('cancel keeps the schedules a running worker had reported with its progress', async () => {
    const run = pool(2).start({ source: 's', model: PRESETS.v1, maxStates: 1000 });
    workers[0].reply({ type: 'prefixes', prefixes: [['a'], ['b']] });
    const leak = { kind: 'leak', schedule: ['a', 'b', 'a'], steps: 9, inEverySchedule: false };
    workers[0].reply({ type: 'progress', progress: { ...progress(40, ['leak']).progress, found: [leak] } });
    workers[1].reply({ type: 'progress', progress: { ...progress(20, ['leak', 'deadlock']).progress, found: [{ ...leak, schedule: ['b', 'a'] }] } });
    run.cancel();
    const out = await run.done;
    // The shorter of the two leak schedules; deadlock came after worker 1's last progress.
    expect(out.report.violations).toEqual([{ ...leak, schedule: ['b', 'a'] }]);
    expect(out.lostKinds).toEqual(['deadlock']);
  });

  it('refuses a progress message whose found schedules are malformed', async () => {
    const run = pool(1).start({ source: 's', model: PRESETS.v1, maxStates: 10 });
    workers[0].reply({ type: 'progress', progress: { ...progress(1, []).progress, found: [{ kind: 'leak', schedule: 'a b' }] } });
    await expect(run.done).rejects.toThrow(/malformed/);
  });

  it('fails the run on a worker error or a malformed reply', async () => {
    const a = pool(1).start({ source: 's', model: PRESETS.v1, maxStates: 10 });
    workers[0].reply({ type: 'error', error: 'the scenario does not parse' });
    await expect(a.done).rejects.toThrow(/does not parse/);
    const b = pool(1).start({ source: 's', model: PRESETS.v1, maxStates: 10 });
    workers[1].reply({ type: 'report', report: { states: 'many' } });
    await expect(b.done).rejects.toThrow(/malformed/);
    expect(workers[1].terminated).toBe(true);
  });
});
