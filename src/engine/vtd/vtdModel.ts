// The VT-d side of the lab: devices with their PASID tables behind one IOMMU, entry setup and
// teardown with the flushes the kernel issues, and DMA translation through the caches.

import { TextHasher, type Hasher } from '../hasher';
import { EBUSY, EEXIST, EINVAL, ENODEV, ENOENT } from '../errno';
import { IommuCaches, type CachedTranslation, type CacheSnapshot, type TranslationCache } from './caches';
import { AW_48BIT, isPasidMode, PGTT_OF_MODE, type PasidEntry, type PasidMode } from './entry';
import { MAX_PASIDS } from './geometry';
import { PasidTable, type PasidTableSnapshot } from './pasidTable';

export type FlushKind = 'clear' | 'pasid-cache' | 'iotlb' | 'devtlb' | 'write-buffer';

export interface FlushEvent {
  kind: FlushKind;
  device: string;
  id: number;
  did: number;
}

export type TranslateLevel = 'devtlb' | 'iotlb' | 'pasid-cache' | 'table';

export interface Translation {
  level: TranslateLevel;
  owner: number;
  did: number;
  pgtt: number;
}

export interface DeviceInfo {
  name: string;
  ats: boolean;
  maxPasid: number;
  table: PasidTable;
}

export interface SetupOptions {
  flptptr?: number;
  slptptr?: number;
  sre?: boolean;
  aw?: number;
  flpm?: number;
}

export interface VtdSnapshot {
  devices: { name: string; ats: boolean; table: PasidTableSnapshot }[];
  pasidCache: CacheSnapshot;
  iotlb: CacheSnapshot;
  devtlb: CacheSnapshot;
  /** [pasid, device, DID] of the last entry cleared there: what a hand-made flush defaults to. */
  lastDid: [number, string, number][];
  flushLog: FlushEvent[];
}

interface DeviceState extends DeviceInfo {
  /** Insertion order, so residue phrases come out in a stable order. */
  order: number;
}

export class VtdModel {
  private devs = new Map<string, DeviceState>();
  private caches = new IommuCaches();
  /** Per-PASID index of the devices with a present entry: residue() must not scan all ids. */
  private presentOn = new Map<number, Set<string>>();
  /**
   * The DID of the entry last cleared, per PASID and device. intel_pasid_tear_down_entry reads
   * the DID before zeroing the entry; a hand-made teardown split into steps needs it kept.
   */
  private lastDid = new Map<number, Map<string, number>>();
  private log: FlushEvent[] = [];
  /**
   * Copy-on-write after cloneState(): which parts are still the source's (never changed in
   * place), and the devices whose PASID table this copy owns (undefined: all of them). A DMA
   * that hits a cache copies nothing; a bind copies one table, not every device's.
   */
  private sharedDevs = false;
  private sharedCaches = false;
  private sharedPresent = false;
  private sharedLastDid = false;
  private ownedTables: Set<string> | undefined;
  /**
   * A digest of the state parts, kept for whoever hashes states (the explorer) and dropped
   * by every change; a copy inherits it, since the source no longer changes.
   */
  digestMemo: unknown;

  get deviceCount(): number {
    return this.devs.size;
  }

  get flushLog(): readonly FlushEvent[] {
    return this.log;
  }

  addDevice(name: string, ats: boolean, maxPasid: number): number {
    if (typeof name !== 'string' || name === '') return EINVAL;
    if (!Number.isInteger(maxPasid) || maxPasid < 1 || maxPasid > MAX_PASIDS) return EINVAL;
    if (this.devs.has(name)) return EEXIST;
    this.ownedTables?.add(name);
    this.writableDevs().set(name, {
      name, ats: ats === true, maxPasid, order: this.devs.size,
      table: new PasidTable(maxPasid, this.observerFor(name)),
    });
    return 0;
  }

  device(name: string): DeviceInfo | undefined {
    const d = this.devs.get(name);
    return d && { name: d.name, ats: d.ats, maxPasid: d.maxPasid, table: d.table };
  }

  devices(): DeviceInfo[] {
    return [...this.devs.values()].map((d) => ({ name: d.name, ats: d.ats, maxPasid: d.maxPasid, table: d.table }));
  }

