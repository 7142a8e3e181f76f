// Per-ID records kept in typed arrays (DESIGN example 3, ≤ 16 bytes per live ID): lifecycle
// state, owning set, refcount and allocation generation, all views on ONE buffer so a
// checkpoint copies one block. The arrays grow lazily up to the capacity so a small scenario
// does not pay for 2^20 slots on every checkpoint.

import { ID_FREE } from '../idstate';

const INITIAL_SLOTS = 64;
/** Bytes per slot: state (1) + sid (4) + refs (4) + gen (4). */
export const ID_RECORD_BYTES = 13;

export class IdTable {
  state!: Uint8Array;
  sid!: Int32Array;
  refs!: Uint32Array;
  /** Allocation generation: which owner an ID belongs to, so stale holders can be told apart. */
  gen!: Uint32Array;
  private buffer!: ArrayBuffer;

  constructor(readonly capacity: number, slots = Math.min(capacity, INITIAL_SLOTS)) {
    this.attach(new ArrayBuffer(IdTable.bytesFor(slots)), slots);
    this.sid.fill(-1);
  }

  /** The 4-byte arrays first (aligned), the byte array last. */
  private static bytesFor(slots: number): number {
    return slots * ID_RECORD_BYTES;
  }

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
    this.attach(new ArrayBuffer(IdTable.bytesFor(n)), n);
    this.sid.fill(-1);
    this.sid.set(old.sid);
    this.refs.set(old.refs);
    this.gen.set(old.gen);
    this.state.set(old.state);
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
    t.attach(this.buffer.slice(0), this.slots);
    return t;
  }

  byteLength(): number {
    return this.buffer.byteLength;
  }
}
