// What the next unit of a choice may read and write, computed at the current state, so the
// explorer can tell independent units apart (SPEC §7's reduction). Conservative: a
// statement or deferred item this module cannot bound is "kernel" (it depends on every
// other kernel unit) or "global" (on every unit). The others name the records they touch:
// one ID's kernel records and holdings, one PASID's VT-d entries and cache lines, a set's
// live or pending count, one guest PASID of a set, the allocator, the deferred queues'
// tails, the lock graph, a scenario name or a hand-made lock. A prediction made here (the
// ID an alloc will take, whether a put reclaims) reads only records the footprint itself
// lists, so a unit that changes what the prediction read conflicts with it, and a sleeping
// unit's footprint stays true in every state its sleep set is carried to.

import type { Machine } from '../machine';
import type { IdRef, Stmt } from '../../scenario/ast';
import type { DeferredItem } from '../../exec/deferred';
import { ID_ACTIVE, ID_FREE_PENDING } from '../../idstate';
import { ALLOCATOR_LOCK, PASID_MUTEX } from '../../kernel/kernel';

/**
 * Resources as numbers (a kind in the high bits, an ID, a SID or an interned name below) so
 * that footprints are small arrays compared by value, with no text built per state.
 */
export type Footprint = 'global' | { reads: number[]; writes: number[] };

const KIND = 2 ** 21;
/** Anything in the kernel's state: conflicts with every other kernel resource. */
const KERNEL = 0;
/** One ID's record (state, set, refs, generation) and every actor's holdings of it. */
const ID = 1 * KIND;
/** One PASID's entries in every device's table, its cache lines and remembered DIDs. */
const PASID = 2 * KIND;
/** One set's live count (by SID): alloc checks it against the quota. */
const SET_USED = 3 * KIND;
/** One entry of a set's guest PASID map: a SPID of one set, whoever it maps to. */
const SPID = 4 * KIND;
/** The allocator: which IDs are free, the cyclic cursor, the generation counter. */
const ALLOC = 5 * KIND;
/** The tails of the RCU and work queues, one resource: their relative order is state. */
const ENQUEUE = 6 * KIND;
/** The lock-order graph (edges between locks and the inversions reported). */
const LOCKDEP = 7 * KIND;
/** A scenario name's binding (`-> NAME`). */
const NAME = 8 * KIND;
/** One set's count of FREE_PENDING IDs (by SID). */
const SET_PENDING = 9 * KIND;
/**
 * Writes that commute with each other but not with any other access to their base resource:
 * a DMA's cache fills (two DMAs fill the same lines whichever runs first) and the first
 * pasid_mutex → allocator lock edge (two calls adding it leave the same graph).
 */
const FILL = 10 * KIND;
const EDGE = 11 * KIND;
/** A hand-made lock: not kernel state (the kinds from here on are outside the kernel). */
const LOCK = 12 * KIND;
const NOTHING: Footprint = { reads: [], writes: [] };
const ANY_KERNEL: Footprint = { reads: [], writes: [KERNEL] };
/** How far an alloc's ID is looked for before the footprint gives up and says "kernel". */
const ALLOC_PEEK_LIMIT = 64;

/** Scenario and lock names → small numbers, for the life of the process. */
const interned = new Map<string, number>();
function name(kind: number, n: string): number {
  let i = interned.get(n);
  if (i === undefined) interned.set(n, (i = interned.size));
  return kind + i;
}

type Access = { reads: number[]; writes: number[] };

/** (SID, SPID) pairs → small numbers, for the life of the process (any numbers a scenario writes). */
const spidKeys = new Map<number, Map<number, number>>();
let spidCount = 0;
function spidResource(sid: number, spid: number): number {
  let bySpid = spidKeys.get(sid);
  if (!bySpid) spidKeys.set(sid, (bySpid = new Map()));
  let i = bySpid.get(spid);
  if (i === undefined) bySpid.set(spid, (i = spidCount++));
  return SPID + i;
}

