// Splitting a search across workers (a partitioned frontier): expand the schedule tree
// breadth-first until one level is wide enough, and hand each worker a share of that level.
// The levels above it are expanded as the search itself would: with sleep sets, and a state
// two prefixes reach is expanded once. The other prefix stays a root of its own, not
// expanded further: replaying it records the violations on its way (a shorter way to a kind
// may pass there) and the visited set then says what is left to explore from it; so does a
// prefix whose every choice is asleep. So each root carries its sleep set and splitting
// adds little work the search in one thread would not do (without this, the heavy bench
// scenario took 7,101 transitions in two parts, 5,798 whole; now 5,969, most of it
// replaying the roots).
// Every schedule the reduced search covers extends one root, so merged results are exact;
// a state reached below two roots is shared through the visited set.

import type { ModelConfig } from '../../model';
import { Machine, type MachineSnapshot } from '../machine';
import type { CompiledProgram } from '../program';
import { choiceBits, EXPLORE_MAX_STEPS, reductionApplies, type ExploreReport, type ExploreViolation } from './explorer';
import { fingerprintKey } from './fingerprint';
import { footprintOf, sleepAfter } from './footprint';
import { VIOLATION_KINDS, type ViolationKind } from '../../trace';

const MAX_PARTITION_DEPTH = 64;

/** A root of a share of the search: a schedule from the start and the sleep set to explore it with. */
export interface FrontierRoot {
  schedule: string[];
  sleep: number;
}

export function frontierRoots(program: CompiledProgram, model: ModelConfig, minWidth: number, reduction = true): FrontierRoot[] {
  const m = new Machine(program, model, { maxSteps: EXPLORE_MAX_STEPS });
  const bits = choiceBits(program);
  const reduce = reduction && reductionApplies(program);
  // Each prefix keeps the state it reaches, so a level costs one unit per prefix.
  /** `snap` undefined: a state another prefix of the same level reached first (not expanded). */
  type Entry = FrontierRoot & { snap: MachineSnapshot | undefined };
  let level: Entry[] = [{ schedule: [], sleep: 0, snap: m.snapshot() }];
  for (let depth = 0; depth < MAX_PARTITION_DEPTH && level.length < minWidth; depth++) {
    const next: Entry[] = [];
    const seen = new Set<number>();
    let grew = false;
    for (const node of level) {
      if (!node.snap) {
        next.push(node);
        continue;
      }
      m.restore(node.snap);
      const choices = m.phase === 'running' ? m.choices() : [];
      if (choices.length === 0) {
        next.push(node);
        continue;
      }
      grew = true;
      const prints = reduce ? choices.map((c) => footprintOf(m, c)) : [];
      const choiceBit = choices.map((c) => bits.get(c) ?? 0);
      let ran = 0;
      for (let k = 0; k < choices.length; k++) {
        if (node.sleep & choiceBit[k]) continue;
        const sleep = reduce ? sleepAfter(k, node.sleep | ran, choiceBit, prints, choices.length) : 0;
        ran |= choiceBit[k];
        m.restore(node.snap);
        m.runUnit(choices[k]);
        const key = fingerprintKey(m);
        const first = !seen.has(key);
        seen.add(key);
        next.push({ schedule: [...node.schedule, choices[k]], sleep, snap: first ? m.snapshot() : undefined });
      }
      // Every choice asleep: nothing to expand, but the way here must still be replayed.
      if (ran === 0) next.push({ ...node, snap: undefined });
    }
    level = next;
    if (!grew) break;
  }
  return level.map(({ schedule, sleep }) => ({ schedule, sleep }));
}

export function splitRoundRobin<T>(items: T[], parts: number): T[][] {
  const out: T[][] = Array.from({ length: parts }, () => []);
  items.forEach((x, i) => out[i % parts].push(x));
  return out.filter((p) => p.length > 0);
}

export function mergeReports(reports: ExploreReport[]): ExploreReport {
  const best = new Map<string, ExploreViolation>();
  const withSchedules = reports.filter((r) => r.schedules > 0);
  for (const r of reports) {
    for (const v of r.violations) {
      const cur = best.get(v.kind);
      if (!cur || v.schedule.length < cur.schedule.length) best.set(v.kind, { ...v });
    }
  }
  const complete = reports.every((r) => r.complete);
  // The reason that says most: a full table, then the budget, then a stop.
  const halted = (['full', 'budget', 'stop'] as const).find((h) => reports.some((r) => r.halted === h));
  // A share may reach a kind in every one of its schedules without listing it: a worker
  // that took over states from another replays the violations on their way, unrecorded.
  const inEvery = (r: ExploreReport, kind: ViolationKind) => (r.everyKinds ? r.everyKinds.includes(kind) : r.violations.some((x) => x.kind === kind && x.inEverySchedule));
  for (const v of best.values()) {
    v.inEverySchedule = complete && withSchedules.length > 0 && withSchedules.every((r) => inEvery(r, v.kind));
  }
  return {
    schedules: reports.reduce((n, r) => n + r.schedules, 0),
    states: reports.reduce((n, r) => n + r.states, 0),
    transitions: reports.reduce((n, r) => n + r.transitions, 0),
    complete,
    violations: [...best.values()],
    elapsedMs: Math.max(0, ...reports.map((r) => r.elapsedMs)),
    everyKinds: VIOLATION_KINDS.filter((k) => withSchedules.length > 0 && withSchedules.every((r) => inEvery(r, k))),
    ...(reports.some((r) => r.cut) ? { cut: reports.reduce((n, r) => n + (r.cut ?? 0), 0) } : {}),
    ...(halted ? { halted } : {}),
  };
}
