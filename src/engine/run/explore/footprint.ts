// What the next unit of a choice may read and write, computed at the current state, so the
// explorer can tell independent units apart (SPEC §7's reduction). Conservative: anything
// that reaches the allocator, the notifier chains' side effects or the deferred queues is
// "kernel" and depends on every other kernel unit; only units on disjoint IDs, devices and
// locks commute.

import type { Machine } from '../machine';
import type { IdRef, Stmt } from '../../scenario/ast';

export type Footprint = 'global' | { reads: string[]; writes: string[] };

const KERNEL = 'K';
const NOTHING: Footprint = { reads: [], writes: [] };

function idOf(m: Machine, ref: IdRef): number | undefined {
  return ref.kind === 'num' ? ref.value : m.kernel.state.view.bindings.get(ref.name);
}

function setOf(m: Machine, id: number): string {
  const s = m.kernel.state.view;
  return `set:${s.sets.nameOfSid(s.ids.sid[id])}`;
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
      return { reads: [], writes: [`lock:${st.lock}`] };
    case 'find':
    case 'find_sid': {
      const id = idOf(m, st.id);
      return id === undefined ? { reads: [KERNEL], writes: [] } : { reads: [`id:${id}`, ...(st.verb === 'find' && st.set ? [`set:${st.set}`] : [])], writes: [] };
    }
    case 'find_spid':
      return { reads: [`set:${st.set}`], writes: [] };
    case 'get': {
      const id = idOf(m, st.id);
      return id === undefined ? { reads: [], writes: [KERNEL] } : { reads: [], writes: [`id:${id}`] };
    }
    case 'put': {
      const id = idOf(m, st.id);
      // A put that can reach zero reclaims: the allocator and the set change.
      if (id === undefined || !s.ids.isLive(id) || s.ids.refs[id] <= 1) return { reads: [], writes: [KERNEL] };
      return { reads: [], writes: [`id:${id}`] };
    }
    case 'dma': {
      const id = idOf(m, st.id);
      return id === undefined ? { reads: [], writes: [KERNEL] } : { reads: [`id:${id}`], writes: [`pasid:${id}`, `dev:${st.device}`] };
    }
    case 'bind':
    case 'unbind':
    case 'attach_spid':
    case 'detach_spid': {
      const id = idOf(m, st.id);
      if (id === undefined || !s.ids.isLive(id)) return { reads: [], writes: [KERNEL] };
      const reclaims = st.verb === 'unbind' && m.kernel.model.free === 'refcount' && s.ids.refs[id] <= 1;
      if (reclaims) return { reads: [], writes: [KERNEL] };
      const dev = 'device' in st ? [`dev:${st.device}`] : [];
      return { reads: [], writes: [`id:${id}`, `pasid:${id}`, setOf(m, id), ...dev] };
    }
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
function inKernel(x: string): boolean {
  return !x.startsWith('lock:');
}

function conflicts(a: { reads: string[]; writes: string[] }, b: { reads: string[]; writes: string[] }): boolean {
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
