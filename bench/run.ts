// `npm run bench [-- --json] [-- --only NAME]`: runs every suite in bench/suites and prints
// the figures as a table, or as one JSON array of {name, value, unit}.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './result';

const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? args[onlyIdx + 1] : undefined;

const suitesDir = join(dirname(fileURLToPath(import.meta.url)), 'suites');
const files = readdirSync(suitesDir).filter((f) => f.endsWith('.bench.ts')).sort();
const all: BenchResult[] = [];
for (const file of files) {
  if (only && !file.includes(only)) continue;
  const mod = (await import(pathToFileURL(join(suitesDir, file)).href)) as { run: () => Promise<BenchResult[]> | BenchResult[] };
  if (!json) console.log(`\n# ${file.replace('.bench.ts', '')}`);
  const results = await mod.run();
  for (const r of results) {
    all.push(r);
    if (!json) {
      const v = Math.abs(r.value) >= 1000 ? Math.round(r.value).toLocaleString('en-US') : r.value.toPrecision(4);
      console.log(`${r.name.padEnd(64)} ${v.padStart(16)} ${r.unit}${r.target ? `   (target ${r.target})` : ''}`);
    }
  }
}
if (json) console.log(JSON.stringify(all.map(({ name, value, unit }) => ({ name, value, unit })), null, 2));
