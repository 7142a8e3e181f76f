// One race-explorer Web Worker (SPEC §7): parses the scenario itself and runs one job at a
// time — split the frontier, explore a share of it, or trim the found schedules — posting
// progress (every ≥ 250 ms, from the engine) and the result back to the pool.
//
// Cancelling: `explore` is synchronous, so a 'stop' message posted while it runs is only
// read after it returns. The pool therefore cancels by terminating the worker; 'stop' just
// closes an idle worker.

import { loadScenario } from '../engine/lab';
import { explore } from '../engine/run/explore/explorer';
import { frontierRoots } from '../engine/run/explore/partition';
import { trimSchedule } from '../engine/run/explore/replay';
import { SharedVisited } from '../engine/run/explore/sharedVisited';
import type { CompiledProgram } from '../engine/run/program';
import { isExploreRequest, rootsFromWire, rootsToWire, type ExploreReply } from './exploreProtocol';

const scope = self as unknown as { postMessage: (m: ExploreReply) => void; onmessage: ((e: MessageEvent) => void) | null; close: () => void };
const post = (m: ExploreReply) => scope.postMessage(m);

// The same source comes with every job of a run; parse it once.
let cached: { source: string; program: CompiledProgram } | undefined;
function programOf(source: string): CompiledProgram | undefined {
  if (cached?.source === source) return cached.program;
  const loaded = loadScenario(source);
  if (!loaded.ok) return undefined;
  cached = { source, program: loaded.program };
  return loaded.program;
}

scope.onmessage = (e: MessageEvent) => {
  const m: unknown = e.data;
  if (!isExploreRequest(m)) {
    post({ type: 'error', error: 'malformed explorer request' });
    return;
  }
  if (m === 'stop') {
    scope.close();
    return;
  }
  try {
    const program = programOf(m.source);
    if (!program) {
      post({ type: 'error', error: 'the scenario does not parse: fix the errors in the editor first' });
      return;
    }
    switch (m.type) {
      case 'partition': {
        const { schedules, sleeps } = rootsToWire(frontierRoots(program, m.model, m.minWidth));
        post({ type: 'prefixes', prefixes: schedules, sleeps });
        return;
      }
      case 'explore': {
        const report = explore(program, m.model, {
          roots: rootsFromWire(m.roots, m.sleeps),
          maxStates: m.maxStates,
          shared: m.visited ? new SharedVisited(m.visited) : undefined,
          onProgress: (progress) => post({ type: 'progress', progress }),
        });
        post({ type: 'report', report });
        return;
      }
      case 'trim':
        post({ type: 'trimmed', violations: m.violations.map((v) => ({ ...v, ...trimSchedule(program, m.model, v.schedule, v.kind, v.steps) })) });
        return;
    }
  } catch (err) {
    post({ type: 'error', error: err instanceof Error ? err.message : String(err) });
  }
};
