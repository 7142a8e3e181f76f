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

export async function run(): Promise<BenchResult[]> {
  const loaded = loadScenario(EXPLORER_BENCH_SCENARIO);
  if (!loaded.ok) throw new Error('explorer bench scenario does not parse');
  const model = resolveModel(loaded.program.source);
  if (typeof model === 'string') throw new Error(model);
  const maxStates = 1_000_000;
  explore(loaded.program, model, { maxStates: 2000 }); // warm up the JIT
  const single = explore(loaded.program, model, { maxStates });
  const plain = explore(loaded.program, model, { maxStates, reduction: false });
  const singleRate = single.states / (single.elapsedMs / 1000);
  const t0 = performance.now();
  const two = await exploreParallel(EXPLORER_BENCH_SCENARIO, loaded.program, model, { workers: 2, maxStates });
  const wallMs = performance.now() - t0;
  // Each worker reports its own search time; the slowest bounds the parallel search.
  const twoRate = two.states / (two.elapsedMs / 1000);
  return [
    { name: `explorer, 1 worker: ${single.states} states, complete=${single.complete}`, value: singleRate, unit: 'states/s', target: '≥ 100k states/s per worker' },
    { name: `explorer, 2 workers: ${two.states} states (search time of the slowest worker)`, value: twoRate, unit: 'states/s' },
    { name: 'explorer speed-up, 2 workers / 1 worker (search time)', value: twoRate / singleRate, unit: 'x', target: '≥ 1.7x' },
    { name: 'explorer, 2 workers: wall time including worker start-up', value: wallMs, unit: 'ms' },
    { name: 'explorer, 1 worker: same search', value: single.elapsedMs, unit: 'ms' },
    { name: `explorer reduction: states without / with reduction (${plain.states} / ${single.states})`, value: plain.states / single.states, unit: 'x' },
  ];
}
