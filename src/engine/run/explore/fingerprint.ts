// A canonical 64-bit digest of a machine's state for the explorer's visited set: everything
// that can change what happens next, nothing that is only history (deliveries, messages).
// Violation kinds seen so far are part of it, so "in every schedule" stays exact. Hashed in
// place (two 32-bit FNV-style lanes), with unordered collections combined by summing their
// entries' digests, so no text is built and nothing needs sorting.

import type { Machine, ThreadStatus } from '../machine';
import type { Hasher, MemoHolder } from '../../hasher';
import { PART_BIT, type KernelParts } from '../../kernel/state';

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

/** Any number: int32 values as they are, others by their exact decimal text. */
function num(x: number): void {
  if ((x | 0) === x) int(x);
  else str(String(x));
}

/** A part's own digest, kept on it until it changes (see Hasher.memo). */
function memo(holder: MemoHolder, fill: () => void): void {
  let d = holder.digestMemo as readonly [number, number] | undefined;
  if (d === undefined) {
    const sa = a;
    const sb = b;
    reset();
    fill();
    holder.digestMemo = d = [a, b];
    a = sa;
    b = sb;
  }
  int(d[0]);
  int(d[1]);
}

const HASHER: Hasher = { num, str, bag, bagMap, memo };

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

/** A map as a bag of its entries: Map#forEach hands over key and value without an entry array. */
function bagMap<K, V>(map: ReadonlyMap<K, V>, each: (k: K, v: V) => void): void {
  const sa = a;
  const sb = b;
  let sumA = 0;
  let sumB = 0;
  map.forEach((v, k) => {
    reset();
    each(k, v);
    sumA = (sumA + a) | 0;
    sumB = (sumB + b) | 0;
  });
  a = sa;
  b = sb;
  int(map.size);
  int(sumA);
  int(sumB);
}

/** Bit i set when a violation of VIOLATION_KINDS[i] has happened in this state's past. */
export function violationMask(m: Machine): number {
  return m.kernel.state.violationBits;
}

/**
 * The digest as one number for a Map key: 53 of its 64 bits. Two of a million distinct
 * states collide with odds of about 1 in 18,000 (n^2 / 2^54). `base`: the component digests
 * of this state as it was at its last fork() or seal() (lastPartDigests() right after
 * hashing it then); without it every component is hashed. Either way the state is sealed.
 */
export function fingerprintKey(m: Machine, base?: PartDigests): number {
  digest(m, base);
  return digestKey(a, b);
}

/** The two 32-bit words of a digest (fingerprintPair) as one Map key: 53 of the 64 bits. */
export function digestKey(h1: number, h2: number): number {
  return (h1 >>> 0) * 0x200000 + (h2 >>> 11);
}

/** The same digest as two 32-bit integers (for the shared visited table). */
export function fingerprintPair(m: Machine, base?: PartDigests): [number, number] {
  digest(m, base);
  return [a, b];
}

