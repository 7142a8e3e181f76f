// A visited set that several explorer workers share through a SharedArrayBuffer: open
// addressing over 64-bit state digests, each with the smallest depth it was reached at and
// the sleep set it was explored with. A state reached again at a smaller depth is explored
// again ("relaxed"), so shortest schedules stay shortest whichever worker got there first;
// one reached again with a smaller sleep set is explored for the choices that woke up (as
// the explorer does in one thread).
//
// The table is a chain of levels, each twice the size of the one before; inserts go to the
// newest level until it is half full. A search touches memory in proportion to the states it
// found, not to its budget: one table sized for a million states spread every insert over
// 32 MiB, and the first write to each page faulted (a 500-state search spent 2 ms there, and
// two workers faulting in one address space slowed each other down).

const SLOT_INTS = 5; // state, h1, h2, depth, sleep
const EMPTY = 0;
const WRITING = 1;
const READY = 2;
/** Slots in the first level (160 KiB). */
const BASE_SLOTS = 8192;
const MAX_LEVELS = 24;
/** Header: the count of distinct states, the open level, then each level's count. */
const COUNT = 0;
const OPEN = 1;
const LEVEL_COUNTS = 2;
const HEADER_INTS = LEVEL_COUNTS + MAX_LEVELS;
/** Inserts a table counts on its own before adding them to the shared counts (see count). */
const BATCH = 32;

/**
 * 'new' and 'shorter': explore the state with the caller's sleep set; 'woken': explore only
 * the choices in `awake`; 'seen': nothing to do; 'full': no room.
 */
export type VisitResult = 'new' | 'shorter' | 'woken' | 'seen' | 'full';

/** First slot's int offset and slot count of each level, for a buffer of `ints` ints. */
function levelsOf(ints: number): { at: number[]; slots: number[] } {
  const at: number[] = [];
  const slots: number[] = [];
  let offset = HEADER_INTS;
  for (let k = 0; k < MAX_LEVELS && offset + BASE_SLOTS * 2 ** k * SLOT_INTS <= ints; k++) {
    at.push(offset);
    slots.push(BASE_SLOTS * 2 ** k);
    offset += BASE_SLOTS * 2 ** k * SLOT_INTS;
  }
  return { at, slots };
}

export class SharedVisited {
  private readonly ints: Int32Array;
  private readonly at: number[];
  private readonly slots: number[];

  /** The smallest buffer a table can live in (one level). */
  static readonly MIN_BYTES = (HEADER_INTS + BASE_SLOTS * SLOT_INTS) * 4;

  /** A table for at least `states` distinct states (every level but the last kept about half full). */
  static create(states: number): SharedVisited {
    let slots = BASE_SLOTS;
    for (let k = 1; k < MAX_LEVELS && slots / 2 < states; k++) slots += BASE_SLOTS * 2 ** k;
    return new SharedVisited(new SharedArrayBuffer((HEADER_INTS + slots * SLOT_INTS) * 4));
  }

  constructor(readonly buffer: SharedArrayBuffer) {
    if (buffer.byteLength < SharedVisited.MIN_BYTES) throw new RangeError(`a shared visited set needs at least ${SharedVisited.MIN_BYTES} bytes`);
    this.ints = new Int32Array(buffer);
    ({ at: this.at, slots: this.slots } = levelsOf(this.ints.length));
  }

  /**
   * Empties the table for another search, zeroing only the levels in use. A pool that keeps
   * its table between searches spares each search the page faults of fresh memory (about
   * 120 for a 4,438-state search, which two workers took at once in one address space).
   * Nobody may be using the table meanwhile.
   */
  clear(): void {
    const open = Atomics.load(this.ints, OPEN);
    for (let k = 0; k <= open && k < this.at.length; k++) this.ints.fill(0, this.at[k], this.at[k] + this.slots[k] * SLOT_INTS);
    this.ints.fill(0, 0, HEADER_INTS);
  }

  /** Inserts made through this object and not yet in the shared counts, all in level `pendingLevel`. */
  private pending = 0;
  private pendingLevel = 0;

  /**
   * Distinct states recorded so far: by this object, and by the others up to their last
   * flush (each may hold back fewer than BATCH).
   */
  get size(): number {
    return Atomics.load(this.ints, COUNT) + this.pending;
  }

  /** Adds this object's inserts to the shared counts: a worker calls it when its search ends. */
  flush(): void {
    if (this.pending === 0) return;
    Atomics.add(this.ints, LEVEL_COUNTS + this.pendingLevel, this.pending);
    Atomics.add(this.ints, COUNT, this.pending);
    this.pending = 0;
  }

  /** After a 'woken' visit: the choices (sleep bits) asleep before and awake now. */
  awake = 0;
  /** After a 'woken' visit: the stored sleep set intersected with the caller's (its new value). */
  narrowed = 0;

  /** The levels in use (for tests: a small search stays in the first). */
  get levels(): number {
    return Atomics.load(this.ints, OPEN) + 1;
  }

