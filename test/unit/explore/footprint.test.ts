// Footprints decide which units commute (src/engine/run/explore/footprint.ts): units on
// disjoint IDs and locks do; a statement that runs deferred blocks inline does not commute
// with a hand-made lock, since those blocks may take it.

import { describe, expect, it } from 'vitest';
import { loadScenario, resolveModel } from '../../../src/engine/lab';
import { Machine } from '../../../src/engine/run/machine';
import { EXPLORE_MAX_STEPS } from '../../../src/engine/run/explore/explorer';
import { footprintOf, independent } from '../../../src/engine/run/explore/footprint';

/** A machine with every thread at its first statement (main has run up to `join`). */
function atThreads(source: string): Machine {
  const l = loadScenario(source);
  if (!l.ok) throw new Error('does not parse');
  const model = resolveModel(l.program.source);
  if (typeof model === 'string') throw new Error(model);
  const m = new Machine(l.program, model, { maxSteps: EXPLORE_MAX_STEPS });
  while (m.choices().includes('main')) m.runUnit('main');
  return m;
}

describe('footprints', () => {
  it('locks of different names commute; so do gets of different IDs', () => {
    const m = atThreads('set vm1 quota=8\nalloc vm1 -> a\nalloc vm1 -> b\nthread t1 {\n  spin_lock A\n  get a\n}\nthread t2 {\n  spin_lock B\n  get b\n}\njoin\n');
    expect(independent(footprintOf(m, 't1'), footprintOf(m, 't2'))).toBe(true);
  });

  for (const verb of ['quiesce', 'rcu_barrier', 'flush_work']) {
    it(`${verb} does not commute with a hand-made lock (the deferred blocks it runs may take it)`, () => {
      const m = atThreads(`set vm1 quota=8\ncall_rcu {\n  spin_lock B\n  spin_unlock B\n}\nthread t1 {\n  spin_lock B\n  spin_unlock B\n}\nthread t2 {\n  ${verb}\n}\njoin\n`);
      expect(m.choices()).toEqual(expect.arrayContaining(['t1', 't2']));
      expect(independent(footprintOf(m, 't1'), footprintOf(m, 't2'))).toBe(false);
    });
  }
});
