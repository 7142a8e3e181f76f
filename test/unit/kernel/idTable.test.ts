// The ID table's two forms (plain arrays while small, typed views on one buffer past 1,024
// slots): growth across the boundary keeps every record, and a clone is independent in both.
import { describe, expect, it } from 'vitest';
import { IdTable } from '../../../src/engine/kernel/idTable';
import { ID_ACTIVE, ID_FREE, ID_FREE_PENDING } from '../../../src/engine/idstate';

function fill(t: IdTable, ids: number[]): void {
  for (const id of ids) {
    t.ensure(id);
    t.state[id] = id % 2 ? ID_ACTIVE : ID_FREE_PENDING;
    t.sid[id] = id % 7;
    t.refs[id] = id % 5;
    t.gen[id] = id * 3;
  }
}

function record(t: IdTable, id: number) {
  return [t.stateOf(id), t.sid[id], t.refs[id], t.gen[id]];
}

describe('IdTable', () => {
  const ids = [1, 5, 15, 16, 600, 1023, 1024, 5000, 70000];

  it('keeps every record while it grows from the small form to the typed one', () => {
    const t = new IdTable(1 << 20);
    expect(t.slots).toBeLessThanOrEqual(1024);
    fill(t, ids.slice(0, 6));
    const before = ids.slice(0, 6).map((id) => record(t, id));
    fill(t, ids.slice(6));
    expect(t.slots).toBeGreaterThan(70000);
    expect(t.byteLength()).toBe(t.slots * 13);
    expect(ids.slice(0, 6).map((id) => record(t, id))).toEqual(before);
    expect(ids.map((id) => t.isLive(id))).toEqual(ids.map(() => true));
    // Slots nobody wrote are free, with no set.
    expect(record(t, 2)).toEqual([ID_FREE, -1, 0, 0]);
    expect(record(t, 69999)).toEqual([ID_FREE, -1, 0, 0]);
  });

  it.each([
    ['small', [3, 9]],
    ['typed', [3, 9, 4000]],
  ])('a %s clone is independent of its source', (_, used) => {
    const t = new IdTable(1 << 20);
    fill(t, used as number[]);
    const c = t.clone();
    expect(c.slots).toBe(t.slots);
    expect(record(c, 9)).toEqual(record(t, 9));
    c.refs[9] = 42;
    c.state[3] = ID_FREE;
    expect(t.refs[9]).toBe(9 % 5);
    expect(t.stateOf(3)).toBe(ID_ACTIVE);
    t.gen[9] = 7;
    expect(c.gen[9]).toBe(27);
  });
});
