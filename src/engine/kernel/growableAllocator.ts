// The ID space as the kernel sees it (up to the capacity), backed by an IdAllocator that
// covers only the IDs ever reached and grows on demand: every ID past the covered range is
// free, so a small scenario's checkpoints and explorer states copy a few words, not the
// 128 KiB bitmap of a full 2^20 space.

import { IdAllocator } from '../ids/allocator';

const INITIAL_COVER_IDS = 256;
const GROWTH_FACTOR = 4;

export class GrowableAllocator {
  private inner: IdAllocator;
  private cursor = -1;

  constructor(readonly capacity: number, cover = Math.min(capacity, INITIAL_COVER_IDS)) {
    this.inner = new IdAllocator(Math.max(1, cover));
  }

  get covered(): number {
    return this.inner.capacity;
  }

  get count(): number {
    return this.inner.count;
  }

  /** Last ID handed out (the cyclic cursor), or -1. */
  get lastAllocated(): number {
    return this.cursor;
  }

  private growTo(id: number): void {
    let n = this.inner.capacity;
    if (id < n) return;
    while (n <= id) n *= GROWTH_FACTOR;
    n = Math.min(n, this.capacity);
    const bigger = new IdAllocator(n);
    for (let x = this.inner.nextUsed(0); x >= 0; x = this.inner.nextUsed(x + 1)) bigger.reserve(x);
    this.inner = bigger;
  }

  isUsed(id: number): boolean {
    return id < this.inner.capacity && this.inner.isUsed(id);
  }

  nextUsed(from: number): number {
    return from < this.inner.capacity ? this.inner.nextUsed(Math.max(0, from)) : -1;
  }

  /** Smallest free ID in [lo, hi] (inclusive, hi already clamped), taken; -1 if none. */
  private takeLowest(lo: number, hi: number): number {
    if (!(Number.isInteger(lo) && Number.isInteger(hi)) || lo < 0 || lo > hi || hi >= this.capacity) return -1;
    const size = this.inner.capacity;
    if (lo < size) {
      const r = this.inner.allocLowest(lo, Math.min(hi, size - 1));
      if (r >= 0) return r;
    }
    if (hi < size) return -1;
    const id = Math.max(lo, size);
    this.growTo(id);
    this.inner.reserve(id);
    return id;
  }

  /** xa_alloc: first fit from min. */
  allocLowest(min: number, max: number): number {
    const r = this.takeLowest(min, Math.min(max, this.capacity - 1));
    if (r >= 0) this.cursor = r;
    return r;
  }

  /** xa_alloc_cyclic: the first free ID after the last one handed out, wrapping to min. */
  allocCyclic(min: number, max: number): number {
    const hi = Math.min(max, this.capacity - 1);
    if (!(Number.isInteger(min) && Number.isInteger(hi)) || min < 0 || min > hi) return -1;
    const start = Math.max(this.cursor + 1, min);
    let r = start <= hi ? this.takeLowest(start, hi) : -1;
    if (r < 0) r = this.takeLowest(min, Math.min(start - 1, hi));
    if (r >= 0) this.cursor = r;
    return r;
  }

  release(id: number): boolean {
    return id < this.inner.capacity && this.inner.release(id);
  }

  clone(): GrowableAllocator {
    // Not through the constructor: it would build an allocator only to throw it away.
    const g = Object.create(GrowableAllocator.prototype) as GrowableAllocator;
    (g as { capacity: number }).capacity = this.capacity;
    g.inner = this.inner.clone();
    g.cursor = this.cursor;
    return g;
  }
}