/**
 * The guest PASID entry that maps to `id`, if any (spidOf in spidOps.ts). Only units on `id`
 * add or remove that entry, and they write ID + id: reading it is covered by that.
 */
function spidEntryOf(m: Machine, id: number, acc: Access): void {
  const s = m.kernel.state.view;
  const sid = s.ids.sid[id];
  const set = s.sets.bySid.get(sid);
  if (!set) return;
  for (const [spid, host] of set.spids) if (host === id) acc.writes.push(spidResource(sid, spid));
}

/**
 * Reads a statement's ID reference as the interpreter will (resolveId in dispatch.ts), and
 * records the name read; undefined when the name is unbound (the footprint then says "kernel").
 */
function idOf(m: Machine, ref: IdRef, acc: Access): number | undefined {
  if (ref.kind === 'num') return ref.value;
  acc.reads.push(name(NAME, ref.name));
  return m.kernel.state.view.bindings.get(ref.name);
}

/** Whether `thread` holds a hand-made lock: its kernel calls then add lock-order edges. */
function holdsLocks(m: Machine, thread: string): boolean {
  const locks = m.kernel.state.view.lockdep.locks;
  if (locks.size === 0) return false;
  for (const l of locks.values()) if (l.holder === thread) return true;
  return false;
}

/**
 * A call that takes the allocator lock inside pasid_mutex (bind, unbind, the VT-d teardown):
 * it adds that edge the first time and otherwise only looks for an inversion, which only a
 * unit that adds an edge can create. A thread holding hand-made locks adds edges from them.
 */
function nestsInternalLocks(m: Machine, thread: string, acc: Access): void {
  const known = m.kernel.state.view.lockdep.edges.get(PASID_MUTEX)?.has(ALLOCATOR_LOCK) === true;
  if (holdsLocks(m, thread)) acc.writes.push(LOCKDEP);
  else if (!known) acc.writes.push(EDGE);
  else acc.reads.push(LOCKDEP);
}

/** Any other kernel call: it adds edges only from hand-made locks the thread holds. */
function takesInternalLocks(m: Machine, thread: string, acc: Access, exact: boolean): void {
  if (!exact || holdsLocks(m, thread)) acc.writes.push(LOCKDEP);
}

/**
 * References the actors hold on `id` for its current generation and could drop in one call
 * (KVM's translation, the device model's programming and, with `bindings`, the VT-d
 * driver's): a call that may drop all of these reclaims the ID only if its count is no
 * higher (callers add a reference of their own where they drop one).
 */
function holderRefs(m: Machine, id: number, bindings: boolean): number {
  const s = m.kernel.state.view;
  const gen = s.ids.gen[id];
  let n = 0;
  const kvm = s.hold.kvm.get(id);
  if (kvm && kvm.gen === gen && kvm.ref) n++;
  const vdcm = s.hold.vdcm.get(id);
  if (vdcm && vdcm.gen === gen && vdcm.ref) n++;
  if (bindings) for (const b of s.hold.bindingsOf(id)) if (b.ref) n++;
  return n;
}

/** Reclaiming `id` (reclaim in ioasidOps.ts): the allocator, its set's counts and SPID, the teardown check. */
function reclaims(m: Machine, id: number, acc: Access): void {
  const sid = m.kernel.state.view.ids.sid[id];
  acc.writes.push(ALLOC, SET_USED + sid, SET_PENDING + sid, PASID + id);
  spidEntryOf(m, id, acc);
}

/**
 * The lowest free ID in [from, to]: -1 when there is none, undefined when the search gave up
 * after ALLOC_PEEK_LIMIT used IDs (the footprint then says "kernel").
 */
function firstFree(m: Machine, from: number, to: number): number | undefined {
  const alloc = m.kernel.state.view.alloc;
  for (let id = from, n = 0; id <= to; id++, n++) {
    if (n === ALLOC_PEEK_LIMIT) return undefined;
    if (!alloc.isUsed(id)) return id;
  }
  return -1;
}