  /** `sleep`: the sleep set the caller would explore the state with (0 without reduction). */
  visit(h1: number, h2: number, depth: number, sleep = 0): VisitResult {
    /** Levels below this one are known not to hold the digest. */
    let checked = 0;
    // A plain read. A stale value sends the insert to an older level, which may still take it
    // (its count lags by the others' unflushed inserts): the state may then be stored twice,
    // once in each level, and explored twice; it is never missed.
    let open = this.ints[OPEN];
    for (;;) {
      for (; checked < open; checked++) {
        const r = this.probe(checked, h1, h2, depth, sleep, false);
        if (r !== undefined) return r;
      }
      const r = this.probe(open, h1, h2, depth, sleep, true, open === this.at.length - 1);
      if (r !== undefined) return r;
      // The open level is half full and does not hold the digest: open the next one (unless
      // another worker did) and insert there. Two workers inserting the same new state at
      // this very moment may both count it: one state explored twice, never one missed.
      checked = open + 1;
      Atomics.compareExchange(this.ints, OPEN, open, open + 1);
      open = Atomics.load(this.ints, OPEN);
    }
  }

  /**
   * Looks for the digest in level k; with `insert`, claims an empty slot for it unless the
   * level is half full (undefined: not there, or no room). `last`: the final level fills up.
   *
   * Reads are plain and writes atomic: Atomics.load is a call here, not inlined (about 9.5 ns
   * against under 2 ns for a plain read), and the table is read at every visit. Profiled
   * over 300 heavy bench searches on one worker, visits took 707 ms with atomic reads and
   * 390 ms with plain ones (LocalVisited: 243 ms). A stale read is harmless: an empty slot
   * is claimed by compareExchange, which fails if another worker took it; a key not written
   * yet does not match (the state may then be stored twice, never missed); a depth or sleep
   * set only ever shrinks, so a stale one asks for a compareExchange that fails and reads it
   * again.
   */
  private probe(k: number, h1: number, h2: number, depth: number, sleep: number, insert: boolean, last = false): VisitResult | undefined {
    const ints = this.ints;
    const mask = this.slots[k] - 1;
    const base = this.at[k];
    let slot = (h1 ^ (h2 >>> 7)) & mask;
    for (let probes = 0; probes <= mask; probes++, slot = (slot + 1) & mask) {
      const at = base + slot * SLOT_INTS;
      const tag = ints[at];
      if (tag === EMPTY) {
        if (!insert) return undefined;
        if (!last && (ints[LEVEL_COUNTS + k] + (k === this.pendingLevel ? this.pending : 0)) * 2 >= this.slots[k]) return undefined;
        if (Atomics.compareExchange(ints, at, EMPTY, WRITING) !== EMPTY) {
          slot = (slot - 1) & mask; // lost the slot to another worker: look at it again
          probes--;
          continue;
        }
        ints[at + 1] = h1;
        ints[at + 2] = h2;
        ints[at + 3] = depth;
        ints[at + 4] = sleep;
        // Publishes the four words above to a reader that sees READY.
        Atomics.store(ints, at, READY);
        this.count(k);
        return 'new';
      }
      if (tag === WRITING) {
        while (Atomics.load(ints, at) === WRITING) {
          /* another worker is writing this slot's key: a few instructions away */
        }
      }
      if (ints[at + 1] !== h1 || ints[at + 2] !== h2) continue;
      // The tag is READY by now. Loading it atomically orders the reads of depth and sleep
      // below after the writes it published, on hardware that reorders loads (x86 does not).
      Atomics.load(ints, at);
      for (let d = ints[at + 3]; depth < d; d = Atomics.load(ints, at + 3)) {
        if (Atomics.compareExchange(ints, at + 3, d, depth) === d) {
          // Explored again in full with `sleep`: only the choices asleep in both stay covered.
          this.narrow(at + 4, sleep);
          return 'shorter';
        }
      }
      this.awake = this.narrow(at + 4, sleep);
      return this.awake === 0 ? 'seen' : 'woken';
    }
    return last ? 'full' : undefined;
  }

  /**
   * Counts an insert into level k. The shared counts are added to in batches: every worker
   * adding to the same two words at each insert kept passing their cache line between the
   * cores. Another worker's count lags by less than BATCH (see size).
   */
  private count(k: number): void {
    if (k !== this.pendingLevel) this.flush();
    this.pendingLevel = k;
    if (++this.pending === BATCH) this.flush();
  }

  /** Intersects the stored sleep set with `sleep` (kept in `narrowed`); returns the bits that woke up. */
  private narrow(at: number, sleep: number): number {
    for (let stored = this.ints[at]; ; stored = Atomics.load(this.ints, at)) {
      const awake = stored & ~sleep;
      this.narrowed = stored & sleep;
      if (awake === 0) return 0;
      if (Atomics.compareExchange(this.ints, at, stored, stored & sleep) === stored) return awake;
    }
  }
}
