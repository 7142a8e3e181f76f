import { describe, expect, it } from 'vitest';
import { EBUSY, EINVAL } from '../../../src/engine/errno';
import { PasidTable } from '../../../src/engine/vtd/pasidTable';
import type { PasidEntry } from '../../../src/engine/vtd/entry';

function fields(owner = 1, did = 2): Omit<PasidEntry, 'p'> {
  return { fpd: false, pgtt: 3, did, flptptr: 0x1000, slptptr: 0x2000, sre: false, aw: 2, flpm: 0, owner };
}

describe('PasidTable', () => {
  it('allocates a leaf lazily on the first id under a directory slot', () => {
    const t = new PasidTable(1 << 20);
    expect(t.leafTableCount).toBe(0);
    expect(t.program(1, fields())).toBe(0);
    expect(t.leafTableCount).toBe(1);
    expect(t.program(63, fields())).toBe(0);
    expect(t.leafTableCount).toBe(1);
    expect(t.program(64, fields())).toBe(0);
    expect(t.leafTableCount).toBe(2);
    expect(t.program((1 << 20) - 1, fields())).toBe(0);
    expect(t.leafDirIndices()).toEqual([0, 1, 16383]);
    expect(t.presentIds()).toEqual([1, 63, 64, (1 << 20) - 1]);
    expect(t.presentCount).toBe(4);
  });

  it('never frees a leaf when entries are cleared', () => {
    const t = new PasidTable(256);
    t.program(130, fields());
    expect(t.clear(130)?.owner).toBe(1);
    expect(t.presentCount).toBe(0);
    expect(t.leafTableCount).toBe(1);
    expect(t.leafDirIndices()).toEqual([2]);
    expect(t.entry(130)).toBeUndefined();
    expect(t.clear(130)).toBeUndefined();
  });

  it('does not allocate a leaf for reads, clears or failed programs', () => {
    const t = new PasidTable(100);
    expect(t.entry(5)).toBeUndefined();
    expect(t.isPresent(5)).toBe(false);
    expect(t.clear(5)).toBeUndefined();
    expect(t.program(100, fields())).toBe(EINVAL);
    expect(t.program(5, { ...fields(), pgtt: 0 })).toBe(EINVAL);
    expect(t.program(5, { ...fields(), did: 0x10000 })).toBe(EINVAL);
    expect(t.leafTableCount).toBe(0);
  });

  it('refuses ids past max_pasid or malformed, and present entries with -EBUSY', () => {
    const t = new PasidTable(64);
    for (const id of [64, -1, 1.5, NaN, Infinity, 1 << 20]) expect(t.program(id, fields())).toBe(EINVAL);
    expect(t.program(63, fields(7))).toBe(0);
    expect(t.program(63, fields(8))).toBe(EBUSY);
    expect(t.entry(63)?.owner).toBe(7);
  });

  it('programs P=1 with the given fields and returns copies', () => {
    const t = new PasidTable(64);
    t.program(3, fields(9, 4));
    const e = t.entry(3)!;
    expect(e).toEqual({ p: true, ...fields(9, 4) });
    (e as PasidEntry).owner = 99;
    expect(t.entry(3)?.owner).toBe(9);
  });

  it('clamps a bad constructor argument instead of throwing', () => {
    expect(new PasidTable(NaN).maxPasid).toBe(0);
    expect(new PasidTable(-5).maxPasid).toBe(0);
    expect(new PasidTable(2 ** 30).maxPasid).toBe(1 << 20);
    expect(new PasidTable(0).program(0, fields())).toBe(EINVAL);
  });

  it('reports directory bytes from max_pasid', () => {
    expect(new PasidTable(1 << 20).directoryBytes()).toBe(131072);
    expect(new PasidTable(64).directoryBytes()).toBe(4096);
    expect(new PasidTable(64).kernelMaxPasid).toBe(32768);
  });

  it('round-trips through a snapshot, leaves included', () => {
    const t = new PasidTable(1000);
    t.program(10, fields(1));
    t.program(700, fields(2));
    t.clear(10);
    const u = PasidTable.fromSnapshot(t.snapshot());
    expect(u.snapshot()).toEqual(t.snapshot());
    expect(u.leafDirIndices()).toEqual([0, 10]);
    expect(u.presentCount).toBe(1);
  });
});
