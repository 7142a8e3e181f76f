// Systematic exploration of schedules (SPEC §7): breadth-first over scheduling choices
// (threads, the oldest RCU callback, the oldest work item), pruning states already seen
// (fingerprint) and, with reduction on, transitions a sleep set proves redundant (Godefroid's
// sleep sets with state caching: a state revisited with a smaller sleep set is explored
// again with the intersection). Breadth-first order makes the first schedule found for a
// violation kind a shortest one.

import type { ModelConfig } from '../../model';
import { VIOLATION_KINDS, type ViolationKind } from '../../trace';
import { Machine, type MachineSnapshot } from '../machine';
import type { CompiledProgram } from '../program';
import { fingerprint, fingerprintPair, violationMask } from './fingerprint';
import type { SharedVisited } from './sharedVisited';
import { footprintOf, independent, type Footprint } from './footprint';

export const DEFAULT_MAX_STATES = 200_000;
export const PROGRESS_INTERVAL_MS = 250;
/** Steps one schedule may take before it counts as runaway (kept small: schedules are short). */
export const EXPLORE_MAX_STEPS = 100_000;

export interface ExploreOptions {
  maxStates?: number;
  reduction?: boolean;
  /** Off: a plain exhaustive tree search (no visited set), the reference for tests. */
  hashing?: boolean;
  /** Schedule prefixes to start from (a partition of the search); default: the empty prefix. */
  roots?: string[][];
  onProgress?: (p: ExploreProgress) => void;
  shouldStop?: () => boolean;
  /**
   * A visited set shared with other workers (parallel search). The sleep-set reduction is
   * off then: sleep sets would have to be shared too. `maxStates` bounds the shared count.
   */
  shared?: SharedVisited;
}

export interface ExploreProgress {
  schedules: number;
  states: number;
  transitions: number;
  frontier: number;
  elapsedMs: number;
  violations: ViolationKind[];
}

export interface ExploreViolation {
  kind: ViolationKind;
  schedule: string[];
  steps: number;
  /** Extension: every complete schedule explored reaches this kind. */
  inEverySchedule: boolean;
}

export interface ExploreReport {
  schedules: number;
  states: number;
  transitions: number;
  complete: boolean;
  violations: ExploreViolation[];
  elapsedMs: number;
}

interface Node {
  snap: MachineSnapshot;
  path: string[];
  sleep: string[];
}

export function explore(program: CompiledProgram, model: ModelConfig, opts: ExploreOptions = {}): ExploreReport {
  const t0 = performance.now();
  const maxStates = opts.maxStates ?? DEFAULT_MAX_STATES;
  const shared = opts.shared;
  const reduction = shared ? false : opts.reduction ?? true;
  const hashing = opts.hashing ?? true;
  /** Whether to explore a state reached at `depth`; counts it when it is new. */
  const admitShared = (depth: number): boolean => {
    const [h1, h2] = fingerprintPair(m);
    const r = shared!.visit(h1, h2, depth);
    if (r === 'full') complete = false;
    if (r === 'new') states++;
    return r === 'new' || r === 'shorter';
  };
  const overBudget = () => (shared ? shared.size >= maxStates : states >= maxStates);
  const m = new Machine(program, model, { maxSteps: EXPLORE_MAX_STEPS });
  const initial = m.snapshot();
  const visited = new Map<string, string[]>();
  const found = new Map<ViolationKind, ExploreViolation>();
  let terminalMaskAnd = -1;
  let schedules = 0;
  let transitions = 0;
  let states = 0;
  let complete = true;
  let lastProgress = t0;

  const record = (before: number, path: string[]) => {
    const after = violationMask(m);
    const fresh = after & ~before;
    if (!fresh) return;
    VIOLATION_KINDS.forEach((kind, i) => {
      if (fresh & (1 << i) && !found.has(kind)) found.set(kind, { kind, schedule: [...path], steps: m.steps, inEverySchedule: false });
    });
  };
  const terminal = (path: string[]) => {
    const before = violationMask(m);
    if (m.phase === 'running') m.step();
    record(before, path);
    schedules++;
    terminalMaskAnd &= violationMask(m);
  };

  const queue: Node[] = [];
  for (const prefix of opts.roots ?? [[]]) {
    m.restore(initial);
    let ok = true;
    for (let i = 0; i < prefix.length; i++) {
      const c = prefix[i];
      if (!m.choices().includes(c)) {
        ok = false;
        break;
      }
      const before = violationMask(m);
      m.runUnit(c);
      transitions++;
      record(before, prefix.slice(0, i + 1));
    }
    if (!ok) continue;
    if (shared) {
      if (admitShared(prefix.length)) queue.push({ snap: m.detach(), path: [...prefix], sleep: [] });
      continue;
    }
    const h = hashing ? fingerprint(m) : String(states);
    if (visited.has(h)) continue;
    visited.set(h, []);
    states++;
    queue.push({ snap: m.detach(), path: [...prefix], sleep: [] });
  }

  let head = 0;
  while (head < queue.length) {
    if (overBudget() || opts.shouldStop?.()) {
      complete = false;
      break;
    }
    const node = queue[head];
    queue[head++] = undefined as unknown as Node;
    m.restore(node.snap);
    const choices = m.phase === 'running' ? m.choices() : [];
    if (choices.length === 0) {
      terminal(node.path);
      continue;
    }
    const footprints = new Map<string, Footprint>();
    if (reduction) for (const c of choices) footprints.set(c, footprintOf(m, c));
    const enabled = choices.filter((c) => !node.sleep.includes(c));
    enabled.forEach((c, i) => {
      m.restore(node.snap);
      const before = violationMask(m);
      m.runUnit(c);
      transitions++;
      const path = [...node.path, c];
      record(before, path);
      const sleep = reduction
        ? [...node.sleep, ...enabled.slice(0, i)].filter((s) => independent(footprints.get(s)!, footprints.get(c)!))
        : [];
      if (m.phase !== 'running') {
        terminal(path);
        return;
      }
      if (shared) {
        if (admitShared(path.length)) queue.push({ snap: m.detach(), path, sleep: [] });
        return;
      }
      const h = hashing ? fingerprint(m) : String(states);
      const prev = visited.get(h);
      if (prev !== undefined) {
        if (prev.every((x) => sleep.includes(x))) return;
        const narrowed = prev.filter((x) => sleep.includes(x));
        visited.set(h, narrowed);
        queue.push({ snap: m.detach(), path, sleep: narrowed });
        return;
      }
      visited.set(h, sleep);
      states++;
      queue.push({ snap: m.detach(), path, sleep });
    });
    const now = performance.now();
    if (opts.onProgress && now - lastProgress >= PROGRESS_INTERVAL_MS) {
      lastProgress = now;
      opts.onProgress({ schedules, states, transitions, frontier: queue.length - head, elapsedMs: now - t0, violations: [...found.keys()] });
    }
  }
  if (head < queue.length) complete = false;
  const violations = [...found.values()].map((v) => ({
    ...v,
    inEverySchedule: complete && schedules > 0 && (terminalMaskAnd & (1 << VIOLATION_KINDS.indexOf(v.kind))) !== 0,
  }));
  return { schedules, states, transitions, complete, violations, elapsedMs: performance.now() - t0 };
}
