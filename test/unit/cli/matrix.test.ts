// `--matrix` runs every preset; with --set each row runs the preset with the overrides, and
// the report names the model each row really ran.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/engine/lab';
import { runMatrix } from '../../../src/cli/matrix';

const TEXT = 'set vm1 quota=4\nalloc vm1 -> a\nfree a\nalloc vm1 -> b\nexpect b == 2\n';

function program() {
  const l = loadScenario(TEXT);
  if (!l.ok) throw new Error('does not parse');
  return l.program;
}

describe('npm run scenario -- FILE --matrix', () => {
  it('reports the model each row ran, overrides included', () => {
    const m = runMatrix({ axes: [['alloc', 'cyclic']], json: true }, program());
    if (typeof m === 'string') throw new Error(m);
    const rows = JSON.parse(m.out) as { preset: string; model: { alloc: string; lock: string }; expectations: { failed: number } }[];
    expect(rows.map((r) => r.preset)).toEqual(['v1', 'cyclic', 'v4']);
    expect(rows.map((r) => r.model.alloc)).toEqual(['cyclic', 'cyclic', 'cyclic']);
    expect(rows.map((r) => r.model.lock)).toEqual(['mutex', 'spinlock', 'spinlock']);
    // Cyclic allocation hands out 2 after 1 was freed: the expectation holds in every row.
    expect(rows.map((r) => r.expectations.failed)).toEqual([0, 0, 0]);
    expect(m.code).toBe(0);
  });

  it('labels the rows of the table with the overrides, and fails when a row fails', () => {
    const plain = runMatrix({ axes: [], json: false }, program());
    if (typeof plain === 'string') throw new Error(plain);
    const labels = plain.out.trim().split('\n').slice(1).map((l) => l.split(/\s{2,}/)[0]);
    expect(labels).toEqual(['v1', 'cyclic', 'v4']);
    // First fit gives 1 again under v1 and v4.
    expect(plain.code).toBe(1);
    const set = runMatrix({ axes: [['alloc', 'cyclic']], json: false }, program());
    if (typeof set === 'string') throw new Error(set);
    expect(set.out.trim().split('\n').slice(1).map((l) => l.split(/\s{2,}/)[0])).toEqual(['v1 alloc=cyclic', 'cyclic alloc=cyclic', 'v4 alloc=cyclic']);
    expect(set.out.split('\n').every((l) => l === l.trimEnd())).toBe(true);
  });

  it('says what is wrong with a bad override', () => {
    expect(runMatrix({ axes: [['colour', 'red']], json: false }, program())).toMatch(/unknown model axis 'colour'/);
  });
});
