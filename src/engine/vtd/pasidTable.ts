// One device's two-level PASID table: a directory indexed by id >> 6 whose leaf tables of
// 64 entries are allocated on first use and freed only with the whole table (intel_pasid_get_entry).

import type { Hasher } from '../hasher';
import { EBUSY, EINVAL } from '../errno';
import { copyEntry, MAX_DID, type PasidEntry } from './entry';
import {
  dirIndex, directoryBytesFor, kernelTableMaxPasid, MAX_PASIDS, PASID_TBL_ENTRIES, tableIndex,
} from './geometry';

type Leaf = (PasidEntry | undefined)[];

/** Plain data for checkpoints: leaf directory indices (ascending) and present entries. */
export interface PasidTableSnapshot {
  maxPasid: number;
  leaves: number[];
  entries: [number, PasidEntry][];
}

/**
 * Told of every entry that becomes present or is cleared, so an owner (VtdModel) can keep a
 * per-PASID index even when a caller programs the table directly.
 */
export type PresenceObserver = (id: number, present: boolean, entry: Readonly<PasidEntry>) => void;

export class PasidTable {
  /** PASIDs this table accepts: ids 0 ... maxPasid-1 (the device's max, capped at PASID_MAX). */
  readonly maxPasid: number;
  private readonly leaves = new Map<number, Leaf>();
  private present = 0;
  private readonly observer: PresenceObserver | undefined;
  /** The explorer's digest of this table while unchanged (Hasher.memo); dropped by program and clear. */
  digestMemo: unknown;

  /** Never throws: a non-integer or out-of-range maxPasid is clamped to 0 ... PASID_MAX. */
  constructor(maxPasid: number, observer?: PresenceObserver) {
    const n = Number.isFinite(maxPasid) ? Math.floor(maxPasid) : 0;
    this.maxPasid = Math.min(MAX_PASIDS, Math.max(0, n));
    this.observer = observer;
  }

  get presentCount(): number {
    return this.present;
  }

  /** Feeds the leaf tables (a bag) and their present entries (in index order) to a state digest. */
  digestInto(h: Hasher): void {
    h.num(this.maxPasid);
    h.bagMap(this.leaves, (d, leaf) => {
      h.num(d);
      for (let i = 0; i < leaf.length; i++) {
        const e = leaf[i];
        if (!e) continue;
        h.num(d * PASID_TBL_ENTRIES + i);
        h.num(e.fpd ? 1 : 0);
        h.num(e.pgtt);
        h.num(e.did);
        h.num(e.flptptr);
        h.num(e.slptptr);
        h.num(e.sre ? 1 : 0);
        h.num(e.aw);
        h.num(e.flpm);
        h.num(e.owner);
      }
      h.num(-1);
    });
  }

  /** A copy for checkpoints: leaves copied, entries shared (they are replaced, never mutated). */
  clone(observer?: PresenceObserver): PasidTable {
    const t = new PasidTable(this.maxPasid, observer);
    for (const [d, leaf] of this.leaves) t.leaves.set(d, leaf.slice());
    t.present = this.present;
    return t;
  }

  get leafTableCount(): number {
    return this.leaves.size;
  }

  /**
   * The model checks ids against the device's own max PASID (as SPEC §3.4 asks), whereas
   * intel_pasid_get_entry checks against the value intel_pasid_alloc_table recomputes from the
   * directory pages (usually larger; smaller when max_pasid >> 3 truncates): this one.
   */
  get kernelMaxPasid(): number {
    return kernelTableMaxPasid(this.maxPasid);
  }

  inRange(id: number): boolean {
    return Number.isInteger(id) && id >= 0 && id < this.maxPasid;
  }

  /** A read-only look: unlike intel_pasid_get_entry it never allocates a leaf. */
  entry(id: number): Readonly<PasidEntry> | undefined {
    if (!this.inRange(id)) return undefined;
    const e = this.leaves.get(dirIndex(id))?.[tableIndex(id)];
    return e ? copyEntry(e) : undefined;
  }

