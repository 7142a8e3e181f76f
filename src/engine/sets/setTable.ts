// ioasid sets (v1 `ioasid_set_data`: token, quota, nr_ioasids, sid) plus the runtime binding
// of scenario set names to SIDs and the capacity accounting they draw from.

export type SetType = 'mm' | 'null';

export interface IoasidSet {
  sid: number;
  name: string;
  token: string;
  type: SetType;
  quota: number;
  /** Live count: active + FREE_PENDING IDs (an ID leaves its set only when reclaimed). */
  used: number;
  pending: number;
  /** Guest PASID (SPID) → host ID, per set (ioasid_attach_spid). */
  spids: Map<number, number>;
}

export class SetTable {
  /** Read freely; change a set's fields only through writable(sid) (copies share records). */
  readonly bySid = new Map<number, IoasidSet>();
  /** Scenario name → SID, rebound only when a `set` statement succeeds. */
  readonly names = new Map<string, number>();
  /** SIDs whose record this table may change in place; undefined: every one (never copied). */
  private owned: Set<number> | undefined;
  quotaSum = 0;
  /**
   * Every SID below this one is taken: nextSid scans from here, so a scenario that creates a
   * million `type=null` sets is linear, not quadratic (only remove() can lower it).
   */
  private freeFrom = 0;

  sidOf(name: string): number | undefined {
    const sid = this.names.get(name);
    return sid !== undefined && this.bySid.has(sid) ? sid : undefined;
  }

  get(name: string): IoasidSet | undefined {
    const sid = this.sidOf(name);
    return sid === undefined ? undefined : this.bySid.get(sid);
  }

  /** Lowest unused SID, like xa_alloc into `ioasid_sets`. */
  nextSid(): number {
    let sid = this.freeFrom;
    while (this.bySid.has(sid)) sid++;
    this.freeFrom = sid;
    return sid;
  }

  /** Adds a new set record (owned by this table). */
  insert(set: IoasidSet): void {
    this.bySid.set(set.sid, set);
    this.owned?.add(set.sid);
  }

  /** The set's record to change, copied first when a copy of this table shares it. */
  writable(sid: number): IoasidSet | undefined {
    const s = this.bySid.get(sid);
    if (!s || !this.owned || this.owned.has(sid)) return s;
    const copy: IoasidSet = { sid: s.sid, name: s.name, token: s.token, type: s.type, quota: s.quota, used: s.used, pending: s.pending, spids: new Map(s.spids) };
    this.bySid.set(sid, copy);
    this.owned.add(sid);
    return copy;
  }

  /** Erases a set (ioasid_free_set destroy); its SID becomes the lowest candidate again. */
  remove(sid: number): void {
    if (this.bySid.delete(sid) && sid < this.freeFrom) this.freeFrom = sid;
  }

  findMmToken(token: string): IoasidSet | undefined {
    for (const s of this.bySid.values()) if (s.type === 'mm' && s.token === token) return s;
    return undefined;
  }

  nameOfSid(sid: number): string {
    return this.bySid.get(sid)?.name ?? `sid ${sid}`;
  }

  /** A copy sharing the set records until either side changes one (KernelState copies a sealed table). */
  clone(): SetTable {
    const t = new SetTable();
    for (const [sid, s] of this.bySid) t.bySid.set(sid, s);
    t.owned = new Set();
    for (const [n, sid] of this.names) t.names.set(n, sid);
    t.quotaSum = this.quotaSum;
    t.freeFrom = this.freeFrom;
    return t;
  }
}
