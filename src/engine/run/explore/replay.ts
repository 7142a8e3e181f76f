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
 * as the user is told to replace them): the count of steps run when `kind` was first raised,
 * if that is at most `limit`; otherwise undefined.
 */
export function replaySteps(program: CompiledProgram, model: ModelConfig, schedule: string[], kind: ViolationKind, limit: number): number | undefined {
  const m = new Machine(program, model, { maxSteps: EXPLORE_MAX_STEPS, ignoreScheduleStatements: true });
  m.schedule = [...schedule];
  const raised = () => (m.kernel.state.violationCounts.get(kind) ?? 0) > 0;
  // Not one step past the limit: a schedule reaching the kind later is not as short.
  while (m.steps < limit && !raised() && m.step()) {
    /* replay */
  }
  return raised() ? m.steps : undefined;
}

/** Whether the replay of `schedule` raises `kind` within `steps` steps (see replaySteps). */
export function replayReaches(program: CompiledProgram, model: ModelConfig, schedule: string[], kind: ViolationKind, steps: number): boolean {
  return replaySteps(program, model, schedule, kind, steps) !== undefined;
}

/**
 * The shortest suffix of `schedule` that still raises `kind` within `steps` steps when
 * replayed (the default schedule picks the dropped leading entries itself), and the steps
 * its replay takes to raise it: what the player shows once the line is pasted.
 */
export function trimSchedule(program: CompiledProgram, model: ModelConfig, schedule: string[], kind: ViolationKind, steps: number): { schedule: string[]; steps: number } {
  let best = { schedule, steps: replaySteps(program, model, schedule, kind, steps) ?? steps };
  for (let k = 1; k <= schedule.length; k++) {
    const candidate = schedule.slice(k);
    const reached = replaySteps(program, model, candidate, kind, steps);
    if (reached === undefined) break;
    best = { schedule: candidate, steps: reached };
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
