// The one facade the worker, the CLI and the tests drive: parse a scenario, pick its model,
// run it with recording, and hand back the trace.

import { DEFAULT_PRESET, PRESETS, withAxis, type ModelConfig, type PresetName } from './model';
import { parseScenario, type Diagnostic } from './scenario';
import type { Program } from './scenario/ast';
import { Machine, type MachineOptions } from './run/machine';
import { compileProgram, type CompiledProgram } from './run/program';
import { Recorder } from './run/recorder';
import { buildTrace } from './run/traceJson';
import type { TraceDocument } from './trace';

export interface ModelOverride {
  preset?: PresetName;
  axes?: [string, string][];
}

/** The file's `model` line, then the caller's preset and axis overrides (CLI --model/--set). */
export function resolveModel(program: Program | undefined, override: ModelOverride = {}): ModelConfig | string {
  let model: ModelConfig = PRESETS[program?.model?.preset ?? DEFAULT_PRESET];
  if (program?.model?.overrides) model = { ...model, ...program.model.overrides };
  if (override.preset) model = PRESETS[override.preset];
  for (const [axis, value] of override.axes ?? []) {
    const next = withAxis(model, axis, value);
    if (typeof next === 'string') return next;
    model = next;
  }
  return model;
}

export type LoadResult = { ok: true; program: CompiledProgram } | { ok: false; errors: Diagnostic[] };

export function loadScenario(source: string): LoadResult {
  const parsed = parseScenario(source);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  return { ok: true, program: compileProgram(parsed.program) };
}

export interface RunResult {
  machine: Machine;
  recorder: Recorder;
  trace: () => TraceDocument;
}

/** Runs a compiled scenario to the end with recording on. */
export function runScenario(program: CompiledProgram, model: ModelConfig, opts: MachineOptions = {}): RunResult {
  const recorder = new Recorder();
  const machine = new Machine(program, model, { ...opts, recorder });
  machine.run();
  return {
    machine,
    recorder,
    trace: () => buildTrace(program.source.title ?? '', model, program, recorder, machine.kernel, machine.expectations),
  };
}
