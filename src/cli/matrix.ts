// `--matrix`: the scenario under every preset, one row each with its violations by kind and
// its expectation results. With --set, every row runs with those overrides and says so.

import { resolveModel, runScenario } from '../engine/lab';
import { PRESET_NAMES } from '../engine/model';
import type { CompiledProgram } from '../engine/run/program';
import { VIOLATION_KINDS } from '../engine/trace';
import type { CliArgs } from './args';
import { violationCounts } from './stepLog';

/** The report to print and the exit status, or an error message (a bad --set). */
export function runMatrix(args: Pick<CliArgs, 'axes' | 'json' | 'maxSteps'>, program: CompiledProgram): { out: string; code: number } | string {
  const rows = [];
  for (const preset of PRESET_NAMES) {
    const model = resolveModel(program.source, { preset, axes: args.axes });
    if (typeof model === 'string') return model;
    const r = runScenario(program, model, { maxSteps: args.maxSteps });
    rows.push({ preset, model, trace: r.trace(), error: r.machine.error });
  }
  const code = rows.some((r) => r.trace.expectations.failed > 0 || r.error) ? 1 : 0;
  if (args.json) {
    const doc = rows.map((r) => ({
      preset: r.preset,
      // The model each row ran: the preset with --set's overrides.
      model: r.model,
      violations: Object.fromEntries(violationCounts(r.trace)),
      expectations: { passed: r.trace.expectations.passed, failed: r.trace.expectations.failed },
      error: r.error,
    }));
    return { out: `${JSON.stringify(doc, null, 2)}\n`, code };
  }
  const label = (preset: string) => [preset, ...args.axes.map(([a, v]) => `${a}=${v}`)].join(' ');
  const header = ['preset', ...VIOLATION_KINDS, 'expectations'];
  const body = rows.map((r) => {
    const by = violationCounts(r.trace);
    const e = r.trace.expectations;
    return [label(r.preset), ...VIOLATION_KINDS.map((k) => String(by.get(k) ?? 0)), `${e.passed} passed, ${e.failed} failed${r.error ? ' (stopped)' : ''}`];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return { out: `${line(header)}\n${body.map(line).join('\n')}\n`, code };
}
