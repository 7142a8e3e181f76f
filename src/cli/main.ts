// `npm run scenario -- FILE …`: runs a scenario headless with the same engine the browser
// uses. Exit 0 when every expectation held, 1 when one failed, 2 on unreadable input or bad
// arguments (SPEC §5).

import { readFileSync } from 'node:fs';
import { formatDiagnostic } from '../engine/scenario';
import { loadScenario, resolveModel, runScenario } from '../engine/lab';
import { PRESET_NAMES, PRESETS } from '../engine/model';
import { VIOLATION_KINDS } from '../engine/trace';
import { parseArgs, USAGE } from './args';
import { stepLogLines, violationCounts } from './stepLog';
import { flushed, jsonParts, writeChunked } from './output';
import { runExplore } from './explore';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function* withNewline(parts: Iterable<string>): Generator<string> {
  yield* parts;
  yield '\n';
}

function* linesOf(lines: Iterable<string>): Generator<string> {
  for (const line of lines) yield `${line}\n`;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') fail(args === USAGE ? USAGE : `error: ${args}\n${USAGE}`);
  let source: string;
  try {
    source = readFileSync(args.file, 'utf8');
  } catch (e) {
    fail(`error: cannot read ${args.file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const loaded = loadScenario(source);
  if (!loaded.ok) fail(loaded.errors.map((d) => formatDiagnostic(args.file, d)).join('\n'));
  const program = loaded.program;

  if (args.explore) return runExplore(args, program);

  if (args.matrix) {
    const rows = PRESET_NAMES.map((preset) => {
      const model = resolveModel(program.source, { preset, axes: args.axes });
      if (typeof model === 'string') fail(`error: ${model}`);
      const r = runScenario(program, model, { maxSteps: args.maxSteps });
      return { preset, trace: r.trace(), error: r.machine.error };
    });
    if (args.json) {
      process.stdout.write(JSON.stringify(rows.map((r) => ({
        preset: r.preset,
        model: PRESETS[r.preset],
        violations: Object.fromEntries(violationCounts(r.trace)),
        expectations: { passed: r.trace.expectations.passed, failed: r.trace.expectations.failed },
        error: r.error,
      })), null, 2) + '\n');
    } else {
      const kinds = VIOLATION_KINDS;
      const header = ['preset', ...kinds, 'expectations'];
      const body = rows.map((r) => {
        const by = violationCounts(r.trace);
        const e = r.trace.expectations;
        return [r.preset, ...kinds.map((k) => String(by.get(k) ?? 0)), `${e.passed} passed, ${e.failed} failed${r.error ? ' (stopped)' : ''}`];
      });
      const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
      const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
      process.stdout.write(`${line(header)}\n${body.map(line).join('\n')}\n`);
    }
    return rows.some((r) => r.trace.expectations.failed > 0 || r.error) ? 1 : 0;
  }

  const model = resolveModel(program.source, { preset: args.preset, axes: args.axes });
  if (typeof model === 'string') fail(`error: ${model}`);
  const r = runScenario(program, model, { maxSteps: args.maxSteps });
  const trace = r.trace();
  // In parts, whatever the size: see output.ts.
  await writeChunked(args.json ? withNewline(jsonParts(trace)) : linesOf(stepLogLines(trace)), process.stdout);
  if (r.machine.error) process.stderr.write(`${args.file}: error: ${r.machine.error}\n`);
  return trace.expectations.failed > 0 || r.machine.error ? 1 : 0;
}

main().then(
  // Not before stdout has taken everything: process.exit drops what a pipe has not read yet.
  (code) => flushed(process.stdout).then(() => process.exit(code)),
  (e) => {
    process.stderr.write(`internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(2);
  },
);
