// The visited set of a search in one thread: the rules of SharedVisited.visit (each state's
// smallest depth, the intersection of the sleep sets it was explored with, the choices that
// woke up), over a Map instead of shared memory, so the explorer admits states one way.

import { digestKey } from './fingerprint';
import type { VisitResult } from './sharedVisited';

export class LocalVisited {
  /** Digest key → the state's index in `depths` and `sleeps` (small integers in the Map: larger ones would each be a heap object). */
  private readonly index = new Map<number, number>();
  private depths = new Int32Array(1024);
  private sleeps = new Int32Array(1024);
  /** After a 'woken' visit: the choices (sleep bits) asleep before and awake now. */
  awake = 0;
  /** After a 'shorter' or 'woken' visit: the stored sleep set intersected with the caller's (its new value). */
  narrowed = 0;

  /** Distinct states recorded. */
  get size(): number {
    return this.index.size;
  }

  /** As SharedVisited.visit; never 'full'. */
  visit(h1: number, h2: number, depth: number, sleep = 0): VisitResult {
    const key = digestKey(h1, h2);
    const at = this.index.get(key);
    if (at === undefined) {
      const n = this.index.size;
      if (n === this.depths.length) {
        this.depths = grown(this.depths);
        this.sleeps = grown(this.sleeps);
      }
      this.index.set(key, n);
      this.depths[n] = depth;
      this.sleeps[n] = sleep;
      return 'new';
    }
    const stored = this.sleeps[at];
    this.narrowed = stored & sleep;
    if (depth < this.depths[at]) {
      // Explored again in full with `sleep`: only the choices asleep in both stay covered.
      this.depths[at] = depth;
      this.sleeps[at] = this.narrowed;
      return 'shorter';
    }
    this.awake = stored & ~sleep;
    if (this.awake === 0) return 'seen';
    this.sleeps[at] = this.narrowed;
    return 'woken';
  }
}

function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
