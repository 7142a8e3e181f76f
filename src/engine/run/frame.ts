// The view of a machine at one position that the UI draws: small structured data plus the
// one-byte-per-ID state array (transferred, never cloned). Pure reads of engine state.

import { encodeIdState, ID_FREE } from '../idstate';
import type { Machine } from './machine';
import { pgttName, type PasidEntry } from '../vtd/entry';
import { spidOf } from '../kernel/spidOps';

/** PASID entries sent per device per frame; the inspector says when more exist. */
export const FRAME_ENTRIES_PER_DEVICE = 4096;

export interface FrameSet {
  name: string;
  sid: number;
  quota: number;
  /** Live count: active plus free-pending IDs (SPEC §3.1). */
  used: number;
  pending: number;
  token: string;
  type: 'mm' | 'null';
  spids: [spid: number, id: number][];
}

/** A present PASID entry as the inspector shows it: decoded, with its place and owner label. */
export interface FrameEntry extends Omit<PasidEntry, 'owner'> {
  id: number;
  dir: number;
  index: number;
  pgttName: string;
  owner: string;
}

export interface FrameDevice {
  name: string;
  ats: boolean;
  maxPasid: number;
  presentCount: number;
  leafTables: number[];
  directoryBytes: number;
  entries: FrameEntry[];
}

export interface FrameCacheEntry {
  cache: 'pasid-cache' | 'iotlb' | 'devtlb';
  id: number;
  device: string;
  did: number;
  owner: string;
}

export interface FrameData {
  position: number;
  capacity: number;
  available: number;
  allocated: number;
  sets: FrameSet[];
  devices: FrameDevice[];
  caches: FrameCacheEntry[];
  kvm: { id: number; gpasid: number; owner: string }[];
  vdcm: { id: number; owner: string }[];
  mms: { name: string; id: number; devices: string[] }[];
  deferred: { queue: 'rcu' | 'wq'; label: string; line: number }[];
  locks: { name: string; kind: 'spin' | 'mutex'; holder: string | null }[];
  threads: { name: string; status: string; line?: number }[];
  violationCounts: Record<string, number>;
}

export interface IdDetails {
  id: number;
  state: 'active' | 'free_pending' | 'free';
  set?: string;
  refs: number;
  allocation: number;
  spid?: number;
  devices: string[];
  kvm?: number;
  vdcm: boolean;
  residue: string[];
}

export function buildFrame(m: Machine, position: number): FrameData {
  const s = m.kernel.state;
  const owner = (gen: number) => m.kernel.ownerLabel(gen);
  // Only the caches are read: leave the (ever-growing) flush history out of the copy.
  const vtdSnap = s.vtd.snapshot(false);
  const caches: FrameCacheEntry[] = [];
  for (const [cache, list] of [['pasid-cache', vtdSnap.pasidCache], ['iotlb', vtdSnap.iotlb], ['devtlb', vtdSnap.devtlb]] as const) {
    for (const [id, device, t] of list) caches.push({ cache, id, device, did: t.did, owner: owner(t.owner) });
  }
  return {
    position,
    capacity: s.capacity,
    available: s.avail,
    allocated: s.alloc.count,
    sets: [...s.sets.bySid.values()].sort((a, b) => a.sid - b.sid).map((x) => ({
      name: x.name, sid: x.sid, quota: x.quota, used: x.used, pending: x.pending, token: x.token, type: x.type,
      spids: [...x.spids].sort((a, b) => a[0] - b[0]),
    })),
    devices: s.vtd.devices().map((d) => {
      const ids = d.table.presentIds();
      return {
        name: d.name,
        ats: d.ats,
        maxPasid: d.maxPasid,
        presentCount: ids.length,
        leafTables: d.table.leafDirIndices(),
        directoryBytes: d.table.directoryBytes(),
        entries: ids.slice(0, FRAME_ENTRIES_PER_DEVICE).map((id) => {
          const e = d.table.entry(id)!;
          return {
            id, dir: id >> 6, index: id & 63, p: e.p, fpd: e.fpd, pgtt: e.pgtt, pgttName: pgttName(e.pgtt), did: e.did,
            flptptr: e.flptptr, slptptr: e.slptptr, sre: e.sre, aw: e.aw, flpm: e.flpm, owner: owner(e.owner),
          };
        }),
      };
    }),
    caches,
    kvm: [...s.hold.kvm].map(([id, t]) => ({ id, gpasid: t.gpasid, owner: owner(t.gen) })),
    vdcm: [...s.hold.vdcm].map(([id, v]) => ({ id, owner: owner(v.gen) })),
    mms: [...s.hold.mms.values()].map((x) => ({ name: x.name, id: x.id, devices: [...x.devices] })),
    deferred: [...s.deferred.rcu, ...s.deferred.wq].sort((a, b) => a.seq - b.seq).map((i) => ({ queue: i.queue, label: i.label, line: i.line })),
    locks: [...s.lockdep.locks].map(([name, l]) => ({ name, kind: l.kind, holder: l.holder })),
    threads: m.threads.map((t) => {
      const f = t.frames[t.frames.length - 1];
      const st = f ? m.program.blocks[f.block][f.pc] : undefined;
      return { name: t.name, status: t.status, line: st?.line };
    }),
    violationCounts: Object.fromEntries(s.violationCounts),
  };
}

/** One byte per ID (idstate.ts) over the whole capacity, for the heatmap. */
export function buildIdState(m: Machine): Uint8Array {
  const s = m.kernel.state;
  const out = new Uint8Array(s.capacity);
  const n = Math.min(s.ids.slots, s.capacity);
  const st = s.ids.state;
  const sid = s.ids.sid;
  for (let id = 0; id < n; id++) if (st[id] !== ID_FREE) out[id] = encodeIdState(st[id], false, sid[id]);
  for (const d of s.vtd.devices()) for (const id of d.table.presentIds()) if (id < out.length) out[id] |= 0b100;
  return out;
}

export function describeId(m: Machine, id: number): IdDetails {
  const s = m.kernel.state;
  const live = s.ids.isLive(id);
  const state = s.ids.stateOf(id);
  return {
    id,
    state: state === 1 ? 'active' : state === 2 ? 'free_pending' : 'free',
    set: live ? s.sets.nameOfSid(s.ids.sid[id]) : undefined,
    refs: live ? s.ids.refs[id] : 0,
    allocation: live ? s.ids.gen[id] : 0,
    spid: live ? spidOf(m.kernel, id) : undefined,
    devices: s.vtd.devices().filter((d) => d.table.isPresent(id)).map((d) => d.name),
    kvm: s.hold.kvm.get(id)?.gpasid,
    vdcm: s.hold.vdcm.has(id),
    // Everything to tear down before the ID may be freed and handed out again: the VT-d
    // entries and caches, and the driver's, KVM's and the device model's records (the same
    // holders the reuse check names).
    residue: [...s.vtd.residue(id), ...s.hold.holders(id)],
  };
}
