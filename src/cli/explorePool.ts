// The explorer on worker threads: worker 0 starts the search, the others take part of a busy
// worker's stack whenever they run out of work (workSharing.ts), all against one visited set
// shared through a SharedArrayBuffer, and the reports are merged. The pool outlives one
// search, so a caller that searches again (the benchmark, a future watch mode) reuses
// started, JIT-warmed workers.

import { Worker } from 'node:worker_threads';
import type { ModelConfig } from '../engine/model';
import type { CompiledProgram } from '../engine/run/program';
import { explore, type ExploreProgress, type ExploreReport, type HandedNode } from '../engine/run/explore/explorer';
import { LocalVisited } from '../engine/run/explore/localVisited';
import { mergeReports, splitRoundRobin } from '../engine/run/explore/partition';
import { SharedVisited } from '../engine/run/explore/sharedVisited';
import type { WorkerJob, WorkerMessage } from './exploreWorker';
import { WorkSharing } from './workSharing';

const YOUNG_GENERATION_MB = 128;
/**
 * The largest budget the shared visited table is sized for: its buffer is reserved whole
 * (about 40 bytes a state, touched only as levels fill), and a budget of 10^11 failed to
 * allocate. Its last level fills completely, so it holds some 25 million states; a search
 * past that finds it full and says so.
 */
export const MAX_SHARED_TABLE_STATES = 16_000_000;

export interface ParallelOptions {
  workers: number;
  maxStates: number;
  reduction?: boolean;
  onProgress?: (worker: number, p: ExploreProgress) => void;
  /** Called when SIGINT stopped the workers (the report is then incomplete). */
  onInterrupt?: () => void;
  /** Called when the search moves on from this thread to the workers. */
  onHandOff?: () => void;
}

/** A search begun elsewhere (in the CLI's thread) for a pool of two or more to go on with. */
export interface SearchStart {
  /** The states admitted and not expanded yet, shared out among the workers. */
  handed: HandedNode[];
  /** Writes every state seen so far into the pool's visited table. */
  fill: (table: SharedVisited) => void;
}

interface PoolWorker {
  worker: Worker;
  ready: Promise<void>;
  /** The running job's listener, if any. */
  onMessage?: (m: WorkerMessage) => void;
  onFailure?: (e: Error) => void;
  /** Why the worker is gone, once it is (a job sent to it then fails at once). */
  failed?: Error;
}

function start(started: SharedArrayBuffer): PoolWorker {
  // A roomy young generation: the search makes many short-lived copies, and with the default
  // a worker spent a third of its time in scavenges (225 vs 300 ms on the bench search).
  const worker = new Worker(new URL('./exploreWorkerBoot.mjs', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB }, workerData: { started } });
  const pw: PoolWorker = { worker, ready: Promise.resolve() };
  pw.ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'ready') resolve();
      else pw.onMessage?.(m);
    });
    const fail = (e: Error) => {
      pw.failed ??= e;
      reject(e);
      pw.onFailure?.(e);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`explorer worker exited with ${code}`)));
  });
  // A pool closed before anyone awaited it (the search ended in the main thread) must not
  // turn a worker's failure into an unhandled rejection; awaiting callers still see it.
  pw.ready.catch(() => undefined);
  return pw;
}

export class ExplorePool {
  private readonly workers: PoolWorker[];
  /** Set to 1 to stop every running search (read by the workers between states). */
  private stopFlag = new Int32Array(new SharedArrayBuffer(4));
  /** How many workers have loaded the engine (each adds 1 from its own thread). */
  private readonly startedCount = new Int32Array(new SharedArrayBuffer(4));

