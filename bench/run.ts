// `npm run bench [-- --json] [-- --only NAME]`: runs every suite in bench/suites and prints
// the figures as a table, or as one JSON array of {name, value, unit, target?}. Each suite
// runs in a process of its own, so one suite's garbage and JIT feedback (the explorer's
// small ID tables, a million-step session's heap) do not bend the next one's figures.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './result';

const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? args[onlyIdx + 1] : undefined;
/** Set in the child process that runs one suite. */
const suiteIdx = args.indexOf('--suite');
const suite = suiteIdx >= 0 ? args[suiteIdx + 1] : undefined;

const suitesDir = join(dirname(fileURLToPath(import.meta.url)), 'suites');

/**
 * Node flags a suite runs with, to measure what users run: the explorer suite gets the V8
 * flags of `npm run scenario` (the CLI, and with it --explore), read from package.json.
 */
const scenarioScript = (JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.scenario;
const SUITE_FLAGS: Record<string, string[]> = { 'explorer.bench.ts': scenarioScript.split(/\s+/).filter((w) => w.startsWith('--')) };

async function runSuite(file: string): Promise<BenchResult[]> {
  const mod = (await import(pathToFileURL(join(suitesDir, file)).href)) as { run: () => Promise<BenchResult[]> | BenchResult[] };
  return mod.run();
}

function print(r: BenchResult): void {
  const v = Math.abs(r.value) >= 1000 ? Math.round(r.value).toLocaleString('en-US') : r.value.toPrecision(4);
  console.log(`${r.name.padEnd(64)} ${v.padStart(16)} ${r.unit}${r.target ? `   (target ${r.target})` : ''}`);
}

if (suite) {
  // Child: one suite, results as JSON on stdout.
  console.log(JSON.stringify(await runSuite(suite)));
} else {
  const files = readdirSync(suitesDir).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort();
  const all: BenchResult[] = [];
  for (const file of files) {
    if (!json) console.log(`\n# ${file.replace('.bench.ts', '')}`);
    // The same runtime and loader (tsx) as this process, one suite.
    const child = spawnSync(process.execPath, [...(SUITE_FLAGS[file] ?? []), ...process.execArgv, fileURLToPath(import.meta.url), '--suite', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
    const lastLine = child.stdout.trim().split('\n').pop() ?? '';
    if (child.status !== 0 || !lastLine.startsWith('[')) {
      console.error(`bench suite ${file} failed (exit ${child.status})`);
      process.exitCode = 1;
      continue;
    }
    const results = JSON.parse(lastLine) as BenchResult[];
    for (const r of results) {
      all.push(r);
      if (!json) print(r);
    }
  }
  if (json) console.log(JSON.stringify(all, null, 2));
}