  /**
   * intel_pasid_setup_first_level / _second_level / _pass_through / intel_pasid_setup_nested,
   * then pasid_flush_caches on bare metal (not caching mode): only iommu_flush_write_buffer.
   * SRE defaults as in v5.5: set for SL and PT, clear for FL (user mode) and nested.
   */
  setup(device: string, id: number, mode: PasidMode, owner: number, did: number, opts?: SetupOptions): number {
    const dev = this.devs.get(device);
    if (!dev) return ENODEV;
    if (!dev.table.inRange(id)) return EINVAL;
    if (dev.table.isPresent(id)) return EBUSY;
    if (!isPasidMode(mode)) return EINVAL;
    const o = opts ?? {};
    const r = this.writableTable(dev).program(id, {
      fpd: false,
      pgtt: PGTT_OF_MODE[mode],
      did,
      flptptr: o.flptptr ?? 0,
      slptptr: o.slptptr ?? 0,
      sre: o.sre ?? (mode === 'sl' || mode === 'pt'),
      aw: o.aw ?? AW_48BIT,
      flpm: o.flpm ?? 0,
      owner,
    });
    if (r === 0) this.log.push({ kind: 'write-buffer', device, id, did });
    return r;
  }

  /**
   * intel_pasid_tear_down_entry (v5.5-v5.10), strict order: read the DID, zero the entry,
   * PASID-cache invalidation (DID, PASID-selective), PASID-based IOTLB invalidation, and a
   * device-TLB invalidation only when the device has ATS (not caching mode).
   */
  tearDown(device: string, id: number): { result: number; events: FlushEvent[] } {
    const dev = this.devs.get(device);
    if (!dev) return { result: ENODEV, events: [] };
    const e = dev.table.entry(id);
    if (!e) return { result: ENOENT, events: [] };
    const start = this.log.length;
    this.clearEntry(device, id);
    this.invalidatePasidCache(device, id, e.did);
    this.invalidateIotlb(device, id, e.did);
    if (dev.ats) this.invalidateDevtlb(device, id, e.did);
    return { result: 0, events: this.log.slice(start) };
  }

  /** Zeroes the entry (intel_pasid_clear_entry). -ENOENT and no event when nothing is present. */
  clearEntry(device: string, id: number): number {
    const dev = this.devs.get(device);
    if (!dev) return ENODEV;
    if (!dev.table.inRange(id)) return EINVAL;
    if (!dev.table.isPresent(id)) return ENOENT;
    const old = this.writableTable(dev).clear(id);
    if (!old) return ENOENT;
    this.log.push({ kind: 'clear', device, id, did: old.did });
    return 0;
  }

  /** pasid_cache_invalidation_with_pasid: drops every device's entries with this DID and PASID. */
  invalidatePasidCache(device: string, id: number, did?: number): number {
    return this.invalidate('pasid-cache', 'pasidCache', device, id, did, false);
  }

  /** qi_flush_piotlb (QI_GRAN_NONG_PASID): drops every device's IOTLB entries with this DID and PASID. */
  invalidateIotlb(device: string, id: number, did?: number): number {
    return this.invalidate('iotlb', 'iotlb', device, id, did, false);
  }

  /** qi_flush_dev_iotlb: drops this device's device-TLB entry for the PASID. */
  invalidateDevtlb(device: string, id: number, did?: number): number {
    return this.invalidate('devtlb', 'devtlb', device, id, did, true);
  }

  /**
   * A DMA request with PASID: device-TLB (ATS only), IOTLB, PASID cache, then the table walk.
   * A hit fills the levels closer to the device (an ATS translation fills the device-TLB),
   * so each level holds at most one entry per device and PASID.
   */
  translate(device: string, id: number): Translation | undefined {
    const dev = this.devs.get(device);
    if (!dev || !dev.table.inRange(id)) return undefined;
    const { devtlb, iotlb, pasidCache } = this.caches;
    if (dev.ats) {
      const t = devtlb.lookup(device, id);
      if (t) return { level: 'devtlb', ...t };
    }
    let level: TranslateLevel;
    let t: CachedTranslation | undefined = iotlb.lookup(device, id);
    if (t) {
      level = 'iotlb';
    } else if ((t = pasidCache.lookup(device, id))) {
      level = 'pasid-cache';
      this.writableCaches().iotlb.fill(device, id, t);
    } else {
      const e = dev.table.entry(id);
      if (!e) return undefined;
      level = 'table';
      t = { did: e.did, owner: e.owner, pgtt: e.pgtt };
      const w = this.writableCaches();
      w.pasidCache.fill(device, id, t);
      w.iotlb.fill(device, id, t);
    }
    if (dev.ats) this.writableCaches().devtlb.fill(device, id, t);
    return { level, ...t };
  }