  isPresent(id: number): boolean {
    return this.inRange(id) && this.leaves.get(dirIndex(id))?.[tableIndex(id)] !== undefined;
  }

  /**
   * intel_pasid_setup_* (v5.10+; nested from v5.8): intel_pasid_get_entry (-EINVAL past
   * max_pasid; allocates the leaf lazily), -EBUSY if already Present, then the fields and P.
   * Field checks come after the busy check, as in intel_pasid_setup_nested.
   */
  program(id: number, fields: Omit<PasidEntry, 'p'>): number {
    if (!this.inRange(id)) return EINVAL;
    if (this.isPresent(id)) return EBUSY;
    if (!fields || typeof fields !== 'object') return EINVAL;
    const { pgtt, did } = fields;
    if (!Number.isInteger(pgtt) || pgtt < 1 || pgtt > 4) return EINVAL;
    if (!Number.isInteger(did) || did < 0 || did > MAX_DID) return EINVAL;
    let leaf = this.leaves.get(dirIndex(id));
    if (!leaf) {
      leaf = new Array<PasidEntry | undefined>(PASID_TBL_ENTRIES).fill(undefined);
      this.leaves.set(dirIndex(id), leaf);
    }
    const e: PasidEntry = {
      p: true, fpd: fields.fpd, pgtt, did, flptptr: fields.flptptr, slptptr: fields.slptptr, sre: fields.sre, aw: fields.aw, flpm: fields.flpm, owner: fields.owner,
    };
    leaf[tableIndex(id)] = e;
    this.present++;
    this.digestMemo = undefined;
    this.observer?.(id, true, e);
    return 0;
  }

  /** intel_pasid_clear_entry: all eight qwords zeroed, so P=0 at once; the leaf stays. */
  clear(id: number): PasidEntry | undefined {
    if (!this.inRange(id)) return undefined;
    const leaf = this.leaves.get(dirIndex(id));
    const old = leaf?.[tableIndex(id)];
    if (!leaf || !old) return undefined;
    leaf[tableIndex(id)] = undefined;
    this.present--;
    this.digestMemo = undefined;
    this.observer?.(id, false, old);
    return old;
  }

  /** intel_pasid_alloc_table: max_pasid >> 3 bytes (truncating) rounded up to 2^order pages, min one page. */
  directoryBytes(): number {
    return directoryBytesFor(this.maxPasid);
  }

  presentIds(): number[] {
    const ids: number[] = [];
    for (const d of this.leafDirIndices()) {
      const leaf = this.leaves.get(d)!;
      for (let i = 0; i < PASID_TBL_ENTRIES; i++) {
        if (leaf[i]) ids.push(d * PASID_TBL_ENTRIES + i);
      }
    }
    return ids;
  }

  leafDirIndices(): number[] {
    return [...this.leaves.keys()].sort((a, b) => a - b);
  }

  snapshot(): PasidTableSnapshot {
    const entries: [number, PasidEntry][] = [];
    for (const id of this.presentIds()) {
      entries.push([id, copyEntry(this.leaves.get(dirIndex(id))![tableIndex(id)]!)]);
    }
    return { maxPasid: this.maxPasid, leaves: this.leafDirIndices(), entries };
  }

  /** Rebuilds a table; the observer is told of every restored present entry. */
  static fromSnapshot(s: PasidTableSnapshot, observer?: PresenceObserver): PasidTable {
    const t = new PasidTable(s.maxPasid, observer);
    for (const d of s.leaves) {
      t.leaves.set(d, new Array<PasidEntry | undefined>(PASID_TBL_ENTRIES).fill(undefined));
    }
    for (const [id, e] of s.entries) {
      const leaf = t.leaves.get(dirIndex(id));
      if (!leaf || leaf[tableIndex(id)]) continue;
      const copy = copyEntry(e);
      leaf[tableIndex(id)] = copy;
      t.present++;
      observer?.(id, true, copy);
    }
    return t;
  }
}