/** The ID ioasid_alloc would hand out now (allocLowest / allocCyclic), -1 for none, undefined if not known. */
export function nextAllocated(m: Machine, st: Extract<Stmt, { verb: 'alloc' }>): number | undefined {
  const s = m.kernel.state;
  const lo = st.min ?? 1;
  const hi = Math.min(st.max ?? s.capacity - 1, s.capacity - 1);
  if (!(Number.isInteger(lo) && Number.isInteger(hi)) || lo < 0 || lo > hi) return undefined;
  if (m.kernel.model.alloc !== 'cyclic') return firstFree(m, lo, hi);
  // xa_alloc_cyclic: after the last ID handed out, then wrapping to the start of the range.
  const start = Math.max(s.view.alloc.lastAllocated + 1, lo);
  const after = start <= hi ? firstFree(m, start, hi) : -1;
  return after === -1 ? firstFree(m, lo, Math.min(start - 1, hi)) : after;
}

/**
 * A statement's footprint when `thread` runs it. `exact`: in the state it runs in (a
 * thread's next statement, a one-statement block); otherwise (a statement of a longer
 * block, after others changed the state) only what holds in any state: calls whose
 * footprint rests on a prediction are "kernel", and lock-order edges may be added.
 */
function stmtFootprint(m: Machine, st: Stmt, thread: string, exact: boolean): Footprint {
  const s = m.kernel.state.view;
  const acc: Access = { reads: [], writes: [] };
  if (st.bind) acc.writes.push(name(NAME, st.bind.name));
  switch (st.verb) {
    case 'note':
    case 'schedule':
    case 'join':
      return NOTHING;
    case 'call_rcu':
    case 'work':
      acc.writes.push(ENQUEUE);
      return acc;
    case 'spin_lock':
    case 'mutex_lock':
      acc.writes.push(name(LOCK, st.lock));
      takesInternalLocks(m, thread, acc, exact);
      return acc;
    case 'spin_unlock':
    case 'mutex_unlock':
      acc.writes.push(name(LOCK, st.lock));
      return acc;
    case 'find':
    case 'find_sid': {
      const id = idOf(m, st.id, acc);
      if (id === undefined) return ANY_KERNEL;
      acc.reads.push(ID + id);
      return acc;
    }
    case 'find_spid': {
      const sid = s.sets.sidOf(st.set);
      if (sid === undefined) return ANY_KERNEL;
      acc.reads.push(spidResource(sid, st.spid));
      return acc;
    }
    case 'get': {
      const id = idOf(m, st.id, acc);
      if (id === undefined) return ANY_KERNEL;
      acc.writes.push(ID + id);
      takesInternalLocks(m, thread, acc, exact);
      return acc;
    }
    case 'dma': {
      const id = idOf(m, st.id, acc);
      if (id === undefined) return ANY_KERNEL;
      acc.reads.push(ID + id);
      acc.writes.push(FILL + id);
      return acc;
    }
    case 'quiesce':
    case 'rcu_barrier':
    case 'flush_work':
      // Runs deferred blocks inline, and they may take hand-made locks too.
      return 'global';
    default:
      return exact ? callFootprint(m, st, thread, acc) : ANY_KERNEL;
  }
}

