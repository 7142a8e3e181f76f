// Engine API fuzz (SPEC §3 "No input, however wrong, may crash the engine"): random programs
// from grammar.ts under random models, run with a small step budget. No exception escapes,
// the kernel invariants hold afterwards, the trace builds and survives a JSON round trip,
// and a Session seeks anywhere (even NaN) to exactly the state a fresh replay reaches.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario, resolveModel, runScenario } from '../../src/engine/lab';
import { Machine, STOP_REPLAY } from '../../src/engine/run/machine';
import { Session } from '../../src/engine/run/session';
import { finalState } from '../../src/engine/run/traceJson';
import { modelOverride, scenarioProgram } from './grammar';
import { kernelProblem } from './invariants';
import { FUZZ_SEED, FUZZ_TIMEOUT_MS, fuzzRuns } from './runs';

const MAX_STEPS = 2000;

/** Counts kept across cases so the test can assert the grammar reached the engine at all. */
const stats = { cases: 0, parsed: 0, ran: 0, budget: 0, badModel: 0 };

describe('engine fuzz', () => {
  it('runs random programs under random models: no throw, invariants hold, trace round-trips', () => {
    fc.assert(
      fc.property(scenarioProgram, modelOverride, (source, override) => {
        stats.cases++;
        const loaded = loadScenario(source);
        if (!loaded.ok) {
          expect(loaded.errors.length).toBeGreaterThan(0);
          for (const e of loaded.errors) expect(e.message).not.toMatch(/^internal/);
          return;
        }
        stats.parsed++;
        const model = resolveModel(loaded.program.source, override);
        if (typeof model === 'string') {
          stats.badModel++;
          expect(model).toMatch(/axis/);
          return;
        }
        const r = runScenario(loaded.program, model, { maxSteps: MAX_STEPS });
        stats.ran++;
        if (r.machine.error) {
          stats.budget++;
          expect(r.machine.error).toMatch(/step budget of 2,000 steps exhausted/);
        }
        expect(r.machine.phase).toBe('done');
        expect(r.machine.steps).toBeLessThanOrEqual(MAX_STEPS + 2);
        const problem = kernelProblem(r.machine.kernel.state);
        if (problem) throw new Error(`${problem}\n--- scenario ---\n${source}\n--- model ${JSON.stringify(model)}`);
        const trace = r.trace();
        expect(trace.steps.length).toBe(r.recorder.stepCount);
        expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(200), endOnFailure: true },
    );
    console.log(`engine fuzz: ${JSON.stringify(stats)}`);
    // The grammar must mostly produce programs that run, or the fuzz tests only the parser.
    expect(stats.ran).toBeGreaterThan(stats.cases / 3);
  }, FUZZ_TIMEOUT_MS);

  it('seeks a Session through random positions to exactly the state of a fresh replay', () => {
    const position = fc.oneof(
      fc.integer({ min: -5, max: 400 }),
      fc.constantFrom(Number.NaN, Infinity, -Infinity, 0.5, 1e12, -0),
    );
    let seeks = 0;
    fc.assert(
      fc.property(scenarioProgram, fc.constantFrom('v1', 'v4', 'cyclic') as fc.Arbitrary<'v1' | 'v4' | 'cyclic'>, fc.array(position, { minLength: 1, maxLength: 12 }), (source, preset, positions) => {
        const loaded = loadScenario(source);
        if (!loaded.ok) return;
        const model = resolveModel(loaded.program.source, { preset });
        if (typeof model === 'string') return;
        const session = new Session(loaded.program, model, { maxSteps: 400 });
        while (!session.advance(5)) {
          /* chunks, as the worker runs it */
        }
        for (const p of positions) {
          seeks++;
          const m = session.at(p);
          const n = Number.isNaN(p) ? 0 : Math.max(0, Math.min(Math.floor(p), session.stepCount));
          expect(m.steps).toBe(n);
          const fresh = new Machine(loaded.program, model, { maxSteps: 400 });
          fresh.stopAt = n;
          try {
            fresh.run();
          } catch (e) {
            if (e !== STOP_REPLAY) throw e;
          }
          expect(finalState(m.kernel)).toEqual(finalState(fresh.kernel));
          const problem = kernelProblem(m.kernel.state);
          if (problem) throw new Error(`${problem} at position ${n}\n${source}`);
        }
      }),
      { seed: FUZZ_SEED + 1, numRuns: fuzzRuns(60, 0.2), endOnFailure: true },
    );
    console.log(`session fuzz: ${seeks} seeks`);
    expect(seeks).toBeGreaterThan(0);
  }, FUZZ_TIMEOUT_MS);
});
