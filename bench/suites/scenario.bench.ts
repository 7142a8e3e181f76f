// The scale scenario (2^20-1 allocs) end to end through parser + engine + recorder.
import { readFileSync } from 'node:fs';
import { loadScenario, resolveModel, runScenario } from '../../src/engine/lab';
import type { BenchResult } from '../result';
import { findGc, usedBytes } from '../gc';

export async function run(): Promise<BenchResult[]> {
  const source = readFileSync(new URL('../../scenarios/scale.ioasid', import.meta.url), 'utf8');
  const gc = findGc();
  let best = Infinity;
  let steps = 0;
  let peak = 0;
  for (let i = 0; i < 3; i++) {
    const base = usedBytes(gc);
    const t0 = performance.now();
    const loaded = loadScenario(source);
    if (!loaded.ok) throw new Error('scale.ioasid does not parse');
    const model = resolveModel(loaded.program.source);
    if (typeof model === 'string') throw new Error(model);
    const r = runScenario(loaded.program, model);
    const ms = performance.now() - t0;
    steps = r.recorder.stepCount;
    peak = Math.max(peak, process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - base);
    if (r.machine.expectations.failed > 0) throw new Error('scale.ioasid expectations failed');
    best = Math.min(best, ms);
  }
  return [
    { name: `scale scenario: ${steps} steps through parser + engine + recorder`, value: steps / (best / 1000), unit: 'steps/s', target: '≥ 1M steps/s' },
    { name: 'scale scenario: whole run (best of 3)', value: best, unit: 'ms', target: '< 3000 ms' },
    { name: 'scale scenario: memory held by the run (heap + typed arrays)', value: peak / (1024 * 1024), unit: 'MiB' },
  ];
}
