// Watch expressions (src/worker/watch.ts) read numbers as the scenario language does, and a
// name with no binding at a position has no value there (shown "—"), not a confident 0.
import { describe, expect, it } from 'vitest';
import { loadScenario, resolveModel } from '../../../src/engine/lab';
import { Machine } from '../../../src/engine/run/machine';
import { parseWatch, type WatchFn } from '../../../src/worker/watch';

function machineAfter(source: string, steps: number): Machine {
  const l = loadScenario(source);
  if (!l.ok) throw new Error('does not parse');
  const model = resolveModel(l.program.source);
  if (typeof model === 'string') throw new Error(model);
  const m = new Machine(l.program, model, { maxSteps: 1000 });
  for (let i = 0; i < steps; i++) m.step();
  return m;
}

const fn = (expr: string): WatchFn => {
  const w = parseWatch(expr);
  if (typeof w === 'string') throw new Error(w);
  return w;
};

describe('watch expressions', () => {
  const source = 'model v4\nset vm1 quota=4\nalloc vm1 -> g1\nget g1\n';

  it('refs takes an ID in decimal or 0x hex, or a bound name', () => {
    const m = machineAfter(source, 3);
    expect(fn('refs 1')(m)).toBe(2);
    expect(fn('refs 0x1')(m)).toBe(2);
    expect(fn('refs g1')(m)).toBe(2);
    expect(fn('refs 2')(m)).toBe(0); // an ID not allocated
  });

  it('refs of a name not bound (yet, or ever) has no value; of a malformed number, an error', () => {
    expect(fn('refs g1')(machineAfter(source, 1))).toBeNull();
    expect(fn('refs g9')(machineAfter(source, 3))).toBeNull();
    expect(parseWatch('refs 0X1')).toMatch(/malformed number '0X1'/);
    expect(parseWatch('refs 12a')).toMatch(/malformed number '12a'/);
  });
});
