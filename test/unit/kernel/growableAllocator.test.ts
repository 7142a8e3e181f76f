import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GrowableAllocator } from '../../../src/engine/kernel/growableAllocator';

/** The obvious model: a boolean array over the whole capacity and a linear scan. */
class Reference {
  used: boolean[];
  cursor = -1;
  constructor(readonly capacity: number) {
    this.used = new Array(capacity).fill(false);
  }
  private first(lo: number, hi: number): number {
    for (let i = lo; i <= hi; i++) if (!this.used[i]) return i;
    return -1;
  }
  lowest(min: number, max: number): number {
    const hi = Math.min(max, this.capacity - 1);
    if (min < 0 || min > hi) return -1;
    const r = this.first(min, hi);
    if (r >= 0) {
      this.used[r] = true;
      this.cursor = r;
    }
    return r;
  }
  cyclic(min: number, max: number): number {
    const hi = Math.min(max, this.capacity - 1);
    if (min < 0 || min > hi) return -1;
    const start = Math.max(this.cursor + 1, min);
    let r = start <= hi ? this.first(start, hi) : -1;
    if (r < 0) r = this.first(min, Math.min(start - 1, hi));
    if (r >= 0) {
      this.used[r] = true;
      this.cursor = r;
    }
    return r;
  }
  release(id: number): boolean {
    if (id < 0 || id >= this.capacity || !this.used[id]) return false;
    this.used[id] = false;
    return true;
  }
}

type Op = { k: 'lowest' | 'cyclic'; min: number; max: number } | { k: 'release'; id: number } | { k: 'clone' };

describe('GrowableAllocator', () => {
  it('matches a full-capacity reference for every op sequence, across growth and clones', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.array(
          fc.oneof(
            fc.record({ k: fc.constantFrom('lowest' as const, 'cyclic' as const), min: fc.integer({ min: 0, max: 5000 }), max: fc.integer({ min: 0, max: 6000 }) }),
            fc.record({ k: fc.constant('release' as const), id: fc.integer({ min: 0, max: 5000 }) }),
            fc.constant({ k: 'clone' as const }),
          ),
          { maxLength: 120 },
        ),
        (capacity, ops: Op[]) => {
          let a = new GrowableAllocator(capacity, Math.min(capacity, 16));
          const ref = new Reference(capacity);
          for (const op of ops) {
            if (op.k === 'clone') a = a.clone();
            else if (op.k === 'release') expect(a.release(op.id)).toBe(ref.release(op.id));
            else expect(op.k === 'lowest' ? a.allocLowest(op.min, op.max) : a.allocCyclic(op.min, op.max)).toBe(op.k === 'lowest' ? ref.lowest(op.min, op.max) : ref.cyclic(op.min, op.max));
            expect(a.count).toBe(ref.used.filter(Boolean).length);
            expect(a.lastAllocated).toBe(ref.cursor);
          }
          const live: number[] = [];
          for (let id = a.nextUsed(0); id >= 0; id = a.nextUsed(id + 1)) live.push(id);
          expect(live).toEqual(ref.used.flatMap((u, i) => (u ? [i] : [])));
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('covers only what was reached: a small run never allocates the full bitmap', () => {
    const a = new GrowableAllocator(1 << 20);
    for (let i = 0; i < 10; i++) a.allocLowest(1, (1 << 20) - 1);
    expect(a.covered).toBeLessThanOrEqual(1024);
    expect(a.allocLowest(900_000, 900_000)).toBe(900_000);
    expect(a.covered).toBe(1 << 20);
    expect(a.isUsed(900_000)).toBe(true);
  });
});