/** Calls whose footprint depends on the state they run in (see stmtFootprint). */
function callFootprint(m: Machine, st: Stmt, thread: string, acc: Access): Footprint {
  const s = m.kernel.state.view;
  const model = m.kernel.model;
  switch (st.verb) {
    case 'put': {
      const id = idOf(m, st.id, acc);
      if (id === undefined) return ANY_KERNEL;
      acc.writes.push(ID + id);
      if (s.ids.isLive(id) && s.ids.refs[id] <= 1) reclaims(m, id, acc);
      takesInternalLocks(m, thread, acc, true);
      return acc;
    }
    case 'alloc': {
      const sid = s.sets.sidOf(st.set);
      const id = nextAllocated(m, st);
      if (sid === undefined || id === undefined) return ANY_KERNEL;
      // No free ID: it fails with a warning, changing nothing, but reads the whole allocator.
      if (id === -1) {
        acc.reads.push(ALLOC, SET_USED + sid);
        takesInternalLocks(m, thread, acc, true);
        return acc;
      }
      // reuse-before-cleanup looks at what is still held for the new ID (checkReuse).
      acc.writes.push(ALLOC, SET_USED + sid, ID + id);
      acc.reads.push(PASID + id);
      takesInternalLocks(m, thread, acc, true);
      return acc;
    }
    case 'free': {
      const id = idOf(m, st.id, acc);
      if (id === undefined) return ANY_KERNEL;
      acc.writes.push(ID + id);
      if (!s.ids.isLive(id)) return acc;
      acc.writes.push(SET_PENDING + s.ids.sid[id], PASID + id);
      // FREE reaches the VT-d driver (teardown now, or queued), KVM (drops its reference)
      // and the device model (queues its clear); any drop may be the last reference.
      if (s.hold.vdcm.has(id) || (model.cleanup === 'deferred' && s.hold.iommuById.has(id))) acc.writes.push(ENQUEUE);
      const drops = 1 + holderRefs(m, id, model.cleanup === 'sync');
      if (model.free === 'immediate' || s.ids.state[id] !== ID_ACTIVE || s.ids.refs[id] <= drops) reclaims(m, id, acc);
      if (model.cleanup === 'sync') {
        // The synchronous teardown detaches the guest PASID and takes pasid_mutex inside
        // the allocator lock.
        spidEntryOf(m, id, acc);
        acc.writes.push(LOCKDEP);
      } else takesInternalLocks(m, thread, acc, true);
      return acc;
    }
    case 'bind':
    case 'unbind':
    case 'attach_spid':
    case 'detach_spid': {
      const id = idOf(m, st.id, acc);
      if (id === undefined) return ANY_KERNEL;
      acc.writes.push(ID + id);
      if (!s.ids.isLive(id)) return acc;
      acc.writes.push(PASID + id);
      const sid = s.ids.sid[id];
      if (st.verb === 'bind' && st.gpasid !== undefined) acc.writes.push(spidResource(sid, st.gpasid));
      else if (st.verb === 'attach_spid') acc.writes.push(spidResource(sid, st.spid));
      else spidEntryOf(m, id, acc);
      // UNBIND makes KVM and the device model drop their references, unbind drops the
      // driver's own: the last one reclaims (a FREE_PENDING ID may have only those left).
      if (st.verb === 'unbind' || st.verb === 'detach_spid') {
        if (s.ids.state[id] === ID_FREE_PENDING || s.ids.refs[id] <= holderRefs(m, id, st.verb === 'unbind')) reclaims(m, id, acc);
      }
      if (st.verb === 'bind' || st.verb === 'unbind') nestsInternalLocks(m, thread, acc);
      else takesInternalLocks(m, thread, acc, true);
      return acc;
    }
    default:
      return ANY_KERNEL;
  }
}

/**
 * Statements a block runs as one unit that this module can bound (no nesting, no names
 * bound). Only a one-statement block is read in the state it runs in (exact).
 */
function blockFootprint(m: Machine, stmts: readonly Stmt[], thread: string): Footprint {
  const acc: Access = { reads: [], writes: [] };
  for (const st of stmts) {
    // A block that binds a name would resolve later statements differently than predicted
    // here; nested blocks and loops (run whole, with this unit) are not followed.
    if (st.bind || st.verb === 'atomic' || st.verb === 'repeat' || st.verb === 'thread') return 'global';
    if (st.verb === 'expect') continue;
    const f = stmtFootprint(m, st, thread, stmts.length === 1);
    if (f === 'global') return 'global';
    acc.reads.push(...f.reads);
    acc.writes.push(...f.writes);
  }
  return acc;
}

