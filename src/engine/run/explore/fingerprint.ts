// A canonical 64-bit digest of a machine's state for the explorer's visited set: everything
// that can change what happens next, nothing that is only history (deliveries, messages).
// Violation kinds seen so far are part of it, so "in every schedule" stays exact. Hashed in
// place (two 32-bit FNV-style lanes), with unordered collections combined by summing their
// entries' digests, so no text is built and nothing needs sorting.

import type { Machine } from '../machine';
import { VIOLATION_KINDS } from '../../trace';

let a = 0;
let b = 0;

function reset(): void {
  a = 0x811c9dc5 | 0;
  b = 0x27d4eb2f | 0;
}

function int(x: number): void {
  a = Math.imul(a ^ (x | 0), 0x01000193);
  b = Math.imul(b ^ (x | 0), 0x5bd1e995);
  b ^= b >>> 15;
}

function str(s: string): void {
  int(s.length);
  for (let i = 0; i < s.length; i++) int(s.charCodeAt(i));
}

function bool(x: boolean): void {
  int(x ? 1 : 0);
}

/** An unordered collection: each entry hashed on its own, the digests summed. */
function bag<T>(items: Iterable<T>, each: (x: T) => void): void {
  const sa = a;
  const sb = b;
  let sumA = 0;
  let sumB = 0;
  let n = 0;
  for (const x of items) {
    reset();
    each(x);
    sumA = (sumA + a) | 0;
    sumB = (sumB + b) | 0;
    n++;
  }
  a = sa;
  b = sb;
  int(n);
  int(sumA);
  int(sumB);
}

export function violationMask(m: Machine): number {
  let mask = 0;
  VIOLATION_KINDS.forEach((k, i) => {
    if ((m.kernel.state.violationCounts.get(k) ?? 0) > 0) mask |= 1 << i;
  });
  return mask;
}

export function fingerprint(m: Machine): string {
  digest(m);
  return `${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}

/** The same digest as two 32-bit integers (for the shared visited table). */
export function fingerprintPair(m: Machine): [number, number] {
  digest(m);
  return [a, b];
}

function digest(m: Machine): void {
  const s = m.kernel.state;
  reset();
  bool(m.phase === 'running');
  int(violationMask(m));
  for (const t of m.threads) {
    str(t.name);
    str(t.status);
    int(t.frames.length);
    for (const f of t.frames) {
      int(f.block);
      int(f.pc);
      int(f.left);
      bool(f.atomic);
    }
  }
  int(s.capacity);
  int(s.avail);
  bool(s.capacityInstalled);
  int(s.genCounter);
  int(s.alloc.lastAllocated);
  for (let id = s.alloc.nextUsed(0); id >= 0; id = s.alloc.nextUsed(id + 1)) {
    int(id);
    int(s.ids.state[id]);
    int(s.ids.sid[id]);
    int(s.ids.refs[id]);
    int(s.ids.gen[id]);
  }
  int(-1);
  bag(s.sets.bySid.values(), (x) => {
    int(x.sid);
    str(x.name);
    str(x.token);
    str(x.type);
    int(x.quota);
    int(x.used);
    int(x.pending);
    bag(x.spids, ([spid, id]) => (int(spid), int(id)));
  });
  bag(s.sets.names, ([n, sid]) => (str(n), int(sid)));
  // Registration order decides delivery order among equal priorities: kept in order.
  for (const x of s.subs.list) {
    str(x.name);
    str(x.kind);
    int(x.sid);
    int(x.prio);
  }
  str(s.vtd.fingerprint());
  bag(s.hold.iommu.values(), (x) => (str(x.device), int(x.id), int(x.gen), bool(x.ref), bool(x.sva)));
  bag(s.hold.kvm, ([id, t]) => (int(id), int(t.gen), int(t.gpasid), bool(t.ref)));
  bag(s.hold.vdcm, ([id, v]) => (int(id), int(v.gen), bool(v.ref)));
  bag(s.hold.mms.values(), (x) => {
    str(x.name);
    int(x.id);
    int(x.gen);
    int(x.refs);
    for (const d of x.devices) str(d);
  });
  for (const q of [s.deferred.rcu, s.deferred.wq]) {
    int(q.length);
    for (const i of q) str(JSON.stringify(i.action));
  }
  bag(s.lockdep.locks, ([n, l]) => (str(n), str(l.kind), str(l.holder ?? '')));
  bag(s.lockdep.edges, ([from, out]) => (str(from), bag(out.keys(), (to) => str(to))));
  bag(s.bindings, ([n, v]) => (str(n), int(v)));
  bag(s.reported, (r) => str(r));
}
