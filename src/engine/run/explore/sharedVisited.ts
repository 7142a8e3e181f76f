// A visited set that several explorer workers share through a SharedArrayBuffer: open
// addressing over 64-bit state digests, each with the smallest depth it was reached at.
// A state reached again at a smaller depth is explored again ("relaxed"), so shortest
// schedules stay shortest whichever worker got there first.

const SLOT_INTS = 4; // state, h1, h2, depth
const EMPTY = 0;
const WRITING = 1;
const READY = 2;
/** Int32 slot holding the count of distinct states, before the table. */
const HEADER_INTS = 2;

export type VisitResult = 'new' | 'shorter' | 'seen' | 'full';

export class SharedVisited {
  private readonly ints: Int32Array;
  private readonly mask: number;

  /** A table for at least `states` distinct states (kept under half full). */
  static create(states: number): SharedVisited {
    let slots = 1024;
    while (slots < states * 2) slots *= 2;
    return new SharedVisited(new SharedArrayBuffer((HEADER_INTS + slots * SLOT_INTS) * 4));
  }

  constructor(readonly buffer: SharedArrayBuffer) {
    this.ints = new Int32Array(buffer);
    this.mask = (this.ints.length - HEADER_INTS) / SLOT_INTS - 1;
  }

  /** Distinct states recorded so far, by every worker. */
  get size(): number {
    return Atomics.load(this.ints, 0);
  }

  visit(h1: number, h2: number, depth: number): VisitResult {
    const ints = this.ints;
    let slot = (h1 ^ (h2 >>> 7)) & this.mask;
    for (let probes = 0; probes <= this.mask; probes++, slot = (slot + 1) & this.mask) {
      const at = HEADER_INTS + slot * SLOT_INTS;
      if (Atomics.load(ints, at) === EMPTY && Atomics.compareExchange(ints, at, EMPTY, WRITING) === EMPTY) {
        ints[at + 1] = h1;
        ints[at + 2] = h2;
        Atomics.store(ints, at + 3, depth);
        Atomics.store(ints, at, READY);
        Atomics.add(ints, 0, 1);
        return 'new';
      }
      while (Atomics.load(ints, at) === WRITING) {
        /* another worker is writing this slot's key: a few instructions away */
      }
      if (ints[at + 1] !== h1 || ints[at + 2] !== h2) continue;
      for (;;) {
        const d = Atomics.load(ints, at + 3);
        if (depth >= d) return 'seen';
        if (Atomics.compareExchange(ints, at + 3, d, depth) === d) return 'shorter';
      }
    }
    return 'full';
  }
}
