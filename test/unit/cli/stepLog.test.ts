// The CLI's readable step log numbers steps from 1, as the lab does, while the trace JSON it
// is made from keeps SPEC §6's indices from 0.
import { describe, expect, it } from 'vitest';
import { loadScenario, runScenario } from '../../../src/engine/lab';
import { PRESETS } from '../../../src/engine/model';
import { stepLogLines } from '../../../src/cli/stepLog';

describe('stepLogLines', () => {
  it('prints step index i as step i + 1', () => {
    const l = loadScenario('set vm1 quota=2\nalloc vm1 -> a\nfree a\n');
    if (!l.ok) throw new Error('does not parse');
    const trace = runScenario(l.program, PRESETS.v4).trace();
    expect(trace.steps.map((s) => s.index)).toEqual([0, 1, 2]);
    const rows = [...stepLogLines(trace)].filter((r) => /^\s+\d+ L/.test(r));
    expect(rows.map((r) => r.trim().split(/\s+/).slice(0, 2))).toEqual([
      ['1', 'L1'],
      ['2', 'L2'],
      ['3', 'L3'],
    ]);
  });
});
