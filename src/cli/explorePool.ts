// The explorer on worker threads: the frontier is split by schedule prefix (partition.ts),
// each worker explores its share with its own visited set, and the reports are merged.
// Used by the CLI and the benchmark alike.

import { Worker } from 'node:worker_threads';
import type { ModelConfig } from '../engine/model';
import type { CompiledProgram } from '../engine/run/program';
import { explore, type ExploreProgress, type ExploreReport } from '../engine/run/explore/explorer';
import { frontierPrefixes, mergeReports, splitRoundRobin } from '../engine/run/explore/partition';

const PREFIXES_PER_WORKER = 8;

export interface ParallelOptions {
  workers: number;
  maxStates: number;
  reduction?: boolean;
  onProgress?: (worker: number, p: ExploreProgress) => void;
}

function spawn(source: string, model: ModelConfig, roots: string[][], maxStates: number, reduction: boolean, onProgress: (p: ExploreProgress) => void): { promise: Promise<ExploreReport>; stop: () => void } {
  const w = new Worker(new URL('./exploreWorkerBoot.mjs', import.meta.url), {
    workerData: { source, model, roots, maxStates, reduction },
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
  const parts = splitRoundRobin(frontierPrefixes(program, model, opts.workers * PREFIXES_PER_WORKER), opts.workers);
  const jobs = parts.map((roots, i) => spawn(source, model, roots, Math.ceil(opts.maxStates / parts.length), reduction, (p) => opts.onProgress?.(i, p)));
  const onSigint = () => jobs.forEach((j) => j.stop());
  process.once('SIGINT', onSigint);
  try {
    return mergeReports(await Promise.all(jobs.map((j) => j.promise)));
  } finally {
    process.off('SIGINT', onSigint);
  }
}