/** How each component is hashed (only the components a step changed are hashed again, see digest). */
const PARTS: { [K in keyof KernelParts]: (x: KernelParts[K]) => void } = {
  alloc: (alloc) => int(alloc.lastAllocated),
  ids: () => undefined, // hashed with alloc below: live IDs are the allocator's used ones
  sets: (sets) => {
    bag(sets.bySid.values(), (x) => {
      int(x.sid);
      str(x.name);
      str(x.token);
      str(x.type);
      int(x.quota);
      int(x.used);
      int(x.pending);
      bagMap(x.spids, (spid, id) => (int(spid), int(id)));
    });
    bagMap(sets.names, (n, sid) => (str(n), int(sid)));
  },
  // Registration order decides delivery order among equal priorities: kept in order.
  subs: (subs) => {
    for (const x of subs.list) {
      str(x.name);
      str(x.kind);
      int(x.sid);
      int(x.prio);
    }
  },
  // The model keeps its digest across copies that did not change it (a DMA hitting a
  // cache), and so do its device tables and caches when another part of it changed.
  vtd: (vtd) => memo(vtd, () => vtd.digestInto(HASHER)),
  hold: (hold) => {
    bag(hold.iommu.values(), (x) => (str(x.device), int(x.id), int(x.gen), bool(x.ref), bool(x.sva)));
    bagMap(hold.kvm, (id, t) => (int(id), int(t.gen), int(t.gpasid), bool(t.ref)));
    bagMap(hold.vdcm, (id, v) => (int(id), int(v.gen), bool(v.ref)));
    bag(hold.mms.values(), (x) => {
      str(x.name);
      int(x.id);
      int(x.gen);
      int(x.refs);
      for (const d of x.devices) str(d);
    });
  },
  deferred: (deferred) => {
    for (const q of [deferred.rcu, deferred.wq]) {
      int(q.length);
      for (const { action: x } of q) {
        str(x.kind);
        if (x.kind === 'block') int(x.block);
        else {
          int(x.id);
          int(x.gen);
          if (x.kind === 'srcu-free') str(x.mm);
        }
      }
    }
    // Which queue each pending item is on, oldest first: quiesce and the end of the run take
    // them in that order (DeferredQueues.oldest), so it is state although `seq` itself is not.
    const { rcu, wq } = deferred;
    if (rcu.length > 0 && wq.length > 0) {
      for (let i = 0, j = 0; i < rcu.length || j < wq.length; ) {
        const fromRcu = j >= wq.length || (i < rcu.length && rcu[i].seq < wq[j].seq);
        int(fromRcu ? 1 : 2);
        if (fromRcu) i++;
        else j++;
      }
    }
  },
  lockdep: (lockdep) => {
    bagMap(lockdep.locks, (n, l) => (str(n), str(l.kind), str(l.holder ?? '')));
    bagMap(lockdep.edges, (from, out) => (str(from), bag(out.keys(), (to) => str(to))));
  },
  bindings: (bindings) => bagMap(bindings, (n, v) => (str(n), int(v))),
  violationCounts: () => undefined, // the mask is hashed below
  reported: (reported) => bag(reported, (r) => str(r)),
};
const PART_NAMES = Object.keys(PARTS) as (keyof KernelParts)[];
const STATUS_CODES: Record<ThreadStatus, number> = { idle: 0, ready: 1, done: 2, stuck: 3 };

function idsDigest(alloc: KernelParts['alloc'], ids: KernelParts['ids']): void {
  for (let id = alloc.nextUsed(0); id >= 0; id = alloc.nextUsed(id + 1)) {
    int(id);
    int(ids.state[id]);
    int(ids.sid[id]);
    int(ids.refs[id]);
    int(ids.gen[id]);
  }
}

function partDigest(v: Readonly<KernelParts>, name: keyof KernelParts): void {
  reset();
  if (name === 'ids') idsDigest(v.alloc, v.ids);
  else (PARTS[name] as (x: unknown) => void)(v[name]);
}

/** A component's bits in `changedParts`: the ID table is hashed through the allocator. */
const PART_DEPS = PART_NAMES.map((n) => PART_BIT[n] | (n === 'ids' ? PART_BIT.alloc : 0));

/** Per-component digests (two words each, in PART_NAMES order) of the last state hashed. */
export type PartDigests = readonly number[];
let lastParts: PartDigests = [];

/** The component digests of the state fingerprinted last (for its children's `base`). */
export function lastPartDigests(): PartDigests {
  return lastParts;
}

function digest(m: Machine, base: PartDigests | undefined): void {
  const s = m.kernel.state;
  // Components not copied since the last fork or seal are the objects `base` was hashed
  // from; only the others are hashed again. Sealing makes the next change copy again.
  const changed = s.changedParts;
  s.seal();
  let words = base;
  if (words === undefined || changed !== 0) {
    const fresh = base === undefined ? new Array<number>(PART_NAMES.length * 2).fill(0) : base.slice();
    const v = s.view;
    for (let i = 0; i < PART_NAMES.length; i++) {
      if (base === undefined || changed & PART_DEPS[i]) {
        partDigest(v, PART_NAMES[i]);
        fresh[2 * i] = a;
        fresh[2 * i + 1] = b;
      }
    }
    words = fresh;
  }
  lastParts = words;
  reset();
  bool(m.phase === 'running');
  int(violationMask(m));
  // Threads keep their declaration order, so a thread is named by its index.
  for (let i = 0; i < m.threads.length; i++) {
    const t = m.threads[i];
    int(i);
    int(STATUS_CODES[t.status]);
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
  for (let i = 0; i < words.length; i++) int(words[i]);
}
