// The CLI's readable --explore report (src/cli/explore.ts): a complete search calls its
// schedules the shortest; one the state budget stopped says a shorter one may exist.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadScenario } from '../../../src/engine/lab';
import { runExplore } from '../../../src/cli/explore';
import { EXPLORER_BENCH_HEAVY } from '../../../bench/suites/explorer.bench';

async function report(maxStates: number): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'ioasid-explore-')), 'heavy.ioasid');
  writeFileSync(file, EXPLORER_BENCH_HEAVY);
  const loaded = loadScenario(EXPLORER_BENCH_HEAVY);
  if (!loaded.ok) throw new Error('does not parse');
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await runExplore({ file, axes: [], json: false, matrix: false, explore: true, maxStates, workers: 1 }, loaded.program);
  vi.restoreAllMocks();
  expect(code).toBe(0);
  return out;
}

describe('npm run scenario -- FILE --explore', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a complete search reports the shortest schedule', async () => {
    const out = await report(100_000);
    expect(out).toMatch(/— complete/);
    expect(out).toMatch(/leak: shortest schedule reaches it in \d+ steps/);
  });

  it('an incomplete search reports the shortest schedule found, and says a shorter one may exist', async () => {
    const out = await report(2_000);
    expect(out).toMatch(/INCOMPLETE: the bound of 2000 states stopped the search/);
    expect(out).toMatch(/leak: shortest schedule found \(the search is incomplete: a shorter one may exist\) reaches it in \d+ steps/);
  });
});
