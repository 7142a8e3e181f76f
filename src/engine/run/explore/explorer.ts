// Systematic exploration of schedules (SPEC §7): depth-first over scheduling choices
// (threads, the oldest RCU callback, the oldest work item), pruning states already seen
// (fingerprint) and, with reduction on, transitions a sleep set proves redundant (Godefroid's
// sleep sets with state caching: a state revisited with a sleep set missing some of the
// stored one's choices explores just those, with the intersection as its sleep set).
// Each state keeps the smallest depth it was reached at, and a state reached again at a
// smaller depth is explored again, so a complete search finds the shortest schedule per
// kind. Depth-first, not breadth-first: the queue of a breadth-first search held a whole
// level of state copies, which the garbage collector copied and promoted again and again
// (the 4,438-state bench search ran 1.5x faster depth-first, the 96k-state one 1.6x).

import type { ModelConfig } from '../../model';
import { VIOLATION_KINDS, type ViolationKind } from '../../trace';
import { Machine, type MachineSnapshot } from '../machine';
import type { CompiledProgram } from '../program';
import { fingerprintPair, lastPartDigests, violationMask, type PartDigests } from './fingerprint';
import { LocalVisited } from './localVisited';
import type { SharedVisited } from './sharedVisited';
import { footprintOf, sleepAfter, type Footprint } from './footprint';
import { replayHanded } from './handedReplay';

export const DEFAULT_MAX_STATES = 200_000;
export const PROGRESS_INTERVAL_MS = 250;
/** Steps one schedule may take before it counts as runaway (kept small: schedules are short). */
export const EXPLORE_MAX_STEPS = 100_000;

export interface ExploreOptions {
  maxStates?: number;
  reduction?: boolean;
  /** Off: a plain exhaustive tree search (no visited set), the reference for tests. */
  hashing?: boolean;
  /**
   * Schedules to start from (a partition of the search), each bare or with the sleep set it
   * is explored with (frontierRoots); default: the empty schedule.
   */
  roots?: (string[] | { schedule: string[]; sleep: number })[];
  onProgress?: (p: ExploreProgress) => void;
  shouldStop?: () => boolean;
  /**
   * A visited set shared with other workers (parallel search); it keeps each state's sleep
   * set too, so the reduction works across workers. `maxStates` bounds the shared count.
   */
  shared?: SharedVisited;
  /**
   * States another worker admitted to `shared` and handed over unexpanded (work stealing):
   * replayed and expanded here, not counted again.
   */
  handed?: HandedNode[];
  /**
   * Work stealing, asked between expansions: how many stacked states to offer now (0: none);
   * `give` takes a leading part of the offer and says how many (those leave this stack).
   */
  wanted?: (stacked: number) => number;
  give?: (nodes: HandedNode[]) => number;
  /** The visited set of a search in this thread (default: a new one), for a caller that hands the search on. */
  visited?: LocalVisited;
  /**
   * When `shouldStop` ends the search, report the states still to expand as `rest` (handed
   * nodes: another search can go on from them with this one's visited set).
   */
  keepRest?: boolean;
}

/** A stacked state as its schedule from the start and its sleep-set bookkeeping. */
export interface HandedNode {
  schedule: string[];
  sleep: number;
  only: number;
}

/**
 * Expansions between two `wanted` questions, a few loads from shared memory: a hungry worker
 * waits this long at most. Two workers on the heavy bench search waited 11 ms in all when
 * asked every 32 expansions (and given states only from stacks of 4), 4 ms now.
 */
const STEAL_CHECK_INTERVAL = 4;

export interface ExploreProgress {
  schedules: number;
  states: number;
  transitions: number;
  frontier: number;
  elapsedMs: number;
  violations: ViolationKind[];
  /**
   * Per kind, the shortest schedule found so far (not trimmed): what a search cancelled in
   * the browser, whose workers are stopped without a report, can still offer for replay.
   */
  found?: ExploreViolation[];
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
  /**
   * Kinds every schedule this search completed reached, even those raised before its roots
   * (a state handed over by another worker was reached through a violation this search
   * never records): merging reports needs them (mergeReports).
   */
  everyKinds?: ViolationKind[];
  /** With `keepRest`, after a stop: the states admitted and not expanded yet. */
  rest?: HandedNode[];
  /**
   * Extension: schedules stopped at EXPLORE_MAX_STEPS steps before they ended. What they
   * would have reached later is unknown, so the search is incomplete.
   */
  cut?: number;
  /**
   * What ended the search before its stack ran dry, if anything: the state budget, a full
   * shared table, or shouldStop. (Cut schedules do not end it: the search goes on past them.)
   */
  halted?: Halt;
}