  residue(id: number): string[] {
    const out: string[] = [];
    for (const name of this.presentDevices(id)) {
      const e = this.devs.get(name)!.table.entry(id);
      if (e) out.push(`${name} PASID entry (owner ${e.owner})`);
    }
    const { pasidCache, iotlb, devtlb } = this.caches;
    for (const [name, t] of this.byOrderPairs(pasidCache.entriesFor(id))) out.push(`PASID-cache entry DID ${t.did} on ${name}`);
    for (const [name, t] of this.byOrderPairs(iotlb.entriesFor(id))) out.push(`IOTLB entry DID ${t.did} on ${name}`);
    for (const [name] of this.byOrderPairs(devtlb.entriesFor(id))) out.push(`${name} device-TLB entry`);
    return out;
  }

  /** Devices with a present entry for this PASID, in insertion order (e.g. the heatmap's bound bit). */
  presentDevices(id: number): string[] {
    return this.byOrder([...(this.presentOn.get(id) ?? [])]);
  }

  hasResidue(id: number): boolean {
    return this.presentOn.has(id) || this.caches.hasAny(id);
  }

  /**
   * A checkpoint copy without the flush history, sharing everything with this model until it
   * changes a part. This model must not change afterwards (KernelState only clones a sealed one).
   */
  cloneState(): VtdModel {
    // Fields set in declaration order, not through the constructor: it would allocate empty
    // maps and caches only to drop them (this runs on every step that touches VT-d state).
    const v = Object.create(VtdModel.prototype) as VtdModel;
    v.devs = this.devs;
    v.caches = this.caches;
    v.presentOn = this.presentOn;
    v.lastDid = this.lastDid;
    v.log = [];
    v.sharedDevs = v.sharedCaches = v.sharedPresent = v.sharedLastDid = true;
    v.ownedTables = new Set();
    v.digestMemo = this.digestMemo;
    // The flush history is not state, and a sealed source (a checkpoint) never reports it:
    // dropping it keeps every checkpoint from holding the flushes of the steps before it.
    this.log = [];
    return v;
  }

  private writableDevs(): Map<string, DeviceState> {
    this.digestMemo = undefined;
    if (this.sharedDevs) {
      this.devs = new Map(this.devs);
      this.sharedDevs = false;
    }
    return this.devs;
  }

  /** The device's table, copied first when it is the source's (bound to this model's index). */
  private writableTable(dev: DeviceState): PasidTable {
    this.digestMemo = undefined;
    if (!this.ownedTables || this.ownedTables.has(dev.name)) return dev.table;
    const table = dev.table.clone(this.observerFor(dev.name));
    this.writableDevs().set(dev.name, { ...dev, table });
    this.ownedTables.add(dev.name);
    return table;
  }

  private writableCaches(): IommuCaches {
    this.digestMemo = undefined;
    if (this.sharedCaches) {
      this.caches = this.caches.clone();
      this.sharedCaches = false;
    }
    return this.caches;
  }

  private writablePresent(): Map<number, Set<string>> {
    this.digestMemo = undefined;
    if (this.sharedPresent) {
      const m = new Map<number, Set<string>>();
      for (const [id, set] of this.presentOn) m.set(id, new Set(set));
      this.presentOn = m;
      this.sharedPresent = false;
    }
    return this.presentOn;
  }

  /** withLog=false leaves the append-only flush history out (checkpoints do not need it). */
  snapshot(withLog = true): VtdSnapshot {
    return { ...this.stateSnapshot(), flushLog: withLog ? this.log.map((e) => ({ ...e })) : [] };
  }

  private stateSnapshot(): Omit<VtdSnapshot, 'flushLog'> {
    const lastDid: [number, string, number][] = [];
    for (const id of [...this.lastDid.keys()].sort((a, b) => a - b)) {
      const m = this.lastDid.get(id)!;
      for (const dev of [...m.keys()].sort()) lastDid.push([id, dev, m.get(dev)!]);
    }
    return {
      devices: [...this.devs.values()].map((d) => ({ name: d.name, ats: d.ats, table: d.table.snapshot() })),
      pasidCache: this.caches.pasidCache.snapshot(),
      iotlb: this.caches.iotlb.snapshot(),
      devtlb: this.caches.devtlb.snapshot(),
      lastDid,
    };
  }

