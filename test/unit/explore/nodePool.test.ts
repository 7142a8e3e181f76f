// The CLI's explorer on worker threads (src/cli/explorePool.ts): a search split over two
// workers sharing one visited set finds what the in-thread search finds, with schedules as
// short; a pool serves several searches; stop() ends a search early and says so; the CLI's
// search starts in its own thread and hands over to the workers only once they are ready.

import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadScenario, resolveModel } from '../../../src/engine/lab';
import { explore, EXPLORE_MAX_STEPS } from '../../../src/engine/run/explore/explorer';
import { ExplorePool, exploreParallel } from '../../../src/cli/explorePool';
import { EXPLORER_BENCH_HEAVY, EXPLORER_BENCH_LARGE, EXPLORER_BENCH_SCENARIO } from '../../../bench/explorerScenarios';

function load(source: string) {
  const l = loadScenario(source);
  if (!l.ok) throw new Error('does not parse');
  const model = resolveModel(l.program.source);
  if (typeof model === 'string') throw new Error(model);
  return { program: l.program, model };
}

const shortest = (r: { violations: { kind: string; schedule: string[] }[] }) =>
  Object.fromEntries(r.violations.map((v) => [v.kind, v.schedule.length]).sort());

describe('ExplorePool (worker threads)', () => {
  const pool = new ExplorePool(2);
  afterAll(() => pool.close());

  it('two workers find the same violation kinds with equally short schedules, search after search', async () => {
    for (const source of [EXPLORER_BENCH_HEAVY, EXPLORER_BENCH_SCENARIO]) {
      const { program, model } = load(source);
      const here = explore(program, model, { maxStates: 100_000 });
      const there = await pool.search(source, model, { maxStates: 100_000 });
      expect(there.complete).toBe(true);
      expect(shortest(there)).toEqual(shortest(here));
      // Shared visited set: the split explores about as many states as one search, not twice.
      expect(there.states).toBeGreaterThan(here.states * 0.9);
      expect(there.states).toBeLessThanOrEqual(here.states * 1.1);
    }
    const heavy = load(EXPLORER_BENCH_HEAVY);
    expect(explore(heavy.program, heavy.model).violations.length).toBeGreaterThan(0);
  }, 60_000);

  it('on small random scenarios, two workers sharing out states as they go find what one thread finds', async () => {
    // Worker 0 starts alone and the other takes states from its stack: every search here is
    // a few hundred states at most, so most of the sharing happens in the first levels.
    const statements = [
      'free a', 'free b', 'get a', 'put a', 'dma dev0 a', 'dma dev0 b', 'unbind dev0 a', 'bind dev0 b',
      'alloc vm2 -> c', 'spin_lock A', 'spin_unlock A', 'note "n"', 'work {\n    free a\n  }', 'call_rcu {\n    put b\n  }', 'find a',
    ];
    let compared = 0;
    let withViolations = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('v1', 'cyclic', 'v4'),
        fc.array(fc.array(fc.constantFrom(...statements), { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 3 }),
        async (preset, threads) => {
          const source = [
            `model ${preset}`, 'set vm1 quota=8', 'set vm2 quota=8', 'notifier vtd kind=iommu', 'notifier kvm kind=kvm', 'device dev0',
            'alloc vm1 -> a', 'alloc vm1 -> b', 'bind dev0 a gpasid=3',
            ...threads.map((body, i) => `thread t${i} {\n  ${body.join('\n  ')}\n}`),
            'join',
          ].join('\n');
          const { program, model } = load(source);
          const here = explore(program, model, { maxStates: 20_000 });
          const there = await pool.search(source, model, { maxStates: 20_000 });
          expect(there.complete).toBe(here.complete);
          if (!here.complete) return;
          compared++;
          if (here.violations.length > 0) withViolations++;
          expect(shortest(there)).toEqual(shortest(here));
          expect(there.violations.map((v) => [v.kind, v.inEverySchedule]).sort()).toEqual(here.violations.map((v) => [v.kind, v.inEverySchedule]).sort());
        },
      ),
      { seed: 11, numRuns: 40 },
    );
    expect(compared).toBeGreaterThanOrEqual(30);
    expect(withViolations).toBeGreaterThanOrEqual(10);
  }, 120_000);

  it('a schedule cut at the step limit leaves a split search incomplete, and does not end the others\' work', async () => {
    // Two threads race for a lock; one then runs past the step limit before it can finish.
    const source = `thread t1 {\n  mutex_lock a\n  repeat ${EXPLORE_MAX_STEPS} {\n    quiesce\n  }\n  mutex_unlock a\n}\nthread t2 {\n  mutex_lock a\n  mutex_unlock a\n}\njoin\n`;
    const { program, model } = load(source);
    const here = explore(program, model, { maxStates: 1_000_000 });
    expect(here.complete).toBe(false);
    await pool.ready();
    const there = await exploreParallel(source, program, model, { workers: 2, maxStates: 1_000_000 }, pool);
    expect(there.complete).toBe(false);
    expect(there.cut).toBeGreaterThan(0);
    expect(there.halted).toBeUndefined();
  }, 120_000);

  it('a search that ends before the workers start never hands over; one that outlasts them does', async () => {
    const { program, model } = load(EXPLORER_BENCH_SCENARIO);
    const here = explore(program, model, { maxStates: 100_000 });
    let handOffs = 0;
    const quick = await exploreParallel(EXPLORER_BENCH_SCENARIO, program, model, { workers: 2, maxStates: 100_000, onHandOff: () => handOffs++ });
    expect(handOffs).toBe(0);
    // This thread's search, with its sleep sets: the same transitions as explore() here.
    expect(quick.transitions).toBe(here.transitions);
    // Workers already started: the search moves to them at its first state.
    await pool.ready();
    const heavy = load(EXPLORER_BENCH_HEAVY);
    const moved = await exploreParallel(EXPLORER_BENCH_HEAVY, heavy.program, heavy.model, { workers: 2, maxStates: 100_000, onHandOff: () => handOffs++ }, pool);
    expect(handOffs).toBe(1);
    expect(moved.complete).toBe(true);
    expect(shortest(moved)).toEqual(shortest(explore(heavy.program, heavy.model, { maxStates: 100_000 })));
  }, 60_000);

  it('a search handed over midway goes on from where it was: no state counted twice, the same findings', async () => {
    const { program, model } = load(EXPLORER_BENCH_HEAVY);
    const whole = explore(program, model, { maxStates: 100_000 });
    await pool.ready();
    for (const after of [50, 400, 2000]) {
      // The pool, as seen by exploreParallel: started only after this thread's `after`-th look.
      let looks = 0;
      const late = Object.create(pool, { started: { get: () => ++looks > after } }) as ExplorePool;
      let handOffs = 0;
      const r = await exploreParallel(EXPLORER_BENCH_HEAVY, program, model, { workers: 2, maxStates: 100_000, onHandOff: () => handOffs++ }, late);
      expect(handOffs).toBe(1);
      expect(r.complete).toBe(true);
      // Two workers inserting one new state at the same instant may both count it (rare).
      expect(r.states).toBeGreaterThanOrEqual(whole.states);
      expect(r.states).toBeLessThanOrEqual(whole.states + 5);
      expect(shortest(r)).toEqual(shortest(whole));
      expect(r.violations.map((v) => [v.kind, v.inEverySchedule]).sort()).toEqual(whole.violations.map((v) => [v.kind, v.inEverySchedule]).sort());
    }
  }, 60_000);

  it('a search on a worker that died while idle fails at once instead of waiting forever', async () => {
    const lone = new ExplorePool(1);
    await lone.ready();
    const { model } = load(EXPLORER_BENCH_SCENARIO);
    await (lone as unknown as { workers: { worker: { terminate(): Promise<number> } }[] }).workers[0].worker.terminate();
    await expect(lone.search(EXPLORER_BENCH_SCENARIO, model, { maxStates: 1000 })).rejects.toThrow(/exited/);
    await lone.close();
  }, 60_000);

  it('a worker dying mid-search stops the other, and the search fails only once both are idle', async () => {
    const pair = new ExplorePool(2);
    await pair.ready();
    type Internals = { workers: { worker: { terminate(): Promise<number> }; onMessage?: unknown }[] };
    const { workers } = pair as unknown as Internals;
    const { model } = load(EXPLORER_BENCH_LARGE);
    const running = pair.search(EXPLORER_BENCH_LARGE, model, { maxStates: 1_000_000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(workers[0].onMessage).toBeDefined(); // still searching (the whole search takes seconds)
    await workers[1].worker.terminate();
    await expect(running).rejects.toThrow(/exited/);
    // The survivor's job is over: no listener left for a late report of this search.
    expect(workers[0].onMessage).toBeUndefined();
    await pair.close();
  }, 60_000);

  it('stop() right after search() ends it incomplete', async () => {
    const { program, model } = load(EXPLORER_BENCH_HEAVY);
    const running = pool.search(EXPLORER_BENCH_HEAVY, model, { maxStates: 100_000 });
    pool.stop();
    const r = await running;
    expect(r.complete).toBe(false);
    expect(r.states).toBeLessThan(explore(program, model).states);
  }, 60_000);
});
