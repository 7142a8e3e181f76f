// Turning an explored schedule into a `schedule …` line a user can paste: replays it on the
// ordinary scheduler to confirm it reaches the violation, and drops leading entries the
// default schedule would choose anyway.

import type { ModelConfig } from '../../model';
import type { ViolationKind } from '../../trace';
import { Machine } from '../machine';
import type { CompiledProgram } from '../program';
import { EXPLORE_MAX_STEPS } from './explorer';

/**
 * Runs the scenario with `schedule` installed first (the file's own schedule lines ignored,
 * as the user is told to replace them); true if `kind` is raised within `steps` steps.
 */
export function replayReaches(program: CompiledProgram, model: ModelConfig, schedule: string[], kind: ViolationKind, steps: number): boolean {
  const m = new Machine(program, model, { maxSteps: EXPLORE_MAX_STEPS, ignoreScheduleStatements: true });
  m.schedule = [...schedule];
  while (m.steps <= steps && !(m.kernel.state.violationCounts.get(kind) ?? 0) && m.step()) {
    /* replay */
  }
  return (m.kernel.state.violationCounts.get(kind) ?? 0) > 0;
}

/** The shortest suffix of `schedule` that still reaches `kind` when replayed. */
export function trimSchedule(program: CompiledProgram, model: ModelConfig, schedule: string[], kind: ViolationKind, steps: number): string[] {
  let best = schedule;
  for (let k = 1; k <= schedule.length; k++) {
    const candidate = schedule.slice(k);
    if (!replayReaches(program, model, candidate, kind, steps)) break;
    best = candidate;
  }
  return best;
}

export function scheduleLine(schedule: string[]): string {
  return schedule.length === 0 ? '# the default schedule reaches it' : `schedule ${schedule.join(' ')}`;
}

const SCHEDULE_LINE = /^\s*schedule(\s|$)/;

/** Whether one line of a scenario is a `schedule` statement (not a comment). */
export function isScheduleLine(line: string): boolean {
  return SCHEDULE_LINE.test(line);
}

/** Whether a scenario has a `schedule` statement: it is a step of its own when it runs. */
export function hasScheduleStatement(source: string): boolean {
  return source.split(/\r?\n/).some(isScheduleLine);
}

/**
 * The step at which the player shows the violation once the schedule line is pasted: the
 * explorer counts the steps of the searched text, and a `schedule` statement is a step of its
 * own, so a line pasted into a text that had none comes one step earlier than everything else.
 * (An empty schedule is pasted as a comment, which adds nothing.)
 */
export function stepsInReplay(v: { steps: number; schedule: readonly string[] }, searchedHadSchedule: boolean): number {
  return v.steps + (v.schedule.length > 0 && !searchedHadSchedule ? 1 : 0);
}
