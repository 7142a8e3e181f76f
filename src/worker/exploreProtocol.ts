// Messages between the race explorer pool (UI thread) and its Web Workers (SPEC §7): a tagged
// union each way, and validators, because neither side trusts a message blindly.

import type { ModelConfig } from '../engine/model';
import type { ExploreProgress, ExploreReport, ExploreViolation } from '../engine/run/explore/explorer';
import type { FrontierRoot } from '../engine/run/explore/partition';
import { SharedVisited } from '../engine/run/explore/sharedVisited';

/** UI → worker. One job per message; a worker may get a partition, then an explore, then a trim. */
export type ExploreRequest =
  | { type: 'partition'; source: string; model: ModelConfig; minWidth: number }
  /**
   * `visited`: one visited set shared by every share (a cross-origin isolated page); `maxStates` then bounds them all.
   * `sleeps`: each root's sleep set (frontierRoots), by index; without it the roots start with none.
   */
  | { type: 'explore'; source: string; model: ModelConfig; roots: string[][]; sleeps?: number[]; maxStates: number; visited?: SharedArrayBuffer }
  | { type: 'trim'; source: string; model: ModelConfig; violations: ExploreViolation[] }
  /** Only honoured between jobs: a running `explore` is synchronous and cannot see it (the pool terminates instead). */
  | 'stop';

/** Worker → UI. */
export type ExploreReply =
  | { type: 'prefixes'; prefixes: string[][]; sleeps?: number[] }
  | { type: 'progress'; progress: ExploreProgress }
  | { type: 'report'; report: ExploreReport }
  | { type: 'trimmed'; violations: ExploreViolation[] }
  | { type: 'error'; error: string };

/** Roots as the messages carry them: the schedules, and the sleep sets by index. */
export function rootsToWire(roots: readonly FrontierRoot[]): { schedules: string[][]; sleeps: number[] } {
  return { schedules: roots.map((r) => r.schedule), sleeps: roots.map((r) => r.sleep) };
}

/** Roots from a message (a missing sleep set is none). */
export function rootsFromWire(schedules: string[][], sleeps: number[] | undefined): FrontierRoot[] {
  return schedules.map((schedule, i) => ({ schedule, sleep: sleeps?.[i] ?? 0 }));
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isPrefixes = (v: unknown): v is string[][] => Array.isArray(v) && v.every(isStrings);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
/** Sleep sets, one 31-bit mask per root. */
const isSleeps = (v: unknown, roots: unknown[]): boolean => v === undefined || (Array.isArray(v) && v.length === roots.length && v.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 31));

function isViolation(v: unknown): v is ExploreViolation {
  return isObj(v) && typeof v.kind === 'string' && isStrings(v.schedule) && isCount(v.steps) && typeof v.inEverySchedule === 'boolean';
}

function isProgress(p: unknown): p is ExploreProgress {
  return (
    isObj(p) &&
    isCount(p.schedules) &&
    isCount(p.states) &&
    isCount(p.transitions) &&
    isCount(p.elapsedMs) &&
    isStrings(p.violations) &&
    (p.found === undefined || (Array.isArray(p.found) && p.found.every(isViolation)))
  );
}

function isReport(r: unknown): r is ExploreReport {
  return (
    isObj(r) &&
    isCount(r.schedules) &&
    isCount(r.states) &&
    isCount(r.transitions) &&
    typeof r.complete === 'boolean' &&
    isCount(r.elapsedMs) &&
    Array.isArray(r.violations) &&
    r.violations.every(isViolation) &&
    (r.everyKinds === undefined || isStrings(r.everyKinds)) &&
    (r.cut === undefined || isCount(r.cut)) &&
    (r.halted === undefined || r.halted === 'budget' || r.halted === 'full' || r.halted === 'stop')
  );
}

export function isExploreRequest(m: unknown): m is ExploreRequest {
  if (m === 'stop') return true;
  if (!isObj(m) || typeof m.source !== 'string' || !isObj(m.model)) return false;
  switch (m.type) {
    case 'partition':
      return typeof m.minWidth === 'number' && Number.isInteger(m.minWidth) && m.minWidth >= 1;
    case 'explore':
      return (
        isPrefixes(m.roots) &&
        isSleeps(m.sleeps, m.roots) &&
        typeof m.maxStates === 'number' &&
        Number.isInteger(m.maxStates) &&
        m.maxStates >= 1 &&
        (m.visited === undefined || (typeof SharedArrayBuffer !== 'undefined' && m.visited instanceof SharedArrayBuffer && m.visited.byteLength >= SharedVisited.MIN_BYTES))
      );
    case 'trim':
      return Array.isArray(m.violations) && m.violations.every(isViolation);
    default:
      return false;
  }
}

export function isExploreReply(m: unknown): m is ExploreReply {
  if (!isObj(m)) return false;
  switch (m.type) {
    case 'prefixes':
      return isPrefixes(m.prefixes) && isSleeps(m.sleeps, m.prefixes);
    case 'progress':
      return isProgress(m.progress);
    case 'report':
      return isReport(m.report);
    case 'trimmed':
      return Array.isArray(m.violations) && m.violations.every(isViolation);
    case 'error':
      return typeof m.error === 'string';
    default:
      return false;
  }
}