  /** Takes what snapshot() made; anything else empties the model rather than throwing. */
  restore(s: VtdSnapshot): void {
    this.devs = new Map();
    this.presentOn = new Map();
    this.lastDid = new Map();
    this.caches = new IommuCaches();
    this.sharedDevs = this.sharedCaches = this.sharedPresent = this.sharedLastDid = false;
    this.ownedTables = undefined;
    this.digestMemo = undefined;
    this.log = [];
    if (!s || typeof s !== 'object') return;
    for (const d of s.devices ?? []) {
      const table = PasidTable.fromSnapshot(d.table, this.observerFor(d.name));
      this.devs.set(d.name, { name: d.name, ats: d.ats, maxPasid: table.maxPasid, table, order: this.devs.size });
    }
    this.caches.pasidCache.restore(s.pasidCache ?? []);
    this.caches.iotlb.restore(s.iotlb ?? []);
    this.caches.devtlb.restore(s.devtlb ?? []);
    // The observer recorded nothing into lastDid (it only does so on clears), so load it now.
    for (const [id, dev, did] of s.lastDid ?? []) this.rememberDid(id, dev, did);
    this.log = (s.flushLog ?? []).map((e) => ({ ...e }));
  }

  /** Devices, cache entries and lastDid as bags: independent of the order of events. */
  digestInto(h: Hasher): void {
    const part = (holder: PasidTable | TranslationCache) => (h.memo ? h.memo(holder, () => holder.digestInto(h)) : holder.digestInto(h));
    h.bag(this.devs.values(), (d) => {
      h.str(d.name);
      h.num(d.ats ? 1 : 0);
      part(d.table);
    });
    part(this.caches.pasidCache);
    part(this.caches.iotlb);
    part(this.caches.devtlb);
    h.bagMap(this.lastDid, (id, m) => {
      h.num(id);
      h.bagMap(m, (dev, did) => {
        h.str(dev);
        h.num(did);
      });
    });
  }

  /** The digest's content as text (tests compare models with it). */
  fingerprint(): string {
    const h = new TextHasher();
    this.digestInto(h);
    return h.text();
  }

  private observerFor(name: string) {
    return (id: number, present: boolean, e: Readonly<PasidEntry>): void => {
      const presentOn = this.writablePresent();
      let set = presentOn.get(id);
      if (present) {
        if (!set) presentOn.set(id, (set = new Set()));
        set.add(name);
        return;
      }
      set?.delete(name);
      if (set?.size === 0) presentOn.delete(id);
      this.rememberDid(id, name, e.did);
    };
  }

  private rememberDid(id: number, device: string, did: number): void {
    const m = this.lastDid.get(id);
    if (m?.get(device) === did) return;
    // Copy-on-write: checkpoints share the inner maps.
    this.digestMemo = undefined;
    if (this.sharedLastDid) {
      this.lastDid = new Map(this.lastDid);
      this.sharedLastDid = false;
    }
    this.lastDid.set(id, new Map(m ?? []).set(device, did));
  }

  /**
   * The DID a flush is issued with when the caller names none: the present entry's, else the
   * one read before the entry was last cleared, else the DID this device's entry is cached
   * under, else 0.
   */
  private defaultDid(dev: DeviceState, id: number): number {
    const e = dev.table.entry(id);
    if (e) return e.did;
    const remembered = this.lastDid.get(id)?.get(dev.name);
    if (remembered !== undefined) return remembered;
    const cached = this.caches.pasidCache.lookup(dev.name, id) ?? this.caches.iotlb.lookup(dev.name, id);
    return cached?.did ?? 0;
  }

  private invalidate(kind: FlushKind, level: 'pasidCache' | 'iotlb' | 'devtlb', device: string, id: number, did: number | undefined, perDevice: boolean): number {
    const dev = this.devs.get(device);
    if (!dev) return ENODEV;
    if (!dev.table.inRange(id)) return EINVAL;
    if (did !== undefined && !Number.isInteger(did)) return EINVAL;
    const d = did ?? this.defaultDid(dev, id);
    // A device-TLB is tagged by PASID only; the DID just travels in the event for the trace.
    if (this.caches[level].has(id)) this.writableCaches()[level].invalidate(id, perDevice ? undefined : d, perDevice ? device : undefined);
    this.log.push({ kind, device, id, did: d });
    return 0;
  }

  private byOrder(names: string[]): string[] {
    return names.sort((a, b) => (this.devs.get(a)?.order ?? 0) - (this.devs.get(b)?.order ?? 0));
  }

  private byOrderPairs<T>(pairs: [string, T][]): [string, T][] {
    return pairs.sort((a, b) => (this.devs.get(a[0])?.order ?? 0) - (this.devs.get(b[0])?.order ?? 0));
  }
}


