// Drives the engine the way the CLI does (parse → resolve model → run) and gives tests short
// views of the trace: results per statement, warnings, violations by kind.

import { expect } from 'vitest';
import { loadScenario, resolveModel, runScenario, type RunResult } from '../../../src/engine/lab';
import type { ModelConfig, PresetName } from '../../../src/engine/model';
import type { TraceDocument, TraceStep, ViolationKind } from '../../../src/engine/trace';

export type ModelChoice = PresetName | { preset?: PresetName; axes?: [string, string][] };

export interface Ran {
  trace: TraceDocument;
  run: RunResult;
  model: ModelConfig;
}

/** Parses and runs `src`; fails the test on a parse error or a bad model override. */
export function runFull(src: string, model: ModelChoice = 'v4'): Ran {
  const l = loadScenario(src);
  if (!l.ok) {
    expect.fail(`scenario does not parse:\n${l.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n')}`);
  }
  const override = typeof model === 'string' ? { preset: model } : model;
  const m = resolveModel(l.program.source, override);
  if (typeof m === 'string') expect.fail(`bad model: ${m}`);
  const run = runScenario(l.program, m);
  return { trace: run.trace(), run, model: m };
}

export function run(src: string, model: ModelChoice = 'v4'): TraceDocument {
  return runFull(src, model).trace;
}

/** Joins scenario lines (tests read better as arrays of statements). */
export function lines(...ls: string[]): string {
  return ls.join('\n');
}

/** Steps that came from a statement on `line` (1-based), in order. */
export function stepsAt(t: TraceDocument, line: number): TraceStep[] {
  return t.steps.filter((s) => s.line === line && !s.text.startsWith('['));
}

/** resultName of the (first) step on each source line, keyed by line; missing lines omitted. */
export function results(t: TraceDocument): Record<number, string> {
  const out: Record<number, string> = {};
  for (const s of t.steps) if (!(s.line in out) && !s.text.startsWith('[') && !s.text.startsWith('(')) out[s.line] = s.resultName;
  return out;
}

/** resultName of the step whose text equals `text` (the first one if it repeats). */
export function resultOf(t: TraceDocument, text: string): string {
  const s = t.steps.find((x) => x.text === text);
  if (!s) expect.fail(`no step '${text}' in the trace: ${t.steps.map((x) => x.text).join(' | ')}`);
  return s.resultName;
}

/** The step whose text equals `text` (the nth occurrence, 0-based). */
export function stepOf(t: TraceDocument, text: string, nth = 0): TraceStep {
  const found = t.steps.filter((x) => x.text === text);
  const s = found[nth];
  if (!s) expect.fail(`no step '${text}' #${nth} in the trace: ${t.steps.map((x) => x.text).join(' | ')}`);
  return s;
}

/** Violation kinds in the order they were raised. */
export function kinds(t: TraceDocument): ViolationKind[] {
  return t.violations.map((v) => v.kind);
}

export function hasViolation(t: TraceDocument, kind: ViolationKind): boolean {
  return t.violations.some((v) => v.kind === kind);
}

/** Violation kinds raised by one step. */
export function stepKinds(t: TraceDocument, step: TraceStep): ViolationKind[] {
  return step.violations.map((i) => t.violations[i].kind);
}

/** `subscriber:EVENT:id` for every delivery, in delivery order. */
export function deliveryLog(t: TraceDocument): string[] {
  return t.deliveries.map((d) => `${d.subscriber}:${d.event}:${d.id}`);
}

/** Every expectation in the scenario held. */
export function expectAllHeld(t: TraceDocument): void {
  expect(t.expectations.failures).toStrictEqual([]);
  expect(t.expectations.failed).toBe(0);
}
