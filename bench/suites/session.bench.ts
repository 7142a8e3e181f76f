// Time travel in a 1M-step session: a forward step, a step back and a seek to a random step,
// each as a ratio to one forward step measured in the same run; and the worker → UI update of
// a 2^20-ID state array by transfer against a structured clone.
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { loadScenario, resolveModel } from '../../src/engine/lab';
import { Session } from '../../src/engine/run/session';
import { buildIdState } from '../../src/engine/run/frame';
import { timeBest, type BenchResult } from '../result';

const SOURCE = `title "1M-step session"
model v4
set vm1 quota=64
set vm2 quota=64
notifier kvm kind=kvm
device dev0
repeat 200000 {
  alloc vm1 -> a
  bind dev0 a gpasid=9
  unbind dev0 a
  free a
  alloc vm2 -> b
}
`;

function xorshift(seed: number) {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

export async function run(): Promise<BenchResult[]> {
  const loaded = loadScenario(SOURCE);
  if (!loaded.ok) throw new Error('bench scenario does not parse');
  const model = resolveModel(loaded.program.source);
  if (typeof model === 'string') throw new Error(model);
  const s = new Session(loaded.program, model);
  s.advance();
  const total = s.stepCount;
  const rand = xorshift(12345);

  // A run of consecutive steps forward, then the same number back over the same stretch:
  // the mean cost of each (a step back's caches are built on the way, so only a long run
  // of them shows their real, amortized cost). Five stretches; the median ratio is kept.
  const RUN = 4096;
  const pairs: { forward: number; back: number }[] = [];
  for (let rep = 0; rep < 5; rep++) {
    const start = RUN + Math.floor(rand() * (total - 3 * RUN));
    s.at(start);
    let t0 = performance.now();
    for (let i = 1; i <= RUN; i++) s.at(start + i);
    const forward = (performance.now() - t0) / RUN;
    t0 = performance.now();
    for (let i = RUN - 1; i >= 0; i--) s.at(start + i);
    const back = (performance.now() - t0) / RUN;
    pairs.push({ forward, back });
  }
  pairs.sort((a, b) => a.back / a.forward - b.back / b.forward);
  const { forward: forwardMs, back: backMs } = pairs[2];
  const seekTimes: number[] = [];
  for (let i = 0; i < 200; i++) {
    const target = Math.floor(rand() * total);
    const t0 = performance.now();
    s.at(target);
    seekTimes.push(performance.now() - t0);
  }
  seekTimes.sort((a, b) => a - b);
  const seekMedian = seekTimes[Math.floor(seekTimes.length / 2)];
  const seekMax = seekTimes[seekTimes.length - 1];

  // Worker → UI update of the heatmap state: build + transfer vs a clone of the same bytes.
  const big = new Session(loaded.program, model);
  big.advance();
  const m = big.at(big.stepCount);
  const { port1, port2 } = new MessageChannel();
  const buildMs = timeBest(() => {
    for (let i = 0; i < 20; i++) buildIdState(m);
  }, 300) / 20;
  // The transfer itself: a fresh 1 MiB array moved (not copied) to the other side.
  const transferMs = timeBest(() => {
    for (let i = 0; i < 20; i++) {
      const arr = new Uint8Array(1 << 20);
      port1.postMessage(arr, [arr.buffer]);
      receiveMessageOnPort(port2);
    }
  }, 300) / 20;
  const cloneMs = timeBest(() => {
    for (let i = 0; i < 20; i++) {
      const arr = new Uint8Array(1 << 20);
      port1.postMessage(arr);
      receiveMessageOnPort(port2);
    }
  }, 300) / 20;
  port1.close();

  return [
    { name: `session of ${total} steps: one forward step`, value: forwardMs * 1000, unit: 'µs' },
    { name: 'session: step back / forward step', value: backMs / forwardMs, unit: 'x', target: '≤ 3x' },
    { name: 'session: seek to a random step, median', value: seekMedian, unit: 'ms', target: '≤ 20 ms' },
    { name: 'session: seek to a random step, worst of 200', value: seekMax, unit: 'ms', target: '≤ 20 ms' },
    { name: 'session: seek (median) / forward step', value: seekMedian / forwardMs, unit: 'x' },
    { name: `session: checkpoints kept (interval ${s.interval} steps)`, value: s.checkpointCount, unit: 'checkpoints' },
    { name: 'worker → UI: transfer a 2^20-ID state array (1 MiB, moved)', value: transferMs, unit: 'ms', target: '≤ 0.5 ms' },
    { name: 'worker → UI: structured clone of the same 1 MiB (reference)', value: cloneMs, unit: 'ms' },
    { name: 'worker: build the 2^20-ID state array from engine state', value: buildMs, unit: 'ms' },
  ];
}
