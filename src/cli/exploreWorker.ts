// One explorer worker thread: waits for jobs, parses each job's scenario itself, explores its
// share of the frontier and posts progress and the report back. A shared stop flag (not a
// message: the search is synchronous) ends a search early.

import { parentPort } from 'node:worker_threads';
import { loadScenario } from '../engine/lab';
import { explore, type ExploreProgress, type ExploreReport } from '../engine/run/explore/explorer';
import type { ModelConfig } from '../engine/model';
import { SharedVisited } from '../engine/run/explore/sharedVisited';

export interface WorkerJob {
  type: 'job';
  source: string;
  model: ModelConfig;
  roots: string[][];
  maxStates: number;
  reduction: boolean;
  visited?: SharedArrayBuffer;
  stop: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; progress: ExploreProgress }
  | { type: 'report'; report: ExploreReport }
  | { type: 'error'; error: string };

const port = parentPort!;
const post = (m: WorkerMessage) => port.postMessage(m);

/** The last job's scenario, parsed: a pool searching the same file again skips the parse. */
let last: { source: string; loaded: ReturnType<typeof loadScenario> } | undefined;

port.on('message', (job: WorkerJob) => {
  if (job?.type !== 'job') return;
  if (last?.source !== job.source) last = { source: job.source, loaded: loadScenario(job.source) };
  const loaded = last.loaded;
  if (!loaded.ok) {
    post({ type: 'error', error: 'the scenario does not parse' });
    return;
  }
  const stop = new Int32Array(job.stop);
  const report = explore(loaded.program, job.model, {
    roots: job.roots,
    maxStates: job.maxStates,
    reduction: job.reduction,
    shared: job.visited ? new SharedVisited(job.visited) : undefined,
    shouldStop: () => Atomics.load(stop, 0) !== 0,
    onProgress: (p) => post({ type: 'progress', progress: p }),
  });
  post({ type: 'report', report });
});
post({ type: 'ready' });
