// The race explorer: states/s on scenarios with 3 threads × 4 statements and 2 deferred
// items, in this thread and on 2 worker threads, and the reduction ratio (states and
// transitions explored without / with the sleep-set reduction) measured in the same run.
import type { ExploreReport } from '../../src/engine/run/explore/explorer';
import type { BenchResult } from '../result';
import { EXPLORER_BENCH_HEAVY, EXPLORER_BENCH_LARGE, EXPLORER_BENCH_SCENARIO } from '../explorerScenarios';

// The engine and worker exactly as `npm run scenario` runs them: the bundle that
// scripts/build-cli.mjs writes (`npm run bench` builds it first), not the sources through tsx.
type Engine = typeof import('../explorerEngine');
const { loadScenario, resolveModel, explore, ExplorePool } = (await import(new URL('../../build/cli/explorerEngine.mjs', import.meta.url).href)) as Engine;
type ExplorePool = InstanceType<Engine['ExplorePool']>;

type Program = Extract<ReturnType<typeof loadScenario>, { ok: true }>['program'];
type Model = Parameters<typeof explore>[1];

/** Best search times in this thread with the reduction on and off, taking turns (see bestPair). */
function bestSingle(program: Program, model: Model, runs: number): { reduced: ExploreReport; plain: ExploreReport } {
  let reduced: ExploreReport | undefined;
  let plain: ExploreReport | undefined;
  for (let i = 0; i < runs; i++) {
    const r = explore(program, model, { maxStates: MAX_STATES, reduction: true });
    if (!reduced || r.elapsedMs < reduced.elapsedMs) reduced = r;
    const p = explore(program, model, { maxStates: MAX_STATES, reduction: false });
    if (!plain || p.elapsedMs < plain.elapsedMs) plain = p;
  }
  return { reduced: reduced!, plain: plain! };
}

type Timed = { ms: number; report: ExploreReport };

/**
 * Best wall times of the same search on two started pools (partitioning and messages
 * included), the pools taking turns: this machine's speed drifts by up to 2x within a
 * minute, and runs of one pool after the other measured the drift as much as the pools.
 */
async function bestPair(a: ExplorePool, b: ExplorePool, source: string, model: Model, runs: number): Promise<[Timed, Timed]> {
  const best: [Timed | undefined, Timed | undefined] = [undefined, undefined];
  for (let i = 0; i < runs; i++) {
    for (const [k, pool] of [a, b].entries()) {
      const t0 = performance.now();
      const report = await pool.search(source, model, { maxStates: MAX_STATES });
      const ms = performance.now() - t0;
      if (!best[k] || ms < best[k].ms) best[k] = { ms, report };
    }
  }
  return [best[0]!, best[1]!];
}

const MAX_STATES = 1_000_000;

function load(source: string): { program: Program; model: Model } {
  const loaded = loadScenario(source);
  if (!loaded.ok) throw new Error('explorer bench scenario does not parse');
  const model = resolveModel(loaded.program.source);
  if (typeof model === 'string') throw new Error(model);
  return { program: loaded.program, model };
}

