// The per-ID API of drivers/iommu/ioasid.c as extended by the guest-SVA series:
// ioasid_alloc, ioasid_free (immediate or refcount/FREE_PENDING), ioasid_get/put,
// ioasid_find, ioasid_find_sid and the reclaim that returns an ID to the pool.

import { EACCES, EBUSY, EINVAL, ENOENT, INVALID_IOASID } from '../errno';
import { publish } from '../notify/publish';
import { checkReuse } from '../invariants/reuse';
import { checkReclaimTeardown } from '../invariants/teardown';
import { ID_ACTIVE, ID_FREE, ID_FREE_PENDING } from '../idstate';
import type { IoasidSet } from '../sets/setTable';
import { ALLOCATOR_LOCK, type Kernel } from './kernel';

/** ioasid_alloc(set, min, max): INVALID_IOASID with a warning on every failure. */
export function ioasidAlloc(k: Kernel, setName: string | undefined, min?: number, max?: number): number {
  // The hot path of every scale run: frames and locks by hand rather than through closures.
  k.ctx.enter('ioasid_alloc');
  try {
    const s = k.state;
    const set = setName === undefined ? undefined : s.view.sets.get(setName);
    if (!set) {
      k.warn(`ioasid_alloc: unknown set '${setName ?? '?'}'`);
      return INVALID_IOASID;
    }
    const lo = min ?? 1;
    const hi = Math.min(max ?? s.capacity - 1, s.capacity - 1);
    const kind = k.allocatorLockKind;
    k.lock(ALLOCATOR_LOCK, kind);
    try {
      return allocLocked(k, set, lo, hi);
    } finally {
      k.unlock(kind);
    }
  } finally {
    k.ctx.leave();
  }
}

function allocLocked(k: Kernel, set: IoasidSet, lo: number, hi: number): number {
  const s = k.state;
  // v1 patch 7 switched the ioasid_data allocation to GFP_KERNEL along with the mutex.
  if (k.model.lock === 'mutex') k.mightSleep('kzalloc(GFP_KERNEL)');
  if (set.used >= set.quota) {
    k.warn(`IOASID set '${set.name}' out of quota (${set.used}/${set.quota})`);
    return INVALID_IOASID;
  }
  if (!(lo <= hi)) {
    k.warn(`ioasid_alloc: empty range [${lo}, ${hi}]`);
    return INVALID_IOASID;
  }
  const id = k.model.alloc === 'cyclic' ? s.alloc.allocCyclic(lo, hi) : s.alloc.allocLowest(lo, hi);
  if (id < 0) {
    k.warn(`ioasid_alloc: no free IOASID in [${lo}, ${hi}]`);
    return INVALID_IOASID;
  }
  const ids = s.ids;
  ids.ensure(id);
  const gen = ++s.genCounter;
  checkReuse(k, id, gen, set.name);
  ids.state[id] = ID_ACTIVE;
  ids.sid[id] = set.sid;
  ids.refs[id] = 1;
  ids.gen[id] = gen;
  s.sets.writable(set.sid)!.used++;
  k.sink.touch?.(id);
  if (s.view.subs.size > 0) publish(k, 'ALLOC', id);
  return id;
}

/** Returns a live ID to the pool (xa_erase + kfree_rcu); the set's live count drops here. */
export function reclaim(k: Kernel, id: number): void {
  const s = k.state;
  const set = s.sets.writable(s.view.ids.sid[id]);
  if (k.model.free === 'refcount') checkReclaimTeardown(k, id);
  if (set) {
    set.used--;
    if (s.ids.state[id] === ID_FREE_PENDING) set.pending--;
    for (const [spid, host] of set.spids) if (host === id) set.spids.delete(spid);
  }
  s.ids.state[id] = ID_FREE;
  s.ids.sid[id] = -1;
  s.ids.refs[id] = 0;
  s.alloc.release(id);
  k.sink.touch?.(id);
}

