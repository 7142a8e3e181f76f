import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadScenario, resolveModel } from '../../../src/engine/lab';
import { Session } from '../../../src/engine/run/session';
import { Machine } from '../../../src/engine/run/machine';
import { buildFrame, buildIdState } from '../../../src/engine/run/frame';

const SRC = `title "seek"
model v4
set vm1 quota=16
set vm2 quota=16
notifier kvm kind=kvm
notifier vtd kind=iommu
device dev0
repeat 6 {
  alloc vm1 -> a
  bind dev0 a gpasid=7
  unbind dev0 a
  free a
}
thread t1 {
  alloc vm2 -> b
  free b
}
thread t2 {
  alloc vm1 -> c
  work {
    free c
  }
}
join
quiesce
`;

function fresh() {
  const l = loadScenario(SRC);
  if (!l.ok) throw new Error(JSON.stringify(l.errors));
  const model = resolveModel(l.program.source);
  if (typeof model === 'string') throw new Error(model);
  return { program: l.program, model };
}

/** The state after n steps, reached the slow obvious way: a fresh machine stepped from 0. */
function reference(n: number) {
  const { program, model } = fresh();
  const m = new Machine(program, model);
  m.stopAt = n;
  try {
    while (m.steps < n && m.step()) {
      /* step */
    }
  } catch {
    /* stopped exactly at n */
  }
  return JSON.stringify({ frame: { ...buildFrame(m, n), threads: [] }, ids: Array.from(buildIdState(m).subarray(0, 64)) });
}

describe('session seek', () => {
  it('records the whole run and keeps a checkpoint at the start', () => {
    const { program, model } = fresh();
    const s = new Session(program, model);
    expect(s.advance()).toBe(true);
    expect(s.stepCount).toBeGreaterThan(30);
    expect(s.checkpointCount).toBeGreaterThanOrEqual(1);
  });

  it('seek(N) equals the state reached by stepping from 0, in any order of seeks', () => {
    const { program, model } = fresh();
    const s = new Session(program, model, { checkpointBytes: 1 << 30 });
    s.interval = 8;
    s.advance();
    const total = s.stepCount;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: total }), { minLength: 1, maxLength: 12 }), (positions) => {
        for (const p of positions) {
          const m = s.at(p);
          const got = JSON.stringify({ frame: { ...buildFrame(m, p), threads: [] }, ids: Array.from(buildIdState(m).subarray(0, 64)) });
          expect(got).toBe(reference(p));
        }
      }),
      { seed: 42, numRuns: 25 },
    );
  });

  it('stepping back one at a time from the end matches the reference', () => {
    const { program, model } = fresh();
    const s = new Session(program, model);
    s.advance();
    for (let p = s.stepCount; p >= s.stepCount - 10; p--) {
      const m = s.at(p);
      expect(JSON.stringify({ frame: { ...buildFrame(m, p), threads: [] }, ids: Array.from(buildIdState(m).subarray(0, 64)) })).toBe(reference(p));
    }
  });

  it('keeps step-back snapshots after a step back, none after a long jump back', () => {
    const l = loadScenario(SRC.replace('repeat 6 {', 'repeat 60 {'));
    if (!l.ok) throw new Error('does not parse');
    const s = new Session(l.program, fresh().model, { checkpointBytes: 1 << 30 });
    s.interval = 32;
    s.advance();
    const end = s.stepCount;
    expect(end).toBeGreaterThan(200);
    s.at(end);
    s.at(end - 1);
    // Every boundary between the checkpoint before the target and the target is kept.
    expect(s.stepBackSnapshots).toBeGreaterThan(3);
    s.at(end - 2);
    expect(s.stepBackSnapshots).toBeGreaterThan(2);
    // A jump far back to a position no snapshot holds keeps none.
    s.at(5);
    expect(s.stepBackSnapshots).toBe(0);
  });
});