export async function run(): Promise<BenchResult[]> {
  const light = load(EXPLORER_BENCH_SCENARIO);
  const heavy = load(EXPLORER_BENCH_HEAVY);
  const large = load(EXPLORER_BENCH_LARGE);
  const out: BenchResult[] = [];
  // This thread, warmed up on both scenarios first.
  for (const { program, model } of [light, heavy]) bestSingle(program, model, 4);
  const { reduced: lightRed, plain: lightPlain } = bestSingle(light.program, light.model, 20);
  const { reduced: heavyRed } = bestSingle(heavy.program, heavy.model, 10);
  const rate = (r: ExploreReport) => r.states / (r.elapsedMs / 1000);
  out.push(
    { name: `explorer in this thread (--workers 1), with reduction: ${lightRed.states} states, complete=${lightRed.complete}`, value: rate(lightRed), unit: 'states/s', target: '≥ 100k states/s per worker' },
    { name: `explorer in this thread, without reduction: ${lightPlain.states} states`, value: rate(lightPlain), unit: 'states/s' },
    { name: `explorer reduction: states without / with reduction (${lightPlain.states} / ${lightRed.states})`, value: lightPlain.states / lightRed.states, unit: 'x' },
    { name: `explorer reduction: transitions without / with (${lightPlain.transitions} / ${lightRed.transitions})`, value: lightPlain.transitions / lightRed.transitions, unit: 'x' },
    { name: `explorer (heavy) in this thread, with reduction: ${heavyRed.states} states`, value: rate(heavyRed), unit: 'states/s' },
  );
  // One worker against two, each a started pool warmed by the same searches (as a long-lived
  // pool would be), every search in worker threads with the same settings: the whole search
  // on one worker, or split over two sharing one visited set. Fifteen warm-up rounds: after
  // six, V8 was still compiling hot functions on its background threads during the measured
  // searches (about 45 ms of CPU per 2-worker heavy search, on the same two cores), after
  // fifteen about 5-10 ms.
  const one = new ExplorePool(1);
  const two = new ExplorePool(2);
  const other = new ExplorePool(1);
  try {
    const t0 = performance.now();
    await Promise.all([one.ready(), two.ready()]);
    const startMs = performance.now() - t0;
    for (let i = 0; i < 15; i++) {
      for (const pool of [one, two]) {
        await pool.search(EXPLORER_BENCH_HEAVY, heavy.model, { maxStates: MAX_STATES });
        await pool.search(EXPLORER_BENCH_SCENARIO, light.model, { maxStates: MAX_STATES });
      }
    }
    const [heavyOne, heavyTwo] = await bestPair(one, two, EXPLORER_BENCH_HEAVY, heavy.model, 8);
    const [lightOne, lightTwo] = await bestPair(one, two, EXPLORER_BENCH_SCENARIO, light.model, 15);
    // One warm-up pair, then the best of two: each search takes seconds.
    await bestPair(one, two, EXPLORER_BENCH_LARGE, large.model, 1);
    const [largeOne, largeTwo] = await bestPair(one, two, EXPLORER_BENCH_LARGE, large.model, 2);
    // What two cores give this workload at all: the same whole search on two workers at
    // once, no splitting, no shared table. On this machine's two vCPUs a search slowed by
    // 1.3-1.7x while another one ran (memory-bound code on cores that share caches, or
    // host noise), so a split search cannot reach 2x here whatever it does.
    await other.ready();
    for (let i = 0; i < 5; i++) await other.search(EXPLORER_BENCH_HEAVY, heavy.model, { maxStates: MAX_STATES });
    let alone = Infinity;
    let side = Infinity;
    for (let i = 0; i < 6; i++) {
      let s0 = performance.now();
      await one.search(EXPLORER_BENCH_HEAVY, heavy.model, { maxStates: MAX_STATES });
      alone = Math.min(alone, performance.now() - s0);
      s0 = performance.now();
      await Promise.all([one.search(EXPLORER_BENCH_HEAVY, heavy.model, { maxStates: MAX_STATES }), other.search(EXPLORER_BENCH_HEAVY, heavy.model, { maxStates: MAX_STATES })]);
      side = Math.min(side, performance.now() - s0);
    }
    const perSecond = (r: Timed) => r.report.states / (r.ms / 1000);
    out.push(
      { name: `explorer on worker threads, 1 worker: ${lightOne.report.states} states in ${lightOne.ms.toFixed(1)} ms`, value: perSecond(lightOne), unit: 'states/s', target: '≥ 100k states/s per worker' },
      { name: `explorer, 2 workers: ${lightTwo.report.states} states in ${lightTwo.ms.toFixed(1)} ms; speed-up`, value: lightOne.ms / lightTwo.ms, unit: 'x', target: '≥ 1.7x' },
      // The same target on the scenario whose split pays: met on the small one only.
      { name: `explorer (heavy) on worker threads, 1 worker: ${heavyOne.report.states} states in ${Math.round(heavyOne.ms)} ms`, value: perSecond(heavyOne), unit: 'states/s', target: '≥ 100k states/s per worker' },
      { name: `explorer (heavy), 2 workers: ${heavyTwo.report.states} states in ${Math.round(heavyTwo.ms)} ms; speed-up`, value: heavyOne.ms / heavyTwo.ms, unit: 'x', target: '≥ 1.7x' },
      { name: `explorer (large, 4 threads) on worker threads, 1 worker: ${largeOne.report.states} states in ${Math.round(largeOne.ms)} ms`, value: perSecond(largeOne), unit: 'states/s' },
      { name: `explorer (large), 2 workers: ${largeTwo.report.states} states in ${Math.round(largeTwo.ms)} ms; speed-up`, value: largeOne.ms / largeTwo.ms, unit: 'x' },
      { name: `explorer (heavy): two whole searches side by side, ${Math.round(side)} ms, against one alone, ${Math.round(alone)} ms: the ceiling of a 2-worker speed-up here`, value: (2 * alone) / side, unit: 'x' },
      { name: 'explorer: starting 3 worker threads (each loads the bundled engine)', value: startMs, unit: 'ms' },
    );
  } finally {
    await Promise.all([one.close(), two.close(), other.close()]);
  }
  return out;
}
