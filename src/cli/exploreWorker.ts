// One explorer worker thread: parses the scenario itself, explores its share of the
// frontier and posts progress and its report back to the CLI.

import { parentPort, workerData } from 'node:worker_threads';
import { loadScenario } from '../engine/lab';
import { explore } from '../engine/run/explore/explorer';
import type { ModelConfig } from '../engine/model';
import { SharedVisited } from '../engine/run/explore/sharedVisited';

interface Job {
  source: string;
  model: ModelConfig;
  roots: string[][];
  maxStates: number;
  reduction: boolean;
  visited?: SharedArrayBuffer;
}

const job = workerData as Job;
let stop = false;
parentPort!.on('message', (m: unknown) => {
  if (m === 'stop') stop = true;
});
const loaded = loadScenario(job.source);
if (!loaded.ok) {
  parentPort!.postMessage({ type: 'error', error: 'the scenario does not parse' });
} else {
  const report = explore(loaded.program, job.model, {
    roots: job.roots,
    maxStates: job.maxStates,
    reduction: job.reduction,
    shared: job.visited ? new SharedVisited(job.visited) : undefined,
    shouldStop: () => stop,
    onProgress: (p) => parentPort!.postMessage({ type: 'progress', progress: p }),
  });
  parentPort!.postMessage({ type: 'report', report });
}
