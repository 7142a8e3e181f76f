// Per-ID records kept in typed arrays (DESIGN example 3, ≤ 16 bytes per live ID): lifecycle
// state, owning set, refcount and allocation generation. The arrays grow lazily up to the
// capacity so a small scenario does not pay for 2^20 slots on every checkpoint.

import { ID_ACTIVE, ID_FREE, ID_FREE_PENDING } from '../idstate';

export { ID_ACTIVE, ID_FREE, ID_FREE_PENDING };

const INITIAL_SLOTS = 64;

export class IdTable {
  state: Uint8Array;
  sid: Int32Array;
  refs: Uint32Array;
  /** Allocation generation: which owner an ID belongs to, so stale holders can be told apart. */
  gen: Uint32Array;

  constructor(readonly capacity: number, slots = Math.min(capacity, INITIAL_SLOTS)) {
    this.state = new Uint8Array(slots);
    this.sid = new Int32Array(slots).fill(-1);
    this.refs = new Uint32Array(slots);
    this.gen = new Uint32Array(slots);
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
    const grow = <T extends Uint8Array | Int32Array | Uint32Array>(a: T, make: (n: number) => T, fill?: number): T => {
      const b = make(n);
      if (fill !== undefined) b.fill(fill);
      b.set(a);
      return b;
    };
    this.state = grow(this.state, (k) => new Uint8Array(k));
    this.sid = grow(this.sid, (k) => new Int32Array(k), -1);
    this.refs = grow(this.refs, (k) => new Uint32Array(k));
    this.gen = grow(this.gen, (k) => new Uint32Array(k));
  }

  /** Active or FREE_PENDING. Out-of-range and unknown ids are simply not live. */
  isLive(id: number): boolean {
    return Number.isInteger(id) && id >= 0 && id < this.state.length && this.state[id] !== ID_FREE;
  }

  stateOf(id: number): number {
    return Number.isInteger(id) && id >= 0 && id < this.state.length ? this.state[id] : ID_FREE;
  }

  clone(): IdTable {
    const t = new IdTable(this.capacity, 0);
    t.state = this.state.slice();
    t.sid = this.sid.slice();
    t.refs = this.refs.slice();
    t.gen = this.gen.slice();
    return t;
  }

  byteLength(): number {
    return this.state.byteLength + this.sid.byteLength + this.refs.byteLength + this.gen.byteLength;
  }
}
