// One IOMMU's translation caches: the PASID cache and IOTLB (tagged DID + PASID, shared by
// all devices behind the IOMMU) and each ATS device's device-TLB (tagged PASID).

import type { Hasher } from '../hasher';

/** What a cache level remembers from the entry it was filled from. */
export interface CachedTranslation {
  did: number;
  owner: number;
  pgtt: number;
}

/** Plain data for checkpoints: [pasid, device, translation], sorted by pasid then device. */
export type CacheSnapshot = [number, string, CachedTranslation][];

/**
 * One cache level. Entries are also tagged with the requesting device: the model keeps one
 * PASID table per device, so device A's PASID 5 must not hit device B's. Invalidations are
 * DID + PASID-selective across devices, as the hardware's are. Indexed by PASID first so
 * per-ID questions and PASID-selective invalidations touch only that PASID's entries.
 */
export class TranslationCache {
  private readonly byId = new Map<number, Map<string, CachedTranslation>>();
  private count = 0;
  /**
   * PASIDs whose per-device map this cache may change in place; undefined: all of them.
   * A copy shares the others' maps with its source until it changes one (copy-on-write):
   * a DMA fills one PASID's lines, so copying every PASID's map was wasted.
   */
  private owned: Set<number> | undefined;
  /** The explorer's digest of this cache while unchanged (Hasher.memo); dropped by every change. */
  digestMemo: unknown;

  /** The PASID's per-device map for changing, copied first if shared with the source. */
  private writableFor(id: number): Map<string, CachedTranslation> | undefined {
    this.digestMemo = undefined;
    const m = this.byId.get(id);
    if (!m || !this.owned || this.owned.has(id)) return m;
    const copy = new Map(m);
    this.byId.set(id, copy);
    this.owned.add(id);
    return copy;
  }

  get size(): number {
    return this.count;
  }

  lookup(device: string, id: number): CachedTranslation | undefined {
    const t = this.byId.get(id)?.get(device);
    return t ? { ...t } : undefined;
  }

  fill(device: string, id: number, t: CachedTranslation): void {
    let m = this.writableFor(id);
    if (!m) {
      m = new Map();
      this.byId.set(id, m);
      this.owned?.add(id);
    }
    if (!m.has(device)) this.count++;
    m.set(device, { did: t.did, owner: t.owner, pgtt: t.pgtt });
  }

  /**
   * Drops the entries for this PASID whose DID equals `did` (any DID when undefined) and, when
   * `device` is given, only that device's. Returns how many were dropped.
   */
  invalidate(id: number, did?: number, device?: string): number {
    const m = this.writableFor(id);
    if (!m) return 0;
    let dropped = 0;
    for (const [dev, t] of [...m]) {
      if (device !== undefined && dev !== device) continue;
      if (did !== undefined && t.did !== did) continue;
      m.delete(dev);
      dropped++;
    }
    if (m.size === 0) this.byId.delete(id);
    this.count -= dropped;
    return dropped;
  }

  has(id: number): boolean {
    return this.byId.has(id);
  }

  /** The entries for one PASID, in no particular order: O(entries for that PASID). */
  entriesFor(id: number): [string, CachedTranslation][] {
    const m = this.byId.get(id);
    return m ? [...m].map(([dev, t]) => [dev, { ...t }]) : [];
  }

  /** Feeds the entries to a state digest (unordered: PASIDs and devices as bags). */
  digestInto(h: Hasher): void {
    h.num(this.count);
    h.bagMap(this.byId, (id, m) => {
      h.num(id);
      h.bagMap(m, (dev, t) => {
        h.str(dev);
        h.num(t.did);
        h.num(t.owner);
        h.num(t.pgtt);
      });
    });
  }

  /**
   * A copy sharing the per-PASID maps and translation records (fill replaces records,
   * nothing mutates them); either side copies a PASID's map before changing it.
   */
  clone(): TranslationCache {
    const c = new TranslationCache();
    for (const [id, m] of this.byId) c.byId.set(id, m);
    c.count = this.count;
    c.digestMemo = this.digestMemo;
    c.owned = new Set();
    this.owned = new Set();
    return c;
  }

  snapshot(): CacheSnapshot {
    const out: CacheSnapshot = [];
    for (const id of [...this.byId.keys()].sort((a, b) => a - b)) {
      const m = this.byId.get(id)!;
      for (const dev of [...m.keys()].sort()) out.push([id, dev, { ...m.get(dev)! }]);
    }
    return out;
  }

  restore(s: CacheSnapshot): void {
    this.byId.clear();
    this.count = 0;
    this.owned = undefined;
    this.digestMemo = undefined;
    for (const [id, dev, t] of s) this.fill(dev, id, t);
  }
}

/** The three levels a DMA request with PASID can hit before the table walk. */
export class IommuCaches {
  readonly pasidCache = new TranslationCache();
  readonly iotlb = new TranslationCache();
  /** Every ATS device's device-TLB, kept in one structure tagged by device. */
  readonly devtlb = new TranslationCache();

  clone(): IommuCaches {
    const c = new IommuCaches();
    (c as { pasidCache: TranslationCache }).pasidCache = this.pasidCache.clone();
    (c as { iotlb: TranslationCache }).iotlb = this.iotlb.clone();
    (c as { devtlb: TranslationCache }).devtlb = this.devtlb.clone();
    return c;
  }

  hasAny(id: number): boolean {
    return this.pasidCache.has(id) || this.iotlb.has(id) || this.devtlb.has(id);
  }
}
