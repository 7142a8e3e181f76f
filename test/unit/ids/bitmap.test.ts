// HierarchicalBitmap on its own: searches across word and summary-level boundaries, the
// padding of a last partial word, and audit() catching a stale summary.
import { describe, expect, it } from 'vitest';
import { HierarchicalBitmap } from '../../../src/engine/ids/bitmap';

describe('HierarchicalBitmap', () => {
  it('finds the first free and first used bit across every level of 2^20 bits', () => {
    const b = new HierarchicalBitmap(1 << 20);
    expect(b.findUsed(0)).toBe(-1);
    for (const i of [5, 40_000, 1_000_000]) b.set(i);
    expect(b.findUsed(0)).toBe(5);
    expect(b.findUsed(6)).toBe(40_000);
    expect(b.findUsed(40_001)).toBe(1_000_000);
    expect(b.findUsed(1_000_001)).toBe(-1);
    expect(b.findFree(5)).toBe(6);
    for (let i = 0; i < 70_000; i++) if (!b.get(i)) b.set(i);
    expect(b.findFree(0)).toBe(70_000);
    b.clear(33_000);
    expect(b.findFree(0)).toBe(33_000);
    expect(b.findFree(33_001)).toBe(70_000);
    expect(b.popcount()).toBe(70_000);
    expect(b.audit()).toBeNull();
  });

  it('never reports a padding bit of a partial last word', () => {
    for (const size of [1, 31, 33, 1025]) {
      const b = new HierarchicalBitmap(size);
      for (let i = 0; i < size; i++) {
        expect(b.findFree(0)).toBe(i);
        b.set(i);
      }
      expect(b.findFree(0)).toBe(-1);
      expect(b.findUsed(size - 1)).toBe(size - 1);
      b.clear(size - 1);
      expect(b.findUsed(size - 1)).toBe(-1);
      expect(b.audit()).toBeNull();
    }
  });

  it('audit reports a leaf changed behind the summaries back', () => {
    const b = new HierarchicalBitmap(4096);
    b.leaf[70] = 0xffffffff;
    expect(b.audit()).toMatch(/summary level 0 word 2 is stale/);
    b.rebuildSummaries();
    expect(b.audit()).toBeNull();
    expect(b.findFree(70 * 32)).toBe(71 * 32);
  });

  it('audit reports padding bits that are set', () => {
    const b = new HierarchicalBitmap(40);
    b.leaf[1] = 1 << 8;
    expect(b.audit()).toMatch(/padding/);
  });
});
