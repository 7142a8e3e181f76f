// Replaying handed-over states along a shared way (src/engine/run/explore/handedReplay.ts):
// every schedule, in any order, reaches the state a replay from the start reaches.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadScenario, resolveModel } from '../../../src/engine/lab';
import { Machine } from '../../../src/engine/run/machine';
import { EXPLORE_MAX_STEPS } from '../../../src/engine/run/explore/explorer';
import { fingerprintKey } from '../../../src/engine/run/explore/fingerprint';
import { replayHanded } from '../../../src/engine/run/explore/handedReplay';
import { EXPLORER_BENCH_HEAVY } from '../../../bench/explorerScenarios';

const loaded = loadScenario(EXPLORER_BENCH_HEAVY);
if (!loaded.ok) throw new Error('does not parse');
const model = resolveModel(loaded.program.source);
if (typeof model === 'string') throw new Error(model);

/** Every schedule of up to `depth` units from the start (the empty one included). */
function schedules(m: Machine, depth: number): string[][] {
  const out: string[][] = [[]];
  const walk = (prefix: string[]) => {
    if (prefix.length === depth) return;
    const snap = m.snapshot();
    for (const c of m.choices()) {
      m.restore(snap);
      m.runUnit(c);
      out.push([...prefix, c]);
      walk([...prefix, c]);
    }
    m.restore(snap);
  };
  walk([]);
  return out;
}

const fresh = () => new Machine(loaded.ok ? loaded.program : (undefined as never), model as never, { maxSteps: EXPLORE_MAX_STEPS });

/** The setup: main's statements up to the first state with a choice (the threads started). */
const setup: string[] = [];
for (const m = fresh(); m.choices().length === 1; m.runUnit('main')) setup.push('main');

/** The fingerprint of the state `schedule` reaches after the setup, replayed from the start on a fresh machine. */
function fromStart(schedule: string[]): number | undefined {
  const m = fresh();
  for (const c of [...setup, ...schedule]) {
    if (!m.choices().includes(c)) return undefined;
    m.runUnit(c);
  }
  return fingerprintKey(m);
}

describe('replayHanded', () => {
  const m = fresh();
  for (const c of setup) m.runUnit(c);
  const initial = m.snapshot();
  const all = schedules(m, 4);

  it('reaches the same state as a replay from the start, whatever the order and sharing of prefixes', () => {
    expect(all.length).toBeGreaterThan(100);
    fc.assert(
      fc.property(fc.shuffledSubarray(all, { minLength: 1, maxLength: 40 }), (picked) => {
        const snaps = replayHanded(m, initial, picked);
        picked.forEach((s, i) => {
          m.restore(snaps[i]!);
          expect(fingerprintKey(m)).toBe(fromStart(s));
        });
      }),
      { seed: 3, numRuns: 60 },
    );
  });

  it('gives undefined for a schedule with a unit that is not enabled on the way, and goes on', () => {
    m.restore(initial);
    const [a] = m.choices();
    const snaps = replayHanded(m, initial, [[a, 'no-such-thread'], [a]]);
    expect(snaps[0]).toBeUndefined();
    m.restore(snaps[1]!);
    expect(fingerprintKey(m)).toBe(fromStart([a]));
  });
});
