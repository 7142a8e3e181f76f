// The system-wide IOASID space: which IDs are in use, first-fit and cyclic allocation over
// an inclusive range, and a cursor for the cyclic mode. Models the XArray `ioasid_xa` of
// drivers/iommu/ioasid.c as an allocator only; what an ID belongs to lives in the sets module.

import { HierarchicalBitmap, WORD_BITS } from './bitmap';

/** The VT-d PASID space is 20 bits wide: IDs 0 ... 1,048,575. */
export const MAX_IDS = 1 << 20;

/** An exact, self-contained copy of an allocator (typed arrays copied, never shared). */
export interface AllocatorSnapshot {
  readonly capacity: number;
  /**
   * The leaf words of the bitmap (bit set = used) up to the last non-zero one; the rest are
   * zero, so a small scenario in a 2^20 space copies a few words. Summaries are rebuilt.
   */
  readonly words: Uint32Array;
  readonly lastAllocated: number;
}

/** True for a capacity the allocator accepts: an integer in 1 ... MAX_IDS. */
export function isValidCapacity(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= MAX_IDS;
}

/**
 * Input rules, chosen so no numeric argument can throw or corrupt state:
 * - an id (isUsed, reserve, release, nextUsed) must be an integer in 0 ... capacity-1;
 *   anything else (NaN, negative, non-integer, too large) is "no such id": false or -1;
 * - a range [min, max] is inclusive; min must be an integer >= 0; a max at or above
 *   capacity-1 (Infinity included) is clamped to capacity-1, a smaller max must be an
 *   integer; an invalid or empty range allocates nothing and returns -1.
 */
export class IdAllocator {
  private bits: HierarchicalBitmap;
  private used = 0;
  private cursor = -1;

  /** Throws RangeError unless isValidCapacity(capacity): callers validate user input first. */
  constructor(capacity: number) {
    if (!isValidCapacity(capacity)) throw new RangeError(`IdAllocator capacity must be an integer in 1..${MAX_IDS}, got ${capacity}`);
    this.bits = new HierarchicalBitmap(capacity);
  }

  get capacity(): number {
    return this.bits.size;
  }

  /** IDs currently in use. */
  get count(): number {
    return this.used;
  }

  /** The cyclic cursor: the last id handed out by allocLowest or allocCyclic, or -1. */
  get lastAllocated(): number {
    return this.cursor;
  }

  isUsed(id: number): boolean {
    return this.inRange(id) && this.bits.get(id);
  }

  /**
   * First fit: the smallest unused id in [min, max], marked used; -1 if none.
   * Kernel: `xa_alloc(xa, &id, entry, XA_LIMIT(min, max), gfp)` as ioasid_alloc() calls it.
   */
  allocLowest(min: number, max: number): number {
    const hi = this.clampMax(max);
    if (!isIndex(min) || min > hi) return -1;
    const id = this.bits.findFree(min);
    if (id < 0 || id > hi) return -1;
    return this.take(id);
  }

  /**
   * Cyclic: the smallest unused id after the last one this allocator handed out, searching
   * [max(last+1, min), max] and then wrapping to [min, max]; the first call starts at min.
   * -1 if none. Kernel: `xa_alloc_cyclic(xa, &id, entry, XA_LIMIT(min, max), &next, gfp)`,
   * whose `next` is our cursor + 1 (here allocLowest moves the cursor too).
   */
  allocCyclic(min: number, max: number): number {
    const hi = this.clampMax(max);
    if (!isIndex(min) || min > hi) return -1;
    const start = this.cursor + 1 > min ? this.cursor + 1 : min;
    let id = start <= hi ? this.bits.findFree(start) : -1;
    if (id < 0 || id > hi) id = this.bits.findFree(min); // wrap: [start, max] has nothing free
    return id < 0 || id > hi ? -1 : this.take(id);
  }

  /**
   * Marks one given id used (restoring state, or `xa_alloc(..., XA_LIMIT(id, id))` for an id
   * a custom allocator chose). False if it was already used or is out of range. The cyclic
   * cursor does not move: a reserved id was not handed out by this allocator.
   */
  reserve(id: number): boolean {
    if (!this.inRange(id) || this.bits.get(id)) return false;
    this.bits.set(id);
    this.used++;
    return true;
  }

  /** Returns id to the pool; false (and nothing changes) if it was not in use. The cursor stays. */
  release(id: number): boolean {
    if (!this.inRange(id) || !this.bits.get(id)) return false;
    this.bits.clear(id);
    this.used--;
    return true;
  }

  /** Smallest used id >= from, or -1: walks live IDs without scanning free space. */
  nextUsed(from: number): number {
    return this.inRange(from) ? this.bits.findUsed(from) : -1;
  }

  /** An exact, independent copy (cheaper than snapshot + restore: nothing is rebuilt). */
  clone(): IdAllocator {
    // Not through the constructor: it would build a bitmap only to throw it away.
    const c = Object.create(IdAllocator.prototype) as IdAllocator;
    c.bits = this.bits.clone();
    c.used = this.used;
    c.cursor = this.cursor;
    return c;
  }

  snapshot(): AllocatorSnapshot {
    return { capacity: this.bits.size, words: this.bits.leaf.slice(0, this.bits.usedPrefixWords()), lastAllocated: this.cursor };
  }

  /**
   * Puts back exactly the state of `s` (capacity, used IDs, cursor); `s` stays usable for
   * another restore. Throws RangeError for a snapshot this class could not have produced.
   */
  restore(s: AllocatorSnapshot): void {
    const leafWords = Math.ceil(s.capacity / WORD_BITS);
    const tail = s.capacity % WORD_BITS;
    if (!isValidCapacity(s.capacity) || !(s.words instanceof Uint32Array) || s.words.length > leafWords
      || (tail !== 0 && s.words.length === leafWords && s.words[leafWords - 1] >>> tail !== 0)
      || !Number.isInteger(s.lastAllocated) || s.lastAllocated < -1 || s.lastAllocated >= s.capacity) {
      throw new RangeError('IdAllocator.restore: malformed snapshot');
    }
    if (s.capacity !== this.bits.size) this.bits = new HierarchicalBitmap(s.capacity);
    this.bits.leaf.fill(0);
    this.bits.leaf.set(s.words);
    this.bits.rebuildSummaries();
    this.used = this.bits.popcount();
    this.cursor = s.lastAllocated;
  }

  /**
   * Null when the incrementally kept summaries and count match a from-scratch recount of the
   * leaf words, else what is wrong. O(capacity / 32): for invariant checks and tests.
   */
  audit(): string | null {
    const problem = this.bits.audit();
    if (problem) return problem;
    const recount = this.bits.popcount();
    return recount === this.used ? null : `count ${this.used} but ${recount} bits are set`;
  }

  private take(id: number): number {
    this.bits.set(id);
    this.used++;
    this.cursor = id;
    return id;
  }

  private inRange(id: number): boolean {
    return isIndex(id) && id < this.bits.size;
  }

  /** max clamped to capacity-1, or -1 when max is not usable as an upper bound. */
  private clampMax(max: number): number {
    const top = this.bits.size - 1;
    if (max >= top) return top;
    return isIndex(max) ? max : -1;
  }
}

/** An integer in 0 ... 2^32-1 (NaN, negatives, fractions and larger values fail). */
function isIndex(n: number): boolean {
  return n >>> 0 === n;
}
