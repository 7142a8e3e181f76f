// The race explorer on Web Workers (SPEC §7), the browser twin of src/cli/explore.ts: the first
// worker splits the frontier, one worker per core explores a share, progress is summed every
// 250 ms, the reports are merged and the first worker trims the shortest schedules.
//
// On a cross-origin isolated page (the dev and preview servers send COOP/COEP) the shares
// explore against one visited set in a SharedArrayBuffer, as the CLI's workers do, so a state
// is explored once whichever share reaches it; elsewhere each share keeps its own (states
// reachable from several shares are explored by each) and gets a slice of the budget.
//
// Cancel terminates every worker at once: `explore` is synchronous, so a worker cannot read a
// stop message while it searches. The outcome is then marked cancelled and incomplete; its
// counts and schedules (the shortest found so far, untrimmed) come from each worker's last
// progress, and a kind found after that progress is listed without a schedule.

import type { ModelConfig } from '../../engine/model';
import type { ExploreProgress, ExploreReport } from '../../engine/run/explore/explorer';
import { mergeReports, splitRoundRobin, type FrontierRoot } from '../../engine/run/explore/partition';
import { SharedVisited } from '../../engine/run/explore/sharedVisited';
import { isExploreReply, rootsFromWire, rootsToWire, type ExploreReply, type ExploreRequest } from '../../worker/exploreProtocol';

export const DEFAULT_STATE_BUDGET = 200_000;
export const MAX_EXPLORE_WORKERS = 8;
export const PROGRESS_MS = 250;
/** Frontier prefixes per worker: more than one evens out uneven subtrees (as the CLI does). */
const PREFIXES_PER_WORKER = 8;