export type Halt = 'budget' | 'full' | 'stop';

/**
 * A state waiting to be expanded. Paths are kept as parent links (a schedule is spelled out
 * only when a violation or a terminal state needs it), and the snapshot is dropped once the
 * node is expanded.
 */
interface Node {
  snap: MachineSnapshot | undefined;
  parent: Node | undefined;
  /** The unit that led here from the parent; for a root, its whole prefix. */
  choice: string;
  prefix: string[] | undefined;
  depth: number;
  /** The sleep set as a bit mask over choices (see choiceBits in explore). */
  sleep: number;
  /** The state's component digests: its children rehash only what their unit changed. */
  parts: PartDigests | undefined;
  /**
   * A state explored before, now reached with a smaller sleep set: only these choices (the
   * ones asleep then, awake now) are new; 0 for a first visit.
   */
  only: number;
}

function pathOf(node: Node, last?: string): string[] {
  const rev: string[] = last === undefined ? [] : [last];
  let n: Node | undefined = node;
  for (; n && n.prefix === undefined; n = n.parent) rev.push(n.choice);
  const out = n?.prefix ? [...n.prefix] : [];
  for (let i = rev.length - 1; i >= 0; i--) out.push(rev[i]);
  return out;
}

/** A stacked state as another search takes it on (work stealing, a hand-off): its schedule spelled out. */
function handedOf(node: Node): HandedNode {
  return { schedule: pathOf(node), sleep: node.sleep, only: node.only };
}

/**
 * The units the explorer schedules, in a fixed order: the threads as the machine names them
 * (main first), then the oldest RCU callback and work item. Sleep-set bits follow it, and so
 * do the codes workers use to hand schedules to each other.
 */
export function unitNames(program: CompiledProgram): string[] {
  return ['main', ...program.threads.map((t) => t.name), 'rcu', 'wq'];
}

const NO_SLEEP = 0;

function reverseFrom<T>(a: T[], from: number): void {
  for (let i = from, j = a.length - 1; i < j; i++, j--) {
    const x = a[i];
    a[i] = a[j];
    a[j] = x;
  }
}

/** Sleep sets are 31-bit masks: with more choices (threads + rcu + wq) the reduction is off. */
const MAX_REDUCED_CHOICES = 31;

/** Every choice's bit in a sleep mask: threads in declaration order, then rcu and wq. */
export function choiceBits(program: CompiledProgram): Map<string, number> {
  const bits = new Map<string, number>();
  unitNames(program).forEach((c, i) => bits.set(c, i < MAX_REDUCED_CHOICES ? 1 << i : 0));
  return bits;
}

/** Whether sleep sets can be used at all (see MAX_REDUCED_CHOICES). */
export function reductionApplies(program: CompiledProgram): boolean {
  return unitNames(program).length <= MAX_REDUCED_CHOICES;
}

