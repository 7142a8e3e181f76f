// Per-ID records: lifecycle state, owning set, refcount and allocation generation. The table
// grows lazily up to the capacity, in two representations:
// - up to SMALL_SLOTS IDs, four plain arrays: copy-on-write copies them on nearly every
//   explorer transition and step-back snapshot, and four array slices cost about a third of
//   an ArrayBuffer copy plus four typed views (~3 µs here, most of it allocating the buffer);
// - past that, typed arrays as views on ONE buffer (DESIGN example 3, ≤ 16 bytes per live ID),
//   so a table of a million IDs copies as one block.
// Both hold the same values: callers index state/sid/refs/gen and never use array methods.

import { ID_FREE } from '../idstate';

/** Scenarios mostly use low IDs: start small (every copy-on-write copy pays for the slots). */
const INITIAL_SLOTS = 16;
/** Tables up to this many slots are plain arrays. */
const SMALL_SLOTS = 1024;
/** Bytes per slot in the typed form: state (1) + sid (4) + refs (4) + gen (4). */
export const ID_RECORD_BYTES = 13;

/** An indexable column of numbers: a typed array or (small tables) a plain array. */
export interface IdColumn {
  [index: number]: number;
  readonly length: number;
}

export class IdTable {
  state!: IdColumn;
  sid!: IdColumn;
  refs!: IdColumn;
  /** Allocation generation: which owner an ID belongs to, so stale holders can be told apart. */
  gen!: IdColumn;
  /** The typed form's buffer; undefined while the table is small. */
  private buffer: ArrayBuffer | undefined;

  constructor(readonly capacity: number, slots = Math.min(capacity, INITIAL_SLOTS)) {
    this.allocate(slots);
  }

  /** Fresh columns for `slots` IDs (all free, sid -1). */
  private allocate(slots: number): void {
    if (slots <= SMALL_SLOTS) {
      this.buffer = undefined;
      this.state = new Array<number>(slots).fill(ID_FREE);
      this.sid = new Array<number>(slots).fill(-1);
      this.refs = new Array<number>(slots).fill(0);
      this.gen = new Array<number>(slots).fill(0);
      return;
    }
    this.attach(new ArrayBuffer(slots * ID_RECORD_BYTES), slots);
    (this.sid as Int32Array).fill(-1);
  }

  /** The typed form's columns as views on `buffer`: the 4-byte arrays first (aligned), the byte array last. */
  private attach(buffer: ArrayBuffer, slots: number): void {
    this.buffer = buffer;
    this.sid = new Int32Array(buffer, 0, slots);
    this.refs = new Uint32Array(buffer, slots * 4, slots);
    this.gen = new Uint32Array(buffer, slots * 8, slots);
    this.state = new Uint8Array(buffer, slots * 12, slots);
  }

  get slots(): number {
    return this.state.length;
  }

  /** Makes `id` addressable; ids beyond the capacity are never stored. */
  ensure(id: number): void {
    if (id < this.state.length) return;
    let n = this.state.length || 1;
    while (n <= id) n *= 2;
    n = Math.min(n, this.capacity);
    const old = { sid: this.sid, refs: this.refs, gen: this.gen, state: this.state };
    const wasTyped = this.buffer !== undefined;
    this.allocate(n);
    if (wasTyped) {
      // Typed to typed (the big growths): block copies.
      (this.sid as Int32Array).set(old.sid as Int32Array);
      (this.refs as Uint32Array).set(old.refs as Uint32Array);
      (this.gen as Uint32Array).set(old.gen as Uint32Array);
      (this.state as Uint8Array).set(old.state as Uint8Array);
      return;
    }
    for (let i = 0; i < old.state.length; i++) {
      this.sid[i] = old.sid[i];
      this.refs[i] = old.refs[i];
      this.gen[i] = old.gen[i];
      this.state[i] = old.state[i];
    }
  }

  /** Active or FREE_PENDING. Out-of-range and unknown ids are simply not live. */
  isLive(id: number): boolean {
    return Number.isInteger(id) && id >= 0 && id < this.state.length && this.state[id] !== ID_FREE;
  }

  stateOf(id: number): number {
    return Number.isInteger(id) && id >= 0 && id < this.state.length ? this.state[id] : ID_FREE;
  }

  clone(): IdTable {
    const t = Object.create(IdTable.prototype) as IdTable;
    (t as { capacity: number }).capacity = this.capacity;
    if (this.buffer === undefined) {
      t.buffer = undefined;
      t.state = (this.state as number[]).slice();
      t.sid = (this.sid as number[]).slice();
      t.refs = (this.refs as number[]).slice();
      t.gen = (this.gen as number[]).slice();
      return t;
    }
    t.attach(this.buffer.slice(0), this.slots);
    return t;
  }

  /** Bytes held: exact for the typed form, 8 per element for the small one. */
  byteLength(): number {
    return this.buffer ? this.buffer.byteLength : this.slots * 4 * 8;
  }
}
