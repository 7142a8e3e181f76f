// `npm run scenario -- FILE …`: runs a scenario headless with the same engine the browser
// uses. Exit 0 when every expectation held, 1 when one failed, 2 on unreadable input or bad
// arguments (SPEC §5).

import { formatDiagnostic } from '../engine/scenario';
import { decodeScenarioBytes, MAX_IMPORT_BYTES, tooLargeMessage } from '../engine/scenario/sourceText';
import { readAtMost } from './readAtMost';
import { loadScenario, resolveModel, runScenario } from '../engine/lab';
import { parseArgs, USAGE } from './args';
import { stepLogLines } from './stepLog';
import { runMatrix } from './matrix';
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
  if (args === USAGE) {
    // Asked for: the usage on stdout, and success.
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (typeof args === 'string') fail(`error: ${args}\n${USAGE}`);
  let bytes: Uint8Array;
  let size: number | undefined;
  try {
    ({ bytes, size } = readAtMost(args.file, MAX_IMPORT_BYTES));
  } catch (e) {
    fail(`error: cannot read ${args.file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (bytes.length > MAX_IMPORT_BYTES) fail(`error: ${tooLargeMessage(args.file, size)}`);
  // As an imported file is checked in the lab: a Latin-1 or binary file is named as such,
  // not parsed into U+FFFD "unexpected character" errors.
  const decoded = decodeScenarioBytes(bytes, args.file);
  if (!decoded.ok) fail(`error: ${decoded.message}`);
  const source = decoded.text;
  const loaded = loadScenario(source);
  if (!loaded.ok) fail(loaded.errors.map((d) => formatDiagnostic(args.file, d)).join('\n'));
  const program = loaded.program;

  if (args.explore) return runExplore(args, program, source);

  if (args.matrix) {
    const m = runMatrix(args, program);
    if (typeof m === 'string') fail(`error: ${m}`);
    process.exitCode = m.code;
    process.stdout.write(m.out);
    return m.code;
  }

  const model = resolveModel(program.source, { preset: args.preset, axes: args.axes });
  if (typeof model === 'string') fail(`error: ${model}`);
  const r = runScenario(program, model, { maxSteps: args.maxSteps });
  const trace = r.trace();
  if (r.machine.error) process.stderr.write(`${args.file}: error: ${r.machine.error}\n`);
  // Known before the output, so a reader that stops early (EPIPE, below) still gets it.
  process.exitCode = trace.expectations.failed > 0 || r.machine.error ? 1 : 0;
  // In parts, whatever the size: see output.ts.
  await writeChunked(args.json ? withNewline(jsonParts(trace)) : linesOf(stepLogLines(trace)), process.stdout);
  return process.exitCode;
}

// A reader that stopped early (`| head`) does not want the rest: end with the run's status,
// quietly, as a single write did before output came in parts (then an 'EPIPE' surfaced as an
// internal error).
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  throw e;
});

main().then(
  // Not before stdout has taken everything: process.exit drops what a pipe has not read yet.
  (code) => flushed(process.stdout).then(() => process.exit(code)),
  (e) => {
    process.stderr.write(`internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(2);
  },
);