/** The kernel's own deferred work (runKernelWork): the VT-d teardown and the device model's clear. */
function itemFootprint(m: Machine, item: DeferredItem): Footprint {
  const a = item.action;
  if (a.kind === 'block') return blockFootprint(m, m.program.blocks[a.block], item.queue);
  if (a.kind === 'srcu-free') return 'global';
  const s = m.kernel.state.view;
  const acc: Access = { reads: [], writes: [ID + a.id] };
  const live = s.ids.isLive(a.id) && s.ids.gen[a.id] === a.gen;
  if (a.kind === 'iommu-teardown') {
    acc.writes.push(PASID + a.id);
    if (live) {
      spidEntryOf(m, a.id, acc);
      if (s.ids.refs[a.id] <= holderRefs(m, a.id, true)) reclaims(m, a.id, acc);
    }
    nestsInternalLocks(m, item.queue, acc);
    return acc;
  }
  if (live && s.ids.refs[a.id] <= holderRefs(m, a.id, false)) reclaims(m, a.id, acc);
  takesInternalLocks(m, item.queue, acc, true);
  return acc;
}

export function footprintOf(m: Machine, choice: string): Footprint {
  if (choice === 'rcu' || choice === 'wq') {
    // Taking the oldest item off a non-empty queue commutes with adding one at its tail.
    const item = m.kernel.state.view.deferred[choice][0];
    return item ? itemFootprint(m, item) : 'global';
  }
  const st = m.peekNext(choice);
  return st ? stmtFootprint(m, st, choice, true) : 'global';
}

function empty(f: Footprint): boolean {
  return f !== 'global' && f.reads.length === 0 && f.writes.length === 0;
}

/** Anything but a hand-made lock lives in the kernel's state. */
function inKernel(x: number): boolean {
  return x < LOCK;
}

/** The resource a commuting write is a write to (FILL → PASID, EDGE → LOCKDEP), else undefined. */
function baseOf(w: number): number | undefined {
  if (w >= FILL && w < FILL + KIND) return PASID + (w - FILL);
  if (w === EDGE) return LOCKDEP;
  return undefined;
}

function touches(b: Access, x: number): boolean {
  return b.writes.includes(x) || b.reads.includes(x);
}

function conflicts(a: Access, b: Access): boolean {
  for (const w of a.writes) {
    if (w === KERNEL) {
      if (b.reads.some(inKernel) || b.writes.some(inKernel)) return true;
      continue;
    }
    if (inKernel(w) && touches(b, KERNEL)) return true;
    const base = baseOf(w);
    if (base !== undefined) {
      // Commutes with the same write, not with the base resource's readers and writers
      // (the other direction, a plain write against this one, is conflicts(b, a)).
      if (touches(b, base)) return true;
      continue;
    }
    if (touches(b, w)) return true;
  }
  return false;
}

/** Whether running a then b reaches the same state as b then a, and neither disables the other. */
export function independent(a: Footprint, b: Footprint): boolean {
  if (empty(a) || empty(b)) return true;
  if (a === 'global' || b === 'global') return false;
  return !conflicts(a, b) && !conflicts(b, a);
}

/**
 * The sleep set of the state choice k leads to (Godefroid's sleep sets): the choices among
 * `candidates` (asleep at this state, or run here before k) independent of k; choice j has
 * bit `bits[j]` and footprint `prints[j]`, and only the first n are read. Sleeping choices
 * stay enabled there, since independent units do not disable each other.
 */
export function sleepAfter(k: number, candidates: number, bits: readonly number[], prints: readonly Footprint[], n: number): number {
  const fk = prints[k];
  let sleep = 0;
  for (let j = 0; j < n; j++) if (candidates & bits[j] && independent(prints[j], fk)) sleep |= bits[j];
  return sleep;
}