/** ioasid_free: unknown → warning; immediate → FREE then reclaim; refcount → FREE_PENDING. */
export function ioasidFree(k: Kernel, id: number): number {
  return k.call('ioasid_free', () => {
    const s = k.state;
    if (!s.ids.isLive(id)) {
      k.warn(`Trying to free unknown IOASID ${id}`);
      return 0;
    }
    return k.withAllocatorLock(() => {
      if (k.model.free === 'immediate') {
        // v1 ioasid_free_locked: FREE goes out under the allocator lock, before ops->free.
        publish(k, 'FREE', id);
        if (s.ids.isLive(id)) reclaim(k, id);
        return 0;
      }
      if (s.ids.state[id] === ID_FREE_PENDING) return 0;
      s.ids.state[id] = ID_FREE_PENDING;
      const set = s.sets.writable(s.view.ids.sid[id]);
      if (set) set.pending++;
      s.ids.refs[id]--;
      k.sink.touch?.(id);
      if (s.ids.refs[id] === 0) {
        // Nobody else holds it: reclaimed at once, and no FREE is sent.
        reclaim(k, id);
        return 0;
      }
      publish(k, 'FREE', id);
      return 0;
    });
  });
}

/** ioasid_get: -EINVAL unknown, -EBUSY FREE_PENDING. */
export function ioasidGet(k: Kernel, id: number): number {
  return k.call('ioasid_get', () => {
    const s = k.state;
    if (!s.ids.isLive(id)) return EINVAL;
    return k.withAllocatorLock(() => {
      if (s.ids.state[id] === ID_FREE_PENDING) return EBUSY;
      s.ids.refs[id]++;
      return 0;
    });
  });
}

/** ioasid_put: 1 if this put reclaimed the ID; unknown → 0 and a warning. */
export function ioasidPut(k: Kernel, id: number): number {
  return k.call('ioasid_put', () => {
    const s = k.state;
    if (!s.ids.isLive(id)) {
      k.warn(`ioasid_put: unknown IOASID ${id}`);
      return 0;
    }
    return k.withAllocatorLock(() => {
      if (s.ids.refs[id] > 0) s.ids.refs[id]--;
      if (s.ids.refs[id] === 0) {
        reclaim(k, id);
        return 1;
      }
      return 0;
    });
  });
}

/** ioasid_find(set, id): 0 found, -ENOENT not live, -EACCES live in another set. */
export function ioasidFind(k: Kernel, id: number, setName?: string): number {
  const s = k.state.view;
  if (!s.ids.isLive(id)) return ENOENT;
  if (setName !== undefined) {
    const sid = s.sets.sidOf(setName);
    if (sid === undefined || s.ids.sid[id] !== sid) return EACCES;
  }
  return 0;
}

/** ioasid_find_sid */
export function ioasidFindSid(k: Kernel, id: number): number {
  const s = k.state.view;
  return s.ids.isLive(id) ? s.ids.sid[id] : ENOENT;
}

/** ioasid_notify(id, cmd) by hand: -EINVAL for an unknown ID. */
export function ioasidNotify(k: Kernel, id: number, event: 'ALLOC' | 'FREE' | 'BIND' | 'UNBIND'): number {
  return k.call('ioasid_notify', () => {
    if (!k.state.ids.isLive(id)) return EINVAL;
    k.withAllocatorLock(() => publish(k, event, id));
    return 0;
  });
}

/**
 * A reference a kernel actor takes for as long as it holds the ID (bind, KVM, VDCM: SPEC
 * §3.3/§3.4). Counted under every free model; only under `refcount` does it delay reclaim,
 * since an immediate ioasid_free returns the ID whatever its count.
 */
export function takeActorRef(k: Kernel, id: number): boolean {
  return ioasidGet(k, id) === 0;
}

export function dropActorRef(k: Kernel, id: number, gen: number, held: boolean): void {
  if (!held) return;
  const s = k.state;
  // A reference belongs to its generation: never put a later owner's ID.
  if (!s.ids.isLive(id) || s.ids.gen[id] !== gen) return;
  ioasidPut(k, id);
}
