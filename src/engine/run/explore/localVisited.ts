// The visited set of a search in one thread: the rules of SharedVisited.visit (each state's
// smallest depth, the intersection of the sleep sets it was explored with, the choices that
// woke up), over an open-addressing table of plain ints instead of shared memory, so the
// explorer admits states one way. (A Map keyed by the 53-bit digest kept every key as a
// heap number and cost about three times as much per visit.)

import type { VisitResult } from './sharedVisited';

/** Per slot: the digest's two words, depth + 1 (0: empty slot), sleep set. */
const SLOT = 4;
const INITIAL_SLOTS = 1024;

export class LocalVisited {
  private table = new Int32Array(INITIAL_SLOTS * SLOT);
  private mask = INITIAL_SLOTS - 1;
  private count = 0;
  /** After a 'woken' visit: the choices (sleep bits) asleep before and awake now. */
  awake = 0;
  /** After a 'shorter' or 'woken' visit: the stored sleep set intersected with the caller's (its new value). */
  narrowed = 0;

  /** Distinct states recorded. */
  get size(): number {
    return this.count;
  }

  /** As SharedVisited.visit; never 'full'. */
  visit(h1: number, h2: number, depth: number, sleep = 0): VisitResult {
    const t = this.table;
    const mask = this.mask;
    for (let slot = (h1 ^ (h2 >>> 7)) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT;
      if (t[at + 2] === 0) {
        t[at] = h1;
        t[at + 1] = h2;
        t[at + 2] = depth + 1;
        t[at + 3] = sleep;
        if (++this.count * 2 > mask) this.grow();
        return 'new';
      }
      if (t[at] !== h1 || t[at + 1] !== h2) continue;
      const stored = t[at + 3];
      this.narrowed = stored & sleep;
      if (depth + 1 < t[at + 2]) {
        // Explored again in full with `sleep`: only the choices asleep in both stay covered.
        t[at + 2] = depth + 1;
        t[at + 3] = this.narrowed;
        return 'shorter';
      }
      this.awake = stored & ~sleep;
      if (this.awake === 0) return 'seen';
      t[at + 3] = this.narrowed;
      return 'woken';
    }
  }

  /** Every state recorded: its digest, the smallest depth it was reached at, its sleep set. */
  forEach(fn: (h1: number, h2: number, depth: number, sleep: number) => void): void {
    const t = this.table;
    for (let at = 0; at < t.length; at += SLOT) if (t[at + 2] !== 0) fn(t[at], t[at + 1], t[at + 2] - 1, t[at + 3]);
  }

  /** Twice the slots, every entry placed again (kept at most half full). */
  private grow(): void {
    const old = this.table;
    const slots = (this.mask + 1) * 2;
    const t = new Int32Array(slots * SLOT);
    const mask = slots - 1;
    for (let at = 0; at < old.length; at += SLOT) {
      if (old[at + 2] === 0) continue;
      let slot = (old[at] ^ (old[at + 1] >>> 7)) & mask;
      while (t[slot * SLOT + 2] !== 0) slot = (slot + 1) & mask;
      // Word by word: a subarray per entry was most of this function's cost.
      const to = slot * SLOT;
      t[to] = old[at];
      t[to + 1] = old[at + 1];
      t[to + 2] = old[at + 2];
      t[to + 3] = old[at + 3];
    }
    this.table = t;
    this.mask = mask;
  }
}
