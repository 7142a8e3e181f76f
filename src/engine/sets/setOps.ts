// Capacity and set management of the v1 series: ioasid_install_capacity, ioasid_alloc_set /
// ioasid_alloc_system_set, ioasid_adjust_set and ioasid_free_set. A failed call changes
// nothing (KERNEL-NOTES invariant 5).

import { EBUSY, EEXIST, EINVAL, ENOSPC } from '../errno';
import { MAX_IDS } from '../ids/allocator';
import { GrowableAllocator } from '../kernel/growableAllocator';
import { IdTable } from '../kernel/idTable';
import { ID_ACTIVE } from '../idstate';
import { ioasidFree } from '../kernel/ioasidOps';
import type { Kernel } from '../kernel/kernel';
import type { SetType } from './setTable';

export const SYSTEM_SET_NAME = 'system';

function validCount(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= MAX_IDS;
}

export function installCapacity(k: Kernel, n: number): number {
  const s = k.state;
  if (!validCount(n)) {
    k.warn(`capacity must be 1 … ${MAX_IDS}`);
    return EINVAL;
  }
  if (s.capacityInstalled || s.sets.bySid.size > 0) {
    k.warn('IOASID capacity is already set: capacity already set');
    return 0;
  }
  s.capacity = n;
  s.avail = n;
  s.capacityInstalled = true;
  s.alloc = new GrowableAllocator(n);
  s.ids = new IdTable(n);
  return 0;
}

export function allocSet(k: Kernel, name: string, quota: number, type: SetType, token: string): number {
  return k.call('ioasid_alloc_set', () => {
    const s = k.state;
    if (!(Number.isInteger(quota) && quota >= 1)) return EINVAL;
    if (quota > s.avail) {
      k.warn(`quota ${quota} exceeds the ${s.avail} IDs still available`);
      return ENOSPC;
    }
    if (type === 'mm' && s.sets.findMmToken(token)) {
      k.warn(`an mm set with token '${token}' exists already`);
      return EEXIST;
    }
    const sid = s.sets.nextSid();
    // The kernel has no set names (a set is a token): a second set under a name is allowed,
    // and the name then means it. Said, since the older set can no longer be named.
    const shadowed = s.sets.names.get(name);
    if (shadowed !== undefined) k.warn(`'${name}' now names this new set (sid ${sid}); the earlier set '${name}' (sid ${shadowed}) keeps its quota but can no longer be named`);
    s.sets.insert({ sid, name, token: type === 'null' ? '' : token, type, quota, used: 0, pending: 0, spids: new Map() });
    s.sets.names.set(name, sid);
    s.sets.quotaSum += quota;
    s.avail -= quota;
    return sid;
  });
}

export function adjustSet(k: Kernel, name: string, quota: number): number {
  return k.call('ioasid_adjust_set', () => {
    const s = k.state;
    const set = s.sets.get(name);
    if (!set) {
      k.warn(`ioasid_adjust_set: unknown set '${name}'`);
      return EINVAL;
    }
    if (!(Number.isInteger(quota) && quota >= 1) || quota < set.used) {
      if (quota < set.used) k.warn(`set '${name}' holds ${set.used} IDs; quota ${quota} is too small`);
      return EINVAL;
    }
    if (quota - set.quota > s.avail) {
      k.warn(`raising the quota by ${quota - set.quota} exceeds the ${s.avail} IDs available`);
      return ENOSPC;
    }
    s.avail += set.quota - quota;
    s.sets.quotaSum += quota - set.quota;
    s.sets.writable(set.sid)!.quota = quota;
    return 0;
  });
}

/**
 * Live IDs of a set in ascending order (walks used IDs only, never the free space). Stops
 * after `limit` (the set's live count): `repeat N { free_set empty }` beside a million live
 * IDs of another set must not walk them N times.
 */
export function idsOfSet(k: Kernel, sid: number, limit = Infinity): number[] {
  const s = k.state;
  const out: number[] = [];
  if (limit <= 0) return out;
  for (let id = s.alloc.nextUsed(0); id >= 0; id = s.alloc.nextUsed(id + 1)) {
    if (s.ids.sid[id] === sid && out.push(id) >= limit) break;
  }
  return out;
}

export function freeSet(k: Kernel, name: string, destroy: boolean): number {
  return k.call('ioasid_free_set', () => {
    const s = k.state;
    const set = s.sets.get(name);
    if (!set) {
      k.warn(`ioasid_free_set: unknown set '${name}'`);
      return 0;
    }
    for (const id of idsOfSet(k, set.sid, set.used)) {
      if (s.ids.state[id] === ID_ACTIVE) ioasidFree(k, id);
    }
    if (!destroy) return 0;
    // The frees replaced the record (copy-on-write): read the set as it is now.
    const now = s.view.sets.bySid.get(set.sid)!;
    if (now.used > 0) {
      k.warn(`set '${name}' still holds ${now.used} FREE_PENDING IDs; not destroyed`);
      return EBUSY;
    }
    s.sets.remove(set.sid);
    s.sets.names.delete(name);
    s.sets.quotaSum -= now.quota;
    s.avail += now.quota;
    s.subs.dropChain(set.sid);
    return 0;
  });
}
