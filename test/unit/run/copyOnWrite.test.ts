// Copy-on-write state (KernelState.fork, VtdModel.cloneState, shared thread records): a
// snapshot must never see the changes the live machine makes after it, and the explorer's
// cached component digests must give the same fingerprint as a state hashed from scratch.

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario, resolveModel } from '../../../src/engine/lab';
import { Machine, type MachineSnapshot } from '../../../src/engine/run/machine';
import { fingerprintKey, lastPartDigests, type PartDigests } from '../../../src/engine/run/explore/fingerprint';
import { buildFrame } from '../../../src/engine/run/frame';

const DIR = fileURLToPath(new URL('../../../scenarios/', import.meta.url));
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.ioasid') && f !== 'scale.ioasid').sort();
/** Steps per scenario checked position by position (the long ones are cut here). */
const MAX_STEPS = 400;

function load(file: string) {
  const l = loadScenario(readFileSync(DIR + file, 'utf8'));
  if (!l.ok) throw new Error(`${file} does not parse`);
  const model = resolveModel(l.program.source);
  if (typeof model === 'string') throw new Error(model);
  return { program: l.program, model };
}

/** Everything a frame shows: what "the state" means to a user. (No fingerprint: it seals.) */
function observe(m: Machine): string {
  return JSON.stringify(buildFrame(m, m.steps));
}

describe('copy-on-write snapshots', () => {
  it.each(FILES)('%s: every snapshot still shows its own step after the run went on', (file) => {
    const { program, model } = load(file);
    const live = new Machine(program, model);
    const taken: { snap: MachineSnapshot; seen: string }[] = [];
    do {
      taken.push({ snap: live.snapshot(), seen: observe(live) });
    } while (live.steps < MAX_STEPS && live.step());
    expect(taken.length).toBeGreaterThan(3);
    const probe = new Machine(program, model);
    for (const { snap, seen } of taken) {
      probe.restore(snap);
      expect(observe(probe)).toBe(seen);
    }
  });

  it.each(FILES)('%s: a branch run from a restored snapshot leaves the snapshot alone', (file) => {
    const { program, model } = load(file);
    const m = new Machine(program, model);
    m.runUntilSteps(Math.min(MAX_STEPS, 12));
    const snap = m.snapshot();
    const before = observe(m);
    // Run the rest from a copy twice: both runs must end in the same state.
    m.restore(snap);
    m.run();
    const end1 = observe(m);
    m.restore(snap);
    expect(observe(m)).toBe(before);
    m.run();
    expect(observe(m)).toBe(end1);
  });

  it.each(FILES)('%s: fingerprints with cached component digests equal fresh ones', (file) => {
    const { program, model } = load(file);
    const m = new Machine(program, model);
    /** Fingerprint after each scheduling decision, by the step count reached. */
    const keys = new Map<number, number>();
    let base: PartDigests | undefined;
    do {
      // As the explorer does: each fingerprint rehashes only the components copied since the
      // last one (which sealed the state), taking the others' digests from it; the snapshot
      // forks, as an explorer branch does.
      keys.set(m.steps, fingerprintKey(m, base));
      base = lastPartDigests();
      m.snapshot();
    } while (m.steps < MAX_STEPS && m.step());
    const positions = [...keys.keys()];
    let compared = 0;
    for (let i = 0; i < positions.length; i += Math.max(1, Math.floor(positions.length / 25))) {
      const n = positions[i];
      const fresh = new Machine(program, model);
      fresh.runUntilSteps(n);
      expect(fresh.steps).toBe(n);
      expect(fingerprintKey(fresh), `step ${n}`).toBe(keys.get(n));
      compared++;
    }
    expect(compared).toBeGreaterThan(1);
    expect(new Set(keys.values()).size).toBeGreaterThan(1);
  });
});
