// Turning an explored schedule into a `schedule …` line a user can paste: replays it on the
// ordinary scheduler to confirm it reaches the violation, and drops leading entries the
// default schedule would choose anyway.

import type { ModelConfig } from '../../model';
import type { ViolationKind } from '../../trace';
import { Machine } from '../machine';
import { Recorder } from '../recorder';
import type { CompiledProgram } from '../program';
import { EXPLORE_MAX_STEPS } from './explorer';

/**
 * Runs the scenario with `schedule` installed first (the file's own schedule lines ignored,
 * as the user is told to replace them): the step, counted from 1 as the player counts them,
 * that first raises `kind`, if it is at most `limit`; otherwise undefined. Taken from the
 * recorded trace, not from the machine's count after a unit: one unit may run several
 * steps (a callback's block, the end-of-run checks), and the player shows the one that
 * raised it.
 */
export function replaySteps(program: CompiledProgram, model: ModelConfig, schedule: string[], kind: ViolationKind, limit: number): number | undefined {
  const recorder = new Recorder();
  const m = new Machine(program, model, { maxSteps: EXPLORE_MAX_STEPS, ignoreScheduleStatements: true, recorder });
  m.schedule = [...schedule];
  const raised = () => recorder.violations.find((v) => v.kind === kind);
  while (m.steps < limit && !raised() && m.step()) {
    /* replay */
  }
  const first = raised();
  return first && first.step + 1 <= limit ? first.step + 1 : undefined;
}

/**
 * The shortest suffix of `schedule` whose replay raises `kind` no later than the whole
 * schedule's does (the default schedule picks the dropped leading entries itself), and the
 * step its replay raises it at: what the player shows once the line is pasted. `steps` is
 * the explorer's count for the whole schedule, a bound on its replay's step.
 */
export function trimSchedule(program: CompiledProgram, model: ModelConfig, schedule: string[], kind: ViolationKind, steps: number): { schedule: string[]; steps: number } {
  const whole = replaySteps(program, model, schedule, kind, steps);
  if (whole === undefined) return { schedule, steps };
  let best = { schedule, steps: whole };
  for (let k = 1; k <= schedule.length; k++) {
    const candidate = schedule.slice(k);
    const reached = replaySteps(program, model, candidate, kind, whole);
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

/** How many `schedule` statements a scenario has: each is a step of its own when it runs. */
export function scheduleLineCount(source: string): number {
  return source.split(/\r?\n/).filter(isScheduleLine).length;
}

/**
 * The step at which the player shows the violation once the schedule line is pasted in place
 * of the searched text's `schedule` lines (`searchedScheduleLines` of them): the explorer
 * counts the steps of the searched text, and a `schedule` statement is a step of its own. A
 * schedule is pasted as one such line; an empty one as a comment, which is no step.
 */
export function stepsInReplay(v: { steps: number; schedule: readonly string[] }, searchedScheduleLines: number): number {
  return v.steps + (v.schedule.length > 0 ? 1 : 0) - searchedScheduleLines;
}