/** The part of a Worker the pool uses (a fake in tests). */
export interface WorkerLike {
  postMessage(m: ExploreRequest): void;
  terminate(): void;
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

export type ExplorePhase = 'splitting' | 'exploring' | 'trimming';

export interface PoolProgress {
  phase: ExplorePhase;
  schedules: number;
  states: number;
  transitions: number;
  statesPerSecond: number;
  elapsedMs: number;
  /** Violation kinds found so far by any worker. */
  violations: string[];
  workers: number;
  workersDone: number;
  maxStates: number;
}

export interface ExploreOutcome {
  /** Merged over the workers; violations carry trimmed shortest schedules unless cancelled. */
  report: ExploreReport;
  cancelled: boolean;
  /** Kinds a worker reported in progress before a cancel whose schedule was lost with it. */
  lostKinds: string[];
  workers: number;
  /** Whether the workers shared one visited set (a cross-origin isolated page). */
  sharedVisited?: boolean;
  maxStates: number;
}

export interface ExploreJob {
  source: string;
  model: ModelConfig;
  maxStates: number;
  onProgress?: (p: PoolProgress) => void;
}

export interface ExploreRun {
  done: Promise<ExploreOutcome>;
  cancel(): void;
}

export interface ExplorePool {
  start(job: ExploreJob): ExploreRun;
}

/** Budgets above this keep a visited set per worker: the shared table is reserved up front. */
export const MAX_SHARED_STATES = 4_000_000;

/**
 * One visited table for every share, when the page can share memory and the browser grants
 * the buffer (about 40 bytes per state of budget); otherwise undefined: a table per worker.
 */
function sharedTable(maxStates: number): SharedArrayBuffer | undefined {
  if (!canShareMemory() || maxStates > MAX_SHARED_STATES) return undefined;
  try {
    return SharedVisited.create(maxStates).buffer;
  } catch {
    return undefined; // out of memory for it: the shares keep their own
  }
}

/** Whether workers can share memory: a SharedArrayBuffer only works on an isolated page. */
export function canShareMemory(): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

export function defaultWorkerCount(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : undefined;
  return Math.max(1, Math.min(MAX_EXPLORE_WORKERS, cores || 1));
}

const defaultFactory = (): WorkerLike => new Worker(new URL('../../worker/explore.worker.ts', import.meta.url), { type: 'module' });

export function createExplorePool(opts: { factory?: () => WorkerLike; workers?: number; now?: () => number } = {}): ExplorePool {
  const factory = opts.factory ?? defaultFactory;
  const now = opts.now ?? (() => performance.now());
  return { start: (job) => startRun(job, factory, Math.max(1, Math.min(MAX_EXPLORE_WORKERS, opts.workers ?? defaultWorkerCount())), now) };
}

interface Share {
  worker: WorkerLike;
  /** Where this worker's replies go now (the first worker answers the partition first). */
  route: (m: ExploreReply) => void;
  progress?: ExploreProgress;
  report?: ExploreReport;
}

function startRun(job: ExploreJob, factory: () => WorkerLike, wanted: number, now: () => number): ExploreRun {
  const t0 = now();
  const maxStates = Math.max(1, Math.floor(job.maxStates));
  let phase: ExplorePhase = 'splitting';
  let shares: Share[] = [];
  let settled = false;
  let sharedVisited = false;
  let resolve!: (o: ExploreOutcome) => void;
  let reject!: (e: Error) => void;
  const done = new Promise<ExploreOutcome>((res, rej) => {
    resolve = res;
    reject = rej;
  });

  const snapshot = (): PoolProgress => {
    const elapsedMs = now() - t0;
    const counts = shares.map((s) => s.report ?? s.progress);
    const states = counts.reduce((n, c) => n + (c?.states ?? 0), 0);
    const kinds = new Set<string>();
    for (const s of shares) {
      for (const k of s.progress?.violations ?? []) kinds.add(k);
      for (const v of s.report?.violations ?? []) kinds.add(v.kind);
    }
    return {
      phase,
      schedules: counts.reduce((n, c) => n + (c?.schedules ?? 0), 0),
      states,
      transitions: counts.reduce((n, c) => n + (c?.transitions ?? 0), 0),
      statesPerSecond: elapsedMs > 0 ? (states * 1000) / elapsedMs : 0,
      elapsedMs,
      violations: [...kinds],
      workers: shares.length,
      workersDone: shares.filter((s) => s.report).length,
      maxStates,
    };
  };
  const emit = () => job.onProgress?.(snapshot());
  const timer = setInterval(emit, PROGRESS_MS);

  const finish = (o: ExploreOutcome | Error) => {
    if (settled) return;
    settled = true;
    clearInterval(timer);
    for (const s of shares) s.worker.terminate();
    if (o instanceof Error) reject(o);
    else {
      emit();
      resolve(o);
    }
  };

  const spawn = (): Share => {
    const share: Share = { worker: factory(), route: () => {} };
    share.worker.onmessage = (e: MessageEvent) => {
      if (settled) return;
      const m: unknown = e.data;
      if (!isExploreReply(m)) finish(new Error('the explorer worker sent a malformed message'));
      else if (m.type === 'error') finish(new Error(m.error));
      else share.route(m);
    };
    share.worker.onerror = (e: ErrorEvent) => {
      e.preventDefault?.();
      finish(new Error(`the explorer worker crashed: ${e.message || 'unknown error'}`));
    };
    return share;
  };

  const mergedReport = (): ExploreReport => ({ ...mergeReports(shares.map((s) => s.report!)), elapsedMs: now() - t0 });
  const outcome = (report: ExploreReport): ExploreOutcome => ({ report, cancelled: false, lostKinds: [], workers: shares.length, sharedVisited, maxStates });

  // All shares reported: merge, then let the first worker trim the schedules (replays).
  const allReported = () => {
    const report = mergedReport();
    if (report.violations.length === 0) return finish(outcome(report));
    phase = 'trimming';
    emit();
    const first = shares[0];
    first.route = (m) => {
      if (m.type === 'trimmed') finish(outcome({ ...report, violations: m.violations, elapsedMs: now() - t0 }));
    };
    first.worker.postMessage({ type: 'trim', source: job.source, model: job.model, violations: report.violations });
  };

  const exploreRoute = (share: Share) => (m: ExploreReply) => {
    if (m.type === 'progress') share.progress = m.progress;
    else if (m.type === 'report') {
      share.report = m.report;
      if (shares.every((s) => s.report)) allReported();
    }
  };

  const exploreParts = (first: Share, parts: FrontierRoot[][]) => {
    phase = 'exploring';
    const visited = parts.length > 1 ? sharedTable(maxStates) : undefined;
    const budget = visited ? maxStates : Math.ceil(maxStates / parts.length);
    sharedVisited = visited !== undefined;
    shares = parts.map((_, i) => (i === 0 ? first : spawn()));
    shares.forEach((share, i) => {
      share.route = exploreRoute(share);
      const { schedules, sleeps } = rootsToWire(parts[i]);
      share.worker.postMessage({ type: 'explore', source: job.source, model: job.model, roots: schedules, sleeps, maxStates: budget, ...(visited ? { visited } : {}) });
    });
    emit();
  };

  const first = spawn();
  shares = [first];
  if (wanted > 1) {
    // Splitting replays prefixes and may take a while on a big scenario: off the UI thread.
    first.route = (m) => {
      if (m.type !== 'prefixes') return;
      const roots = rootsFromWire(m.prefixes, m.sleeps);
      exploreParts(first, splitRoundRobin(roots.length ? roots : [{ schedule: [], sleep: 0 }], wanted));
    };
    first.worker.postMessage({ type: 'partition', source: job.source, model: job.model, minWidth: wanted * PREFIXES_PER_WORKER });
    emit();
  } else exploreParts(first, [[{ schedule: [], sleep: 0 }]]);

  const cancel = () => {
    if (settled) return;
    const partial = shares.map(
      (s): ExploreReport =>
        s.report ?? { schedules: s.progress?.schedules ?? 0, states: s.progress?.states ?? 0, transitions: s.progress?.transitions ?? 0, complete: false, violations: s.progress?.found ?? [], elapsedMs: 0 },
    );
    const report: ExploreReport = { ...mergeReports(partial), complete: false, elapsedMs: now() - t0 };
    const seen = new Set(shares.flatMap((s) => s.progress?.violations ?? []));
    const lostKinds = [...seen].filter((k) => !report.violations.some((v) => v.kind === k));
    finish({ report, cancelled: true, lostKinds, workers: shares.length, sharedVisited, maxStates });
  };

  return { done, cancel };
}
