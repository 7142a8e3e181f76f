// A canonical digest of a machine's state for the explorer's visited set: everything that
// can change what happens next, and nothing that is only history (deliveries, messages).
// Violation kinds seen so far are part of it, so a report of "in every schedule" stays exact.

import type { Machine } from '../machine';
import { VIOLATION_KINDS } from '../../trace';

function sorted<T>(xs: Iterable<T>, key: (x: T) => string): string {
  return [...xs].map(key).sort().join(',');
}

export function violationMask(m: Machine): number {
  let mask = 0;
  VIOLATION_KINDS.forEach((k, i) => {
    if ((m.kernel.state.violationCounts.get(k) ?? 0) > 0) mask |= 1 << i;
  });
  return mask;
}

export function fingerprintText(m: Machine): string {
  const s = m.kernel.state;
  const parts: string[] = [];
  parts.push(m.phase, String(violationMask(m)));
  for (const t of m.threads) parts.push(`${t.name}:${t.status}:${t.frames.map((f) => `${f.block}.${f.pc}.${f.left}.${f.atomic ? 1 : 0}`).join('/')}`);
  parts.push(`${s.capacity}|${s.avail}|${s.capacityInstalled ? 1 : 0}|${s.genCounter}|${s.alloc.lastAllocated}`);
  const ids: string[] = [];
  for (let id = s.alloc.nextUsed(0); id >= 0; id = s.alloc.nextUsed(id + 1)) ids.push(`${id}.${s.ids.state[id]}.${s.ids.sid[id]}.${s.ids.refs[id]}.${s.ids.gen[id]}`);
  parts.push(ids.join(','));
  parts.push(sorted(s.sets.bySid.values(), (x) => `${x.sid}.${x.name}.${x.token}.${x.type}.${x.quota}.${x.used}.${x.pending}.${[...x.spids].join(';')}`));
  parts.push(sorted(s.sets.names, ([n, sid]) => `${n}=${sid}`));
  parts.push(s.subs.list.map((x) => `${x.name}.${x.kind}.${x.sid}.${x.prio}`).join(','));
  parts.push(s.vtd.fingerprint());
  parts.push(sorted(s.hold.iommu.values(), (b) => `${b.device}.${b.id}.${b.gen}.${b.ref ? 1 : 0}.${b.sva ? 1 : 0}`));
  parts.push(sorted(s.hold.kvm, ([id, t]) => `${id}.${t.gen}.${t.gpasid}.${t.ref ? 1 : 0}`));
  parts.push(sorted(s.hold.vdcm, ([id, v]) => `${id}.${v.gen}.${v.ref ? 1 : 0}`));
  parts.push(sorted(s.hold.mms.values(), (x) => `${x.name}.${x.id}.${x.gen}.${x.refs}.${x.devices.join(';')}`));
  for (const q of [s.deferred.rcu, s.deferred.wq]) parts.push(q.map((i) => JSON.stringify(i.action)).join(','));
  parts.push(sorted(s.lockdep.locks, ([n, l]) => `${n}.${l.kind}.${l.holder ?? ''}`));
  parts.push(sorted(s.lockdep.edges, ([a, out]) => `${a}>${[...out.keys()].sort().join(';')}`));
  parts.push(sorted(s.bindings, ([n, v]) => `${n}=${v}`));
  parts.push([...s.reported].sort().join(','));
  return parts.join('\n');
}

/** 64-bit FNV-1a of the canonical text, as a short string key. */
export function fingerprint(m: Machine): string {
  const text = fingerprintText(m);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return (h1 >>> 0).toString(36) + ':' + (h2 >>> 0).toString(36);
}
