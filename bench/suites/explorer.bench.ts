// The race explorer: states/s on a scenario with 3 threads × 4 statements and 2 deferred
// items, in this thread and on 2 worker threads, and the reduction ratio (states explored
// without / with the sleep-set reduction) measured in the same run.
import { loadScenario, resolveModel } from '../../src/engine/lab';
import { explore } from '../../src/engine/run/explore/explorer';
import { exploreParallel } from '../../src/cli/explorePool';
import type { BenchResult } from '../result';

export const EXPLORER_BENCH_SCENARIO = `title "explorer bench: 3 threads x 4 statements, 2 deferred items"
model v4
set vm1 quota=16
set vm2 quota=16
notifier vtd kind=iommu
notifier kvm kind=kvm
device dev0
device dev1
alloc vm1 -> a
alloc vm1 -> b
alloc vm2 -> c
bind dev0 a gpasid=1
bind dev1 c gpasid=2
work {
  dma dev0 a
}
call_rcu {
  get b
}
thread t1 {
  dma dev0 a
  get b
  put b
  dma dev1 c
}
thread t2 {
  get c
  find a
  put c
  dma dev1 c
}
thread t3 {
  spin_lock L
  find c
  spin_unlock L
  note "done"
}
join
`;

/** The same shape with longer threads: a state space large enough for two workers to pay off. */
export const EXPLORER_BENCH_LARGE = EXPLORER_BENCH_SCENARIO.replace('  dma dev1 c\n}\nthread t2', '  dma dev1 c\n  find b\n  dma dev0 a\n}\nthread t2').replace('  note "done"\n}', '  note "done"\n  spin_lock M\n  spin_unlock M\n}');

type Program = Extract<ReturnType<typeof loadScenario>, { ok: true }>['program'];

function bestOf(program: Program, model: Parameters<typeof explore>[1], runs: number, opts: Parameters<typeof explore>[2] = {}) {
  let best = explore(program, model, opts);
  for (let i = 1; i < runs; i++) {
    const r = explore(program, model, opts);
    if (r.elapsedMs < best.elapsedMs) best = r;
  }
  return best;
}

export async function run(): Promise<BenchResult[]> {
  const loaded = loadScenario(EXPLORER_BENCH_SCENARIO);
  const large = loadScenario(EXPLORER_BENCH_LARGE);
  if (!loaded.ok || !large.ok) throw new Error('explorer bench scenario does not parse');
  const model = resolveModel(loaded.program.source);
  if (typeof model === 'string') throw new Error(model);
  const maxStates = 1_000_000;
  bestOf(loaded.program, model, 3); // warm up the JIT
  const single = bestOf(loaded.program, model, 3, { maxStates });
  const plain = explore(loaded.program, model, { maxStates, reduction: false });
  const singleRate = single.states / (single.elapsedMs / 1000);
  const t0 = performance.now();
  const two = await exploreParallel(EXPLORER_BENCH_SCENARIO, loaded.program, model, { workers: 2, maxStates });
  const wallMs = performance.now() - t0;
  // Each worker reports its own search time; the slowest bounds the parallel search.
  const twoRate = two.states / (two.elapsedMs / 1000);
  const largeSingle = bestOf(large.program, model, 2, { maxStates });
  const largeTwo = await exploreParallel(EXPLORER_BENCH_LARGE, large.program, model, { workers: 2, maxStates });
  return [
    { name: `explorer (larger: 3 threads x 6-7 statements), 1 worker: ${largeSingle.states} states`, value: largeSingle.states / (largeSingle.elapsedMs / 1000), unit: 'states/s' },
    { name: `explorer (larger), 2 workers: ${largeTwo.states} states; time 1 worker / time 2 workers`, value: largeSingle.elapsedMs / largeTwo.elapsedMs, unit: 'x', target: '≥ 1.7x' },
    { name: `explorer, 1 worker: ${single.states} states, complete=${single.complete}`, value: singleRate, unit: 'states/s', target: '≥ 100k states/s per worker' },
    { name: `explorer, 2 workers: ${two.states} states (search time of the slowest worker)`, value: twoRate, unit: 'states/s' },
    { name: 'explorer speed-up, 2 workers / 1 worker (search time)', value: twoRate / singleRate, unit: 'x', target: '≥ 1.7x' },
    { name: 'explorer, 2 workers: wall time including worker start-up', value: wallMs, unit: 'ms' },
    { name: 'explorer, 1 worker: same search', value: single.elapsedMs, unit: 'ms' },
    { name: `explorer reduction: states without / with reduction (${plain.states} / ${single.states})`, value: plain.states / single.states, unit: 'x' },
  ];
}
