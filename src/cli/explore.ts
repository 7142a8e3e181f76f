// `--explore`: the explorer of SPEC §7, in this thread while worker threads (one per core by
// default) start, then on them if it is still running; progress on stderr and the report on
// stdout (one JSON document with --json).

import { availableParallelism } from 'node:os';
import { MAX_WORKERS, type CliArgs } from './args';
import type { CompiledProgram } from '../engine/run/program';
import { resolveModel } from '../engine/lab';
import { DEFAULT_MAX_STATES, type ExploreProgress } from '../engine/run/explore/explorer';
import { exploreParallel } from './explorePool';
import { scheduleLineCount, scheduleLine, stepsInReplay, trimSchedule } from '../engine/run/explore/replay';
import { incompleteWhy } from '../engine/run/explore/incompleteWhy';

/** `source`: the text main.ts checked and parsed into `program` (the workers parse it again). */
export async function runExplore(args: CliArgs, program: CompiledProgram, source: string): Promise<number> {
  const model = resolveModel(program.source, { preset: args.preset, axes: args.axes });
  if (typeof model === 'string') {
    process.stderr.write(`error: ${model}\n`);
    return 2;
  }
  const maxStates = args.maxStates ?? DEFAULT_MAX_STATES;
  const workers = Math.max(1, Math.min(args.workers ?? availableParallelism(), MAX_WORKERS));
  const progress = new Map<number, ExploreProgress>();
  let lastPrint = 0;
  const show = () => {
    const now = Date.now();
    if (now - lastPrint < (process.stderr.isTTY ? 250 : 2000)) return;
    lastPrint = now;
    const all = [...progress.values()];
    const states = all.reduce((n, p) => n + p.states, 0);
    const rate = all.reduce((n, p) => n + p.states / (Math.max(1, p.elapsedMs) / 1000), 0);
    const kinds = [...new Set(all.flatMap((p) => p.violations))];
    process.stderr.write(`explore: ${states} states, ${all.reduce((n, p) => n + p.schedules, 0)} schedules, ${Math.round(rate)} states/s, violations: ${kinds.join(', ') || 'none'}\n`);
  };

  let interrupted = false;
  const onHandOff = () => {
    // Worker 0's counts include this thread's from now on.
    progress.clear();
    process.stderr.write(`explore: the workers have started; the search goes on on ${workers} worker threads from where it is\n`);
  };
  const report = await exploreParallel(source, program, model, { workers, maxStates, onProgress: (i, p) => (progress.set(i, p), show()), onInterrupt: () => (interrupted = true), onHandOff });

  // Steps as the player will count them once the line is pasted (see stepsInReplay).
  const scheduleLines = scheduleLineCount(source);
  const violations = report.violations.map((v) => {
    const trimmed = trimSchedule(program, model, v.schedule, v.kind, v.steps);
    return { ...v, schedule: trimmed.schedule, steps: stepsInReplay(trimmed, scheduleLines) };
  });
  if (args.json) {
    process.stdout.write(JSON.stringify({ schedules: report.schedules, states: report.states, complete: report.complete, violations, transitions: report.transitions, elapsedMs: Math.round(report.elapsedMs) }, null, 2) + '\n');
  } else {
    process.stdout.write(`explored ${report.schedules} schedules, ${report.states} distinct states (${report.transitions} transitions) in ${Math.round(report.elapsedMs)} ms — ${report.complete ? 'complete' : interrupted ? 'INCOMPLETE: interrupted' : `INCOMPLETE: ${incompleteWhy(report, String(maxStates), 'bound')}`}\n`);
    if (violations.length === 0) process.stdout.write('no violation is reachable in the explored schedules\n');
    for (const v of violations) {
      // Only a complete search knows its schedule is the shortest: an incomplete one (depth
      // first) may not have reached a shorter one yet.
      const which = report.complete ? 'shortest schedule' : 'shortest schedule found (the search is incomplete: a shorter one may exist)';
      process.stdout.write(`\n${v.kind}${v.inEverySchedule ? ' (in every schedule)' : ''}: ${which} reaches it in ${v.steps} steps\n  ${scheduleLine(v.schedule)}\n`);
    }
    if (violations.length) process.stdout.write('\npaste a schedule line after the header (replacing any schedule line already there) to replay it in the player\n');
  }
  return 0;
}
