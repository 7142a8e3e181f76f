// The explorer on worker threads: the frontier is split by schedule prefix (partition.ts),
// each worker explores its share against one visited set shared through a
// SharedArrayBuffer, and the reports are merged.
// Used by the CLI and the benchmark alike.

import { Worker } from 'node:worker_threads';
import type { ModelConfig } from '../engine/model';
import type { CompiledProgram } from '../engine/run/program';
import { explore, type ExploreProgress, type ExploreReport } from '../engine/run/explore/explorer';
import { frontierPrefixes, mergeReports, splitRoundRobin } from '../engine/run/explore/partition';
import { SharedVisited } from '../engine/run/explore/sharedVisited';

const PREFIXES_PER_WORKER = 8;

export interface ParallelOptions {
  workers: number;
  maxStates: number;
  reduction?: boolean;
  onProgress?: (worker: number, p: ExploreProgress) => void;
}

function spawn(source: string, model: ModelConfig, roots: string[][], maxStates: number, reduction: boolean, visited: SharedArrayBuffer, onProgress: (p: ExploreProgress) => void): { promise: Promise<ExploreReport>; stop: () => void } {
  const w = new Worker(new URL('./exploreWorkerBoot.mjs', import.meta.url), {
    workerData: { source, model, roots, maxStates, reduction, visited },
  });
  const promise = new Promise<ExploreReport>((resolve, reject) => {
    w.on('message', (m: { type: string; report?: ExploreReport; progress?: ExploreProgress; error?: string }) => {
      if (m.type === 'progress' && m.progress) onProgress(m.progress);
      else if (m.type === 'report' && m.report) resolve(m.report);
      else if (m.type === 'error') reject(new Error(m.error));
    });
    w.on('error', reject);
    w.on('exit', (code) => {
      if (code !== 0) reject(new Error(`explorer worker exited with ${code}`));
    });
  });
  return { promise: promise.finally(() => void w.terminate()), stop: () => w.postMessage('stop') };
}

/** One worker runs in this thread; more split the frontier across worker threads. SIGINT stops them. */
export async function exploreParallel(source: string, program: CompiledProgram, model: ModelConfig, opts: ParallelOptions): Promise<ExploreReport> {
  const reduction = opts.reduction ?? true;
  if (opts.workers <= 1) return explore(program, model, { maxStates: opts.maxStates, reduction, onProgress: (p) => opts.onProgress?.(0, p) });
  const prefixes = frontierPrefixes(program, model, opts.workers * PREFIXES_PER_WORKER);
  // A tree that never grew wide enough to split is small: search it here, no workers to start.
  if (prefixes.length < opts.workers * PREFIXES_PER_WORKER) {
    return explore(program, model, { maxStates: opts.maxStates, reduction, onProgress: (p) => opts.onProgress?.(0, p) });
  }
  const parts = splitRoundRobin(prefixes, opts.workers);
  // One visited set for all workers: a state one worker explored is not explored again by
  // another (unless reached at a smaller depth), and the state budget is global.
  const visited = SharedVisited.create(opts.maxStates);
  const jobs = parts.map((roots, i) => spawn(source, model, roots, opts.maxStates, reduction, visited.buffer, (p) => opts.onProgress?.(i, p)));
  const onSigint = () => jobs.forEach((j) => j.stop());
  process.once('SIGINT', onSigint);
  try {
    return mergeReports(await Promise.all(jobs.map((j) => j.promise)));
  } finally {
    process.off('SIGINT', onSigint);
  }
}
