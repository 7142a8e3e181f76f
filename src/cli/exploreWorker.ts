// One explorer worker thread: waits for jobs, parses each job's scenario itself, explores its
// share of the frontier and posts progress and the report back. A shared stop flag (not a
// message: the search is synchronous) ends a search early.

import { parentPort, workerData } from 'node:worker_threads';
import { loadScenario } from '../engine/lab';
import { explore, unitNames, type ExploreProgress, type ExploreReport, type HandedNode } from '../engine/run/explore/explorer';
import type { ModelConfig } from '../engine/model';
import type { CompiledProgram } from '../engine/run/program';
import { SharedVisited } from '../engine/run/explore/sharedVisited';
import { frontierRoots, mergeReports, splitRoundRobin, type FrontierRoot } from '../engine/run/explore/partition';
import { WorkSharing } from './workSharing';

export interface WorkerJob {
  type: 'job';
  source: string;
  model: ModelConfig;
  /** This worker's share of a split search: the frontier is computed here, the same in every worker. */
  part?: { index: number; of: number; minWidth: number };
  maxStates: number;
  reduction: boolean;
  visited?: SharedArrayBuffer;
  /** Work stealing between the workers of a split search (see workSharing.ts). */
  sharing?: SharedArrayBuffer;
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

/**
 * This worker's roots. Every worker expands the same first levels (a fraction of a
 * millisecond) rather than waiting for the main thread to do it and send them: a tree too
 * narrow to split goes whole to worker 0.
 */
function share(program: CompiledProgram, model: ModelConfig, part: NonNullable<WorkerJob['part']>, reduction: boolean): FrontierRoot[] {
  const roots = frontierRoots(program, model, part.minWidth, reduction);
  if (roots.length < part.minWidth) return part.index === 0 ? [{ schedule: [], sleep: 0 }] : [];
  return splitRoundRobin(roots, part.of)[part.index] ?? [];
}

port.on('message', (job: WorkerJob) => {
  if (job?.type !== 'job') return;
  if (last?.source !== job.source) last = { source: job.source, loaded: loadScenario(job.source) };
  const loaded = last.loaded;
  if (!loaded.ok) {
    post({ type: 'error', error: 'the scenario does not parse' });
    return;
  }
  const t0 = performance.now();
  const stop = new Int32Array(job.stop);
  const stopped = () => Atomics.load(stop, 0) !== 0;
  const shared = job.visited ? new SharedVisited(job.visited) : undefined;
  const sharing = job.sharing && job.part && shared ? new WorkSharing(job.sharing, job.part.index, job.part.of, unitNames(loaded.program)) : undefined;
  const reports: ExploreReport[] = [];
  let handed: HandedNode[] | undefined;
  for (;;) {
    const report = explore(loaded.program, job.model, {
      roots: handed ? [] : job.part ? share(loaded.program, job.model, job.part, job.reduction) : [[]],
      handed,
      maxStates: job.maxStates,
      reduction: job.reduction,
      shared,
      shouldStop: stopped,
      // Counts so far over every round of this job, not only the current one.
      onProgress: (p) => {
        const done = reports.length ? mergeReports(reports) : undefined;
        post({ type: 'progress', progress: done ? { ...p, schedules: p.schedules + done.schedules, states: p.states + done.states, transitions: p.transitions + done.transitions, elapsedMs: performance.now() - t0 } : p });
      },
      wanted: sharing && ((stacked) => sharing.wanted(stacked)),
      give: sharing && ((nodes) => sharing.give(nodes)),
    });
    reports.push(report);
    if (!sharing) break;
    // Out of work: wait for some from a busy worker, unless the search is over for all.
    if (!report.complete || stopped()) {
      sharing.end();
      break;
    }
    handed = sharing.waitForWork(stopped);
    if (!handed) break;
  }
  post({ type: 'report', report: reports.length === 1 ? reports[0] : { ...mergeReports(reports), elapsedMs: performance.now() - t0 } });
});
// Counted in shared memory too: a search running synchronously on the main thread cannot
// receive the message, but can read the count (it hands over to the workers then).
if (workerData?.started instanceof SharedArrayBuffer) Atomics.add(new Int32Array(workerData.started), 0, 1);
post({ type: 'ready' });
