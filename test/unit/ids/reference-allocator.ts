// An obviously correct IdAllocator: a Set and linear scans, no cleverness. The property
// tests hold the engine to it, and the allocator benchmark times it as the naive baseline.
// Its input rules are written out again here, on purpose, from the allocator's doc comment.

export class ReferenceAllocator {
  readonly used = new Set<number>();
  lastAllocated = -1;

  constructor(readonly capacity: number) {}

  get count(): number {
    return this.used.size;
  }

  isUsed(id: number): boolean {
    return this.isId(id) && this.used.has(id);
  }

  allocLowest(min: number, max: number): number {
    const r = this.range(min, max);
    if (!r) return -1;
    for (let id = r.lo; id <= r.hi; id++) if (!this.used.has(id)) return this.take(id);
    return -1;
  }

  allocCyclic(min: number, max: number): number {
    const r = this.range(min, max);
    if (!r) return -1;
    for (let id = Math.max(this.lastAllocated + 1, r.lo); id <= r.hi; id++) if (!this.used.has(id)) return this.take(id);
    for (let id = r.lo; id <= r.hi; id++) if (!this.used.has(id)) return this.take(id);
    return -1;
  }

  reserve(id: number): boolean {
    if (!this.isId(id) || this.used.has(id)) return false;
    this.used.add(id);
    return true;
  }

  release(id: number): boolean {
    if (!this.isId(id)) return false;
    return this.used.delete(id);
  }

  /** The minimum over the live set, so it stays cheap on a sparse 2^20 space. */
  nextUsed(from: number): number {
    if (!this.isId(from)) return -1;
    let best = -1;
    for (const id of this.used) if (id >= from && (best < 0 || id < best)) best = id;
    return best;
  }

  private take(id: number): number {
    this.used.add(id);
    this.lastAllocated = id;
    return id;
  }

  private isId(n: number): boolean {
    return Number.isInteger(n) && n >= 0 && n < this.capacity;
  }

  /** Inclusive [lo, hi]; max at or above capacity-1 clamps; null for an unusable range. */
  private range(min: number, max: number): { lo: number; hi: number } | null {
    const hi = max >= this.capacity - 1 ? this.capacity - 1 : max;
    if (!Number.isInteger(min) || !Number.isInteger(hi) || min < 0 || min > hi) return null;
    return { lo: min + 0, hi }; // + 0 turns -0 into 0, so a returned id is never -0
  }
}
