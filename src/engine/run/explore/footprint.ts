// What the next unit of a choice may read and write, computed at the current state, so the
// explorer can tell independent units apart (SPEC §7's reduction). Conservative: anything
// that reaches the allocator, the notifier chains' side effects or the deferred queues is
// "kernel" and depends on every other kernel unit; only units on disjoint IDs, devices and
// locks commute.

import type { Machine } from '../machine';
import type { IdRef, Stmt } from '../../scenario/ast';

/**
 * Resources as numbers (a kind in the high bits, an ID or an interned name below) so that
 * footprints are small arrays compared by value, with no text built per state.
 */
export type Footprint = 'global' | { reads: number[]; writes: number[] };

const KIND = 2 ** 21;
const KERNEL = 0;
const ID = 1 * KIND;
const PASID = 2 * KIND;
const DEV = 3 * KIND;
const SET = 4 * KIND;
const LOCK = 5 * KIND;
const NOTHING: Footprint = { reads: [], writes: [] };

/** Device, set and lock names → small numbers, for the life of the process. */
const interned = new Map<string, number>();
function name(kind: number, n: string): number {
  let i = interned.get(n);
  if (i === undefined) interned.set(n, (i = interned.size));
  return kind + i;
}

function idOf(m: Machine, ref: IdRef): number | undefined {
  return ref.kind === 'num' ? ref.value : m.kernel.state.view.bindings.get(ref.name);
}

function setOf(m: Machine, id: number): number {
  const s = m.kernel.state.view;
  return name(SET, s.sets.nameOfSid(s.ids.sid[id]));
}

function stmtFootprint(m: Machine, st: Stmt): Footprint {
  const s = m.kernel.state.view;
  switch (st.verb) {
    case 'note':
    case 'schedule':
    case 'join':
      return NOTHING;
    case 'spin_lock':
    case 'spin_unlock':
    case 'mutex_lock':
    case 'mutex_unlock':
      return { reads: [], writes: [name(LOCK, st.lock)] };
    case 'find':
    case 'find_sid': {
      const id = idOf(m, st.id);
      return id === undefined ? { reads: [KERNEL], writes: [] } : { reads: st.verb === 'find' && st.set ? [ID + id, name(SET, st.set)] : [ID + id], writes: [] };
    }
    case 'find_spid':
      return { reads: [name(SET, st.set)], writes: [] };
    case 'get': {
      const id = idOf(m, st.id);
      return id === undefined ? { reads: [], writes: [KERNEL] } : { reads: [], writes: [ID + id] };
    }
    case 'put': {
      const id = idOf(m, st.id);
      // A put that can reach zero reclaims: the allocator and the set change.
      if (id === undefined || !s.ids.isLive(id) || s.ids.refs[id] <= 1) return { reads: [], writes: [KERNEL] };
      return { reads: [], writes: [ID + id] };
    }
    case 'dma': {
      const id = idOf(m, st.id);
      return id === undefined ? { reads: [], writes: [KERNEL] } : { reads: [ID + id], writes: [PASID + id, name(DEV, st.device)] };
    }
    case 'bind':
    case 'unbind':
    case 'attach_spid':
    case 'detach_spid': {
      const id = idOf(m, st.id);
      if (id === undefined || !s.ids.isLive(id)) return { reads: [], writes: [KERNEL] };
      const reclaims = st.verb === 'unbind' && m.kernel.model.free === 'refcount' && s.ids.refs[id] <= 1;
      if (reclaims) return { reads: [], writes: [KERNEL] };
      const writes = [ID + id, PASID + id, setOf(m, id)];
      if ('device' in st) writes.push(name(DEV, st.device));
      return { reads: [], writes };
    }
    case 'quiesce':
    case 'rcu_barrier':
    case 'flush_work':
      // Runs deferred blocks inline, and they may take hand-made locks too.
      return 'global';
    default:
      return { reads: [], writes: [KERNEL] };
  }
}

export function footprintOf(m: Machine, choice: string): Footprint {
  if (choice === 'rcu' || choice === 'wq') return 'global';
  const st = m.peekNext(choice);
  return st ? stmtFootprint(m, st) : 'global';
}

function empty(f: Footprint): boolean {
  return f !== 'global' && f.reads.length === 0 && f.writes.length === 0;
}

/** Anything but a hand-made lock lives in the kernel's state. */
function inKernel(x: number): boolean {
  return x < LOCK;
}

function conflicts(a: { reads: number[]; writes: number[] }, b: { reads: number[]; writes: number[] }): boolean {
  for (const w of a.writes) {
    if (w === KERNEL) {
      if (b.reads.some(inKernel) || b.writes.some(inKernel)) return true;
      continue;
    }
    if (b.writes.includes(w) || b.reads.includes(w)) return true;
    // w is not KERNEL here.
    if (inKernel(w) && (b.writes.includes(KERNEL) || b.reads.includes(KERNEL))) return true;
  }
  return false;
}

/** Whether running a then b reaches the same state as b then a, and neither disables the other. */
export function independent(a: Footprint, b: Footprint): boolean {
  if (empty(a) || empty(b)) return true;
  if (a === 'global' || b === 'global') return false;
  return !conflicts(a, b) && !conflicts(b, a);
}
