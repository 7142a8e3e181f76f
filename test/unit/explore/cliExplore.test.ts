// The CLI's readable --explore report (src/cli/explore.ts): a complete search calls its
// schedules the shortest; one the state budget stopped says a shorter one may exist.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadScenario, runScenario } from '../../../src/engine/lab';
import { PRESETS, withAxis, type ModelConfig } from '../../../src/engine/model';
import { scheduleLineCount, stepsInReplay } from '../../../src/engine/run/explore/replay';
import { runExplore } from '../../../src/cli/explore';
import { EXPLORER_BENCH_HEAVY } from '../../../bench/explorerScenarios';

/** Runs `--explore` on `text` written to a file, returning the exit code and what went to stdout. */
async function runOn(text: string, opts: { json: boolean; maxStates: number }): Promise<{ code: number; out: string }> {
  const file = join(mkdtempSync(join(tmpdir(), 'ioasid-explore-')), 'scenario.ioasid');
  writeFileSync(file, text);
  const loaded = loadScenario(text);
  if (!loaded.ok) throw new Error('does not parse');
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await runExplore({ file, axes: [], json: opts.json, matrix: false, explore: true, maxStates: opts.maxStates, workers: 1 }, loaded.program, text);
  vi.restoreAllMocks();
  return { code, out };
}

async function report(maxStates: number): Promise<string> {
  const { code, out } = await runOn(EXPLORER_BENCH_HEAVY, { json: false, maxStates });
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

describe('the step count reported with a schedule', () => {
  const REUSE = readFileSync(new URL('../../../scenarios/reuse-race.ioasid', import.meta.url), 'utf8');
  const model = withAxis(PRESETS.cyclic, 'alloc', 'lowest') as ModelConfig;

  /** The step (from 1) at which the text, run in the player, first raises `kind`. */
  function stepOf(text: string, kind: string): number {
    const l = loadScenario(text);
    if (!l.ok) throw new Error('does not parse');
    const v = runScenario(l.program, model).trace().violations.find((x) => x.kind === kind);
    if (!v) throw new Error(`no ${kind}`);
    return v.step + 1;
  }

  async function reported(text: string): Promise<{ kind: string; schedule: string[]; steps: number }[]> {
    return JSON.parse((await runOn(text, { json: true, maxStates: 100_000 })).out).violations;
  }

  it('is the step at which the pasted line reaches the violation, with or without a schedule line before', async () => {
    const without = REUSE.replace(/^schedule .*\n/m, '');
    expect(scheduleLineCount(REUSE)).toBe(1);
    expect(scheduleLineCount(without)).toBe(0);
    for (const text of [REUSE, without]) {
      const found = await reported(text);
      expect(found.length).toBeGreaterThan(0);
      for (const v of found) {
        // The line replaces any schedule line, right after the header (title and model).
        const pasted = text.replace(/^schedule .*\n/m, '').replace(/^(model .*\n)/m, `$1schedule ${v.schedule.join(' ')}\n`);
        expect(stepOf(pasted, v.kind)).toBe(v.steps);
      }
    }
  });

  it('adds the schedule statement\'s own step only when a line is pasted where there was none', () => {
    expect(stepsInReplay({ steps: 13, schedule: ['a'] }, 0)).toBe(14);
    expect(stepsInReplay({ steps: 13, schedule: ['a'] }, 1)).toBe(13);
    // Two schedule lines in the searched text, replaced by one line, or by the comment.
    expect(stepsInReplay({ steps: 13, schedule: ['a'] }, 2)).toBe(12);
    expect(stepsInReplay({ steps: 13, schedule: [] }, 2)).toBe(11);
    expect(stepsInReplay({ steps: 13, schedule: [] }, 0)).toBe(13);
  });
});
