// One explorer worker thread: waits for jobs, parses each job's scenario itself, explores its
// share of the frontier and posts progress and the report back. A shared stop flag (not a
// message: the search is synchronous) ends a search early.

import { parentPort, workerData } from 'node:worker_threads';
import { loadScenario } from '../engine/lab';
import { explore, unitNames, type ExploreProgress, type ExploreReport, type HandedNode } from '../engine/run/explore/explorer';
import type { ModelConfig } from '../engine/model';
import { SharedVisited } from '../engine/run/explore/sharedVisited';
import { mergeReports } from '../engine/run/explore/partition';
import { WorkSharing } from './workSharing';

export interface WorkerJob {
  type: 'job';
  source: string;
  model: ModelConfig;
  /** This worker's place in a split search (see rootsOf). */
  part?: { index: number; of: number };
  /** A search begun elsewhere: this worker's share of its states to expand (instead of rootsOf). */
  handed?: HandedNode[];
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
 * This worker's roots: worker 0 starts at the initial state, the others with nothing, and
 * they take states from its stack as soon as it has two (workSharing.ts). Splitting a
 * frontier of prefixes first (partition.ts, as the browser does) made every worker expand
 * the same first levels, and that function, called once per search, was compiled again and
 * again by V8 on the same two cores (about 80 ms of compiler time each time, 30 to 60
 * searches in); the workers also waited longer for each other.
 */
function rootsOf(part: NonNullable<WorkerJob['part']>): string[][] {
  return part.index === 0 ? [[]] : [];
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
  let handed: HandedNode[] | undefined = job.handed;
  for (;;) {
    const report = explore(loaded.program, job.model, {
      roots: handed ? [] : job.part ? rootsOf(job.part) : [[]],
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
    // Over for everyone when the budget, a full table or a stop ended it; not for a schedule
    // cut at the step limit, which ends only that schedule.
    if (report.halted || stopped()) {
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
