import { describe, expect, it } from 'vitest';
import { IdAllocator } from '../../../src/engine/ids/allocator';

describe('IdAllocator.clone', () => {
  it('is an exact copy that the original no longer affects, summaries included', () => {
    const a = new IdAllocator(1 << 20);
    for (let i = 0; i < 5000; i++) a.allocLowest(1, (1 << 20) - 1);
    a.release(77);
    a.release(4000);
    const c = a.clone();
    expect(c.count).toBe(a.count);
    expect(c.lastAllocated).toBe(a.lastAllocated);
    expect(c.audit()).toBeNull();
    a.release(1);
    a.allocLowest(900_000, 900_000);
    expect(c.isUsed(1)).toBe(true);
    expect(c.isUsed(900_000)).toBe(false);
    // The copy's search structures work on their own: first fit finds its holes in order.
    expect(c.allocLowest(1, 10_000)).toBe(77);
    expect(c.allocLowest(1, 10_000)).toBe(4000);
    expect(c.allocLowest(1, 10_000)).toBe(5001);
    expect(c.audit()).toBeNull();
    expect(a.audit()).toBeNull();
  });
});