export function explore(program: CompiledProgram, model: ModelConfig, opts: ExploreOptions = {}): ExploreReport {
  const t0 = performance.now();
  const maxStates = opts.maxStates ?? DEFAULT_MAX_STATES;
  const shared = opts.shared;
  const hashing = opts.hashing ?? true;
  /** States seen so far, with the depth and sleep set each was explored at. */
  const table = shared ?? opts.visited ?? new LocalVisited();
  /**
   * Whether (and how) to explore the state `node` reached (at its depth, with its sleep set;
   * `base`: see fingerprintPair): false not at all; otherwise the node is set up for it (a
   * woken revisit explores only the woken choices, with the narrowed sleep set). Counts the
   * state when it is new.
   */
  const admit = (node: Node, base: PartDigests | undefined): boolean => {
    if (!hashing) {
      states++;
      return true;
    }
    const [h1, h2] = fingerprintPair(m, base);
    const r = table.visit(h1, h2, node.depth, node.sleep);
    if (r === 'full') {
      complete = false;
      halted = 'full';
    }
    if (r === 'new') {
      // The budget is a bound on the states counted: a state past it is not explored (the
      // loop's check comes only between expansions, after all of one state's children).
      if (!shared && states >= maxStates) {
        complete = false;
        halted ??= 'budget';
        return false;
      }
      states++;
    }
    if (r === 'woken') {
      node.only = table.awake;
      node.sleep = table.narrowed;
    }
    return r === 'new' || r === 'shorter' || r === 'woken';
  };
  const overBudget = () => (shared ? shared.size >= maxStates : states >= maxStates);
  const m = new Machine(program, model, { maxSteps: EXPLORE_MAX_STEPS });
  const initial = m.snapshot();
  const bitOf = choiceBits(program);
  const reduction = reductionApplies(program) ? opts.reduction ?? true : false;
  const bit = (c: string) => bitOf.get(c) ?? 0;
  const found = new Map<ViolationKind, ExploreViolation>();
  let terminalMaskAnd = -1;
  let schedules = 0;
  let transitions = 0;
  let states = 0;
  let complete = true;
  let halted: Halt | undefined;
  let cut = 0;
  let lastProgress = t0;

  /**
   * Records the violation kinds the last unit added. The schedule (the node's path, then
   * `last`) is spelled out only then; a root prefix is passed as `prefix`.
   */
  const record = (before: number, node: Node | undefined, last: string | undefined, prefix?: string[]) => {
    const fresh = violationMask(m) & ~before;
    if (!fresh) return;
    const path = node ? pathOf(node, last) : prefix!;
    for (let i = 0; i < VIOLATION_KINDS.length; i++) {
      const kind = VIOLATION_KINDS[i];
      if (!(fresh & (1 << i))) continue;
      // A later find can be shorter (a state explored again at a smaller depth, a later
      // root prefix): keep the shortest.
      const cur = found.get(kind);
      if (!cur || path.length < cur.schedule.length) found.set(kind, { kind, schedule: [...path], steps: m.steps, inEverySchedule: false });
    }
  };
  const terminal = (node: Node, last?: string) => {
    const before = violationMask(m);
    if (m.phase === 'running') m.step();
    record(before, node, last);
    if (m.error !== undefined) {
      // The step budget stopped this schedule (Machine.tick): not an end of the run.
      cut++;
      complete = false;
      return;
    }
    schedules++;
    terminalMaskAnd &= violationMask(m);
  };

  /**
   * Runs `schedule` from the initial state, calling `after` with each unit's index and the
   * violations before it; false when a unit is not enabled on the way.
   */
  const replay = (schedule: string[], after?: (i: number, before: number) => void): boolean => {
    m.restore(initial);
    for (let i = 0; i < schedule.length; i++) {
      if (!m.choices().includes(schedule[i])) return false;
      const before = violationMask(m);
      m.runUnit(schedule[i]);
      after?.(i, before);
    }
    return true;
  };

  /** States to expand; the last one next (depth-first). */
  const stack: Node[] = [];
  for (const r of opts.roots ?? [[]]) {
    const prefix = Array.isArray(r) ? r : r.schedule;
    const ok = replay(prefix, (i, before) => {
      transitions++;
      record(before, undefined, undefined, prefix.slice(0, i + 1));
    });
    if (!ok) continue;
    const sleep = reduction && !Array.isArray(r) ? r.sleep : NO_SLEEP;
    const root: Node = { snap: undefined, parent: undefined, choice: '', prefix: [...prefix], depth: prefix.length, sleep, parts: undefined, only: 0 };
    if (admit(root, undefined)) {
      root.parts = hashing ? lastPartDigests() : undefined;
      root.snap = m.detach();
      stack.push(root);
    }
  }
  const handed = opts.handed ?? [];
  replayHanded(m, initial, handed.map((h) => h.schedule)).forEach((snap, i) => {
    const h = handed[i];
    // Counted, and its violations recorded, by the worker that admitted it.
    if (snap) stack.push({ snap, parent: undefined, choice: '', prefix: h.schedule, depth: h.schedule.length, sleep: h.sleep, parts: undefined, only: h.only });
  });
  // The first root is expanded first.
  reverseFrom(stack, 0);

  const footprints: Footprint[] = [];
  let expansions = 0;
  /** Per node, reused: each choice's sleep bit, and the indices of the choices to run. */
  const bits: number[] = [];
  const toRun: number[] = [];
  let rest: HandedNode[] | undefined;
  while (stack.length > 0) {
    if (overBudget()) {
      complete = false;
      halted ??= 'budget';
      break;
    }
    if (opts.shouldStop?.()) {
      complete = false;
      halted ??= 'stop';
      if (opts.keepRest) rest = stack.map(handedOf);
      break;
    }
    if (opts.wanted && ++expansions % STEAL_CHECK_INTERVAL === 0) {
      const k = Math.min(opts.wanted(stack.length), stack.length - 1);
      if (k > 0) {
        // The oldest states, at the bottom of the stack: the shallowest, with the largest
        // subtrees and the shortest schedules to replay.
        const offer: HandedNode[] = [];
        for (let i = 0; i < k; i++) offer.push(handedOf(stack[i]));
        const taken = opts.give!(offer);
        stack.splice(0, taken);
      }
    }
    const node = stack.pop()!;
    const snap = node.snap!;
    node.snap = undefined;
    m.restore(snap);
    const choices = m.phase === 'running' ? m.choices() : [];
    if (choices.length === 0) {
      terminal(node);
      continue;
    }
    // The arrays are reused and never shrunk: entries past the counts are stale.
    const n = choices.length;
    let runs = 0;
    for (let k = 0; k < n; k++) {
      const b = bit(choices[k]);
      bits[k] = b;
      if (node.only !== 0 ? (node.only & b) !== 0 : (node.sleep & b) === 0) toRun[runs++] = k;
    }
    // Footprints are taken at this state, before any unit runs, and only when a sleep set
    // will be computed from them.
    if (reduction && (node.sleep !== 0 || runs > 1)) {
      for (let k = 0; k < n; k++) footprints[k] = footprintOf(m, choices[k]);
    }
    /** Choices run so far at this visit: they sleep in later siblings they commute with. */
    let ran = 0;
    const firstChild = stack.length;
    for (let i = 0; i < runs; i++) {
      const k = toRun[i];
      const c = choices[k];
      // The first unit runs from the state restored above; later ones from a fresh copy.
      if (i > 0) m.restore(snap);
      const before = violationMask(m);
      m.runUnit(c);
      transitions++;
      record(before, node, c);
      const sleep = reduction && (node.sleep !== 0 || i > 0) ? sleepAfter(k, node.sleep | ran, bits, footprints, n) : NO_SLEEP;
      ran |= bits[k];
      if (m.phase !== 'running') {
        terminal(node, c);
        continue;
      }
      const child: Node = { snap: undefined, parent: node, choice: c, prefix: undefined, depth: node.depth + 1, sleep, parts: undefined, only: 0 };
      if (admit(child, node.parts)) {
        child.parts = hashing ? lastPartDigests() : undefined;
        child.snap = m.detach();
        stack.push(child);
      }
    }
    // The first choice's child on top: expanded next, as the default schedule would order
    // them, so the schedules found first read like the default one (shorter once trimmed).
    reverseFrom(stack, firstChild);
    const now = performance.now();
    if (opts.onProgress && now - lastProgress >= PROGRESS_INTERVAL_MS) {
      lastProgress = now;
      opts.onProgress({ schedules, states, transitions, frontier: stack.length, elapsedMs: now - t0, violations: [...found.keys()], found: [...found.values()] });
    }
  }
  if (stack.length > 0) complete = false;
  shared?.flush();
  const everyKinds = schedules > 0 ? VIOLATION_KINDS.filter((_, i) => (terminalMaskAnd & (1 << i)) !== 0) : [];
  const violations = [...found.values()].map((v) => ({ ...v, inEverySchedule: complete && everyKinds.includes(v.kind) }));
  return { schedules, states, transitions, complete, violations, elapsedMs: performance.now() - t0, everyKinds, ...(rest ? { rest } : {}), ...(cut ? { cut } : {}), ...(halted ? { halted } : {}) };
}