  constructor(size: number) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => start(this.startedCount.buffer as SharedArrayBuffer));
  }

  /** Every worker has started; readable while this thread is busy (no message needed). */
  get started(): boolean {
    return Atomics.load(this.startedCount, 0) >= this.workers.length;
  }

  get size(): number {
    return this.workers.length;
  }

  /** Every worker started and its modules loaded. */
  async ready(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.ready));
  }

  stop(): void {
    Atomics.store(this.stopFlag, 0, 1);
  }

  private job(pw: PoolWorker, job: WorkerJob, onProgress: (p: ExploreProgress) => void): Promise<ExploreReport> {
    return new Promise<ExploreReport>((resolve, reject) => {
      pw.onMessage = (m) => {
        if (m.type === 'progress') onProgress(m.progress);
        else if (m.type === 'report') resolve(m.report);
        else if (m.type === 'error') reject(new Error(m.error));
      };
      pw.onFailure = reject;
      // A worker that died while idle (nobody was listening then) would never answer.
      if (pw.failed) reject(pw.failed);
      else pw.worker.postMessage(job);
    }).finally(() => {
      pw.onMessage = undefined;
      pw.onFailure = undefined;
    });
  }

  /**
   * One search split across the pool's workers, which share out the states as they find
   * them. A one-worker pool searches the whole tree with a visited set of its own.
   */
  async search(source: string, model: ModelConfig, opts: Omit<ParallelOptions, 'workers' | 'onInterrupt'>, start?: SearchStart): Promise<ExploreReport> {
    // A new flag per search, made before anything awaits, so stop() right after search() counts.
    const stopFlag = new Int32Array(new SharedArrayBuffer(4));
    this.stopFlag = stopFlag;
    const reduction = opts.reduction ?? true;
    const n = this.workers.length;
    const split = n > 1;
    await this.ready();
    // One visited set for all workers: a state one worker explored is not explored again by
    // another (unless reached at a smaller depth or with fewer choices asleep), and the state
    // budget is global. A search on one worker keeps its own (LocalVisited, faster than the shared one).
    if (start && !split) throw new RangeError('a search begun elsewhere goes on with two or more workers');
    const { visited, sharing } = split ? this.sharedMemory(opts.maxStates) : {};
    if (start && visited) {
      const table = new SharedVisited(visited);
      start.fill(table);
      table.flush();
    }
    // A failing worker stops the others, and the search settles only once all have: one left
    // searching would wait for the dead one's work forever, or answer the pool's next search
    // with this search's report.
    const handedShares = start && splitRoundRobin(start.handed, n);
    const results = await Promise.allSettled(
      this.workers.map((w, i) => {
        const part = split ? { index: i, of: n } : undefined;
        const handed = handedShares && (handedShares[i] ?? []);
        return this.job(w, { type: 'job', source, model, part, handed, maxStates: opts.maxStates, reduction, visited, sharing, stop: stopFlag.buffer as SharedArrayBuffer }, (p) => opts.onProgress?.(i, p)).catch((e: unknown) => {
          Atomics.store(stopFlag, 0, 1);
          throw e;
        });
      }),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return mergeReports(results.map((r) => (r as PromiseFulfilledResult<ExploreReport>).value));
  }

  /** The visited table and work-sharing mailboxes of the last split search, if it had this budget. */
  private shared: { maxStates: number; visited: SharedVisited; sharing: SharedArrayBuffer } | undefined;

  /**
   * The memory a split search shares, kept for the next search with the same budget and
   * cleared then: fresh memory costs a page fault per page touched, and the workers took
   * them at once (a heavy bench search on two workers took 590 minor faults, 173 on one).
   */
  private sharedMemory(maxStates: number): { visited: SharedArrayBuffer; sharing: SharedArrayBuffer } {
    if (this.shared?.maxStates === maxStates) {
      this.shared.visited.clear();
      WorkSharing.reset(this.shared.sharing, this.workers.length);
    } else {
      this.shared = { maxStates, visited: SharedVisited.create(Math.min(maxStates, MAX_SHARED_TABLE_STATES)), sharing: WorkSharing.create(this.workers.length) };
    }
    return { visited: this.shared.visited.buffer, sharing: this.shared.sharing };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

/**
 * One search on a pool started for it and closed after. The search begins in this thread
 * while the workers start (each loads the bundled engine, about half a second): a search
 * that ends by then needs no workers, which is most scenarios. A longer one goes on on the
 * workers from where it is: the states it has not expanded yet are shared out among them and
 * every state it has seen goes into their visited table, so no work is done twice (this
 * search's counts and violations are merged with theirs). SIGINT stops the workers.
 * `pool`: one already started (tests).
 */
export async function exploreParallel(source: string, program: CompiledProgram, model: ModelConfig, opts: ParallelOptions, pool?: ExplorePool): Promise<ExploreReport> {
  const reduction = opts.reduction ?? true;
  if (opts.workers <= 1) return explore(program, model, { maxStates: opts.maxStates, reduction, onProgress: (p) => opts.onProgress?.(0, p) });
  const t0 = performance.now();
  const workers = pool ?? new ExplorePool(opts.workers);
  try {
    const visited = new LocalVisited();
    let handOff = false;
    const here = explore(program, model, { maxStates: opts.maxStates, reduction, visited, keepRest: true, shouldStop: () => (handOff = workers.started), onProgress: (p) => opts.onProgress?.(0, p) });
    if (!handOff) return here;
    opts.onHandOff?.();
    // Only while workers run: a search in this thread keeps Node's default (Ctrl-C exits).
    const onSigint = () => {
      workers.stop();
      opts.onInterrupt?.();
    };
    process.once('SIGINT', onSigint);
    try {
      const start: SearchStart = { handed: here.rest ?? [], fill: (table) => visited.forEach((h1, h2, depth, sleep) => table.visit(h1, h2, depth, sleep)) };
      // Worker 0's progress counts what this thread did too.
      const onProgress = (i: number, p: ExploreProgress) =>
        opts.onProgress?.(i, i === 0 ? { ...p, states: p.states + here.states, transitions: p.transitions + here.transitions, schedules: p.schedules + here.schedules, elapsedMs: p.elapsedMs + here.elapsedMs } : p);
      const parallel = await workers.search(source, model, { ...opts, onProgress }, start);
      // This thread's share is complete now that the rest of it went to the workers (the stop
      // that handed it over was no end), unless it cut a schedule at the step limit.
      const merged = mergeReports([{ ...here, complete: !here.cut, halted: undefined, rest: undefined }, parallel]);
      return { ...merged, elapsedMs: performance.now() - t0 };
    } finally {
      process.off('SIGINT', onSigint);
    }
  } finally {
    if (!pool) await workers.close();
  }
}
