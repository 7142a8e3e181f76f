import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadScenario, resolveModel, runScenario } from '../../../src/engine/lab';

// Golden traces (SPEC §6): the serialized output users script against must not drift. Two
// small scenarios, one per flavour of output (notifier deliveries; a violation with a
// deferred RCU callback). A deliberate change regenerates them with `vitest -u`.

function trace(file: string, preset?: 'v1' | 'cyclic' | 'v4') {
  const l = loadScenario(readFileSync(new URL(`../../../scenarios/${file}`, import.meta.url), 'utf8'));
  if (!l.ok) throw new Error(JSON.stringify(l.errors));
  const model = resolveModel(l.program.source, preset ? { preset } : {});
  if (typeof model === 'string') throw new Error(model);
  return JSON.stringify(runScenario(l.program, model).trace(), null, 1) + '\n';
}

describe('trace JSON golden files', () => {
  it('notifier-order.ioasid under its own model', async () => {
    await expect(trace('notifier-order.ioasid')).toMatchFileSnapshot('./golden/notifier-order.trace.json');
  });

  it('rcu-free-bug.ioasid under v1 (sleep-in-atomic in the RCU callback)', async () => {
    await expect(trace('rcu-free-bug.ioasid', 'v1')).toMatchFileSnapshot('./golden/rcu-free-bug.v1.trace.json');
  });

  it('the golden files have the SPEC §6 top-level shape', () => {
    for (const f of ['notifier-order.trace.json', 'rcu-free-bug.v1.trace.json']) {
      const doc = JSON.parse(readFileSync(new URL(`./golden/${f}`, import.meta.url), 'utf8'));
      expect(Object.keys(doc)).toEqual(['version', 'title', 'model', 'steps', 'deliveries', 'violations', 'expectations', 'final']);
      expect(doc.version).toBe(1);
      expect(Object.keys(doc.steps[0]).slice(0, 10)).toEqual(['index', 'line', 'thread', 'context', 'text', 'result', 'resultName', 'warnings', 'deliveries', 'violations']);
    }
  });
});
