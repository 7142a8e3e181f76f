// Splitting a search across workers (a partitioned frontier): expand the schedule tree
// breadth-first, without pruning, until one level is wide enough, and hand each worker a
// share of that level's prefixes. Every schedule extends exactly one prefix, so merged
// results are exact; duplicate states across partitions only cost time.

import type { ModelConfig } from '../../model';
import { Machine, type MachineSnapshot } from '../machine';
import type { CompiledProgram } from '../program';
import { EXPLORE_MAX_STEPS, type ExploreReport, type ExploreViolation } from './explorer';
import { VIOLATION_KINDS, type ViolationKind } from '../../trace';

const MAX_PARTITION_DEPTH = 64;

export function frontierPrefixes(program: CompiledProgram, model: ModelConfig, minWidth: number): string[][] {
  const m = new Machine(program, model, { maxSteps: EXPLORE_MAX_STEPS });
  // Each prefix keeps the state it reaches, so a level costs one unit per prefix.
  let level: { prefix: string[]; snap: MachineSnapshot }[] = [{ prefix: [], snap: m.snapshot() }];
  for (let depth = 0; depth < MAX_PARTITION_DEPTH && level.length < minWidth; depth++) {
    const next: typeof level = [];
    let grew = false;
    for (const { prefix, snap } of level) {
      m.restore(snap);
      const choices = m.phase === 'running' ? m.choices() : [];
      if (choices.length === 0) next.push({ prefix, snap });
      else {
        grew = true;
        for (const c of choices) {
          m.restore(snap);
          m.runUnit(c);
          next.push({ prefix: [...prefix, c], snap: m.snapshot() });
        }
      }
    }
    level = next;
    if (!grew) break;
  }
  return level.map((x) => x.prefix);
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
  };
}
