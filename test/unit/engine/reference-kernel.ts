// A deliberately simple model of SPEC §3.1/§3.2 (capacity, sets, alloc/free/get/put/adjust)
// for property tests: plain Maps and linear scans, no bitmaps, no notifiers. Every method
// returns the resultName the engine must print for the same statement.

export interface RefSet {
  sid: number;
  name: string;
  quota: number;
}

export interface RefId {
  sid: number;
  state: 'active' | 'free_pending';
  refs: number;
}

export type AllocPolicy = 'lowest' | 'cyclic';
export type FreePolicy = 'immediate' | 'refcount';

const INVALID = 'INVALID_IOASID';

export class ReferenceKernel {
  avail: number;
  readonly sets = new Map<number, RefSet>();
  /** Scenario name → sid, rebound only on success (SPEC §4). */
  readonly names = new Map<string, number>();
  readonly ids = new Map<number, RefId>();
  /** Last ID handed out, -1 before the first (the cyclic cursor). */
  last = -1;

  constructor(readonly capacity: number, readonly alloc: AllocPolicy, readonly free: FreePolicy) {
    this.avail = capacity;
  }

  private setOf(name: string): RefSet | undefined {
    const sid = this.names.get(name);
    return sid === undefined ? undefined : this.sets.get(sid);
  }

  used(sid: number): number {
    let n = 0;
    for (const d of this.ids.values()) if (d.sid === sid) n++;
    return n;
  }

  set(name: string, quota: number): string {
    if (quota < 1) return '-EINVAL';
    if (quota > this.avail) return '-ENOSPC';
    // Every set here is an mm set whose token is its name.
    for (const s of this.sets.values()) if (s.name === name) return '-EEXIST';
    let sid = 0;
    while (this.sets.has(sid)) sid++;
    this.sets.set(sid, { sid, name, quota });
    this.names.set(name, sid);
    this.avail -= quota;
    return String(sid);
  }

  adjust(name: string, quota: number): string {
    const s = this.setOf(name);
    if (!s) return '-EINVAL';
    if (quota < 1 || quota < this.used(s.sid)) return '-EINVAL';
    if (quota - s.quota > this.avail) return '-ENOSPC';
    this.avail += s.quota - quota;
    s.quota = quota;
    return '0';
  }

  allocId(name: string, min?: number, max?: number): string {
    const s = this.setOf(name);
    if (!s) return INVALID;
    if (this.used(s.sid) >= s.quota) return INVALID;
    const lo = min ?? 1;
    const hi = Math.min(max ?? this.capacity - 1, this.capacity - 1);
    if (lo > hi) return INVALID;
    const isFree = (id: number) => !this.ids.has(id);
    let found = -1;
    if (this.alloc === 'cyclic') {
      for (let id = Math.max(this.last + 1, lo); id <= hi && found < 0; id++) if (isFree(id)) found = id;
    }
    for (let id = lo; id <= hi && found < 0; id++) if (isFree(id)) found = id;
    if (found < 0) return INVALID;
    this.ids.set(found, { sid: s.sid, state: 'active', refs: 1 });
    this.last = found;
    return String(found);
  }

  freeId(id: number): string {
    const d = this.ids.get(id);
    if (!d) return '0';
    if (this.free === 'immediate') {
      this.ids.delete(id);
      return '0';
    }
    if (d.state === 'free_pending') return '0';
    d.state = 'free_pending';
    d.refs--;
    if (d.refs === 0) this.ids.delete(id);
    return '0';
  }

  get(id: number): string {
    const d = this.ids.get(id);
    if (!d) return '-EINVAL';
    if (d.state === 'free_pending') return '-EBUSY';
    d.refs++;
    return '0';
  }

  put(id: number): string {
    const d = this.ids.get(id);
    if (!d) return '0';
    d.refs--;
    if (d.refs > 0) return '0';
    this.ids.delete(id);
    return '1';
  }

  freeSet(name: string, destroy: boolean): string {
    const s = this.setOf(name);
    if (!s) return '0';
    const mine = [...this.ids].filter(([, d]) => d.sid === s.sid && d.state === 'active').map(([id]) => id).sort((a, b) => a - b);
    for (const id of mine) this.freeId(id);
    if (!destroy) return '0';
    if (this.used(s.sid) > 0) return '-EBUSY';
    this.sets.delete(s.sid);
    // The sid may be handed to a later set; the destroyed set's name must not follow it.
    this.names.delete(name);
    this.avail += s.quota;
    return '0';
  }

  findSid(id: number): string {
    const d = this.ids.get(id);
    return d ? String(d.sid) : '-ENOENT';
  }
}
