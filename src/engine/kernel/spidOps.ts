// Guest PASID (SPID) mapping for live migration: ioasid_attach_spid publishes BIND,
// ioasid_detach_spid publishes UNBIND, ioasid_find_by_spid looks up the host ID (v3/v4).

import { EINVAL, ENOENT, INVALID_IOASID } from '../errno';
import { publish } from '../notify/publish';
import type { Kernel } from './kernel';

export function spidOf(k: Kernel, id: number): number | undefined {
  const set = k.state.view.sets.bySid.get(k.state.view.ids.sid[id]);
  if (!set) return undefined;
  for (const [spid, host] of set.spids) if (host === id) return spid;
  return undefined;
}

/** Checks attach_spid's errors without changing anything (bind validates before it programs). */
export function checkAttachSpid(k: Kernel, id: number, spid: number): number {
  // ioasid_attach_spid checks this first: INVALID_IOASID is what find_spid answers for "none".
  if (spid === INVALID_IOASID) return EINVAL;
  const s = k.state.view;
  if (!s.ids.isLive(id)) return ENOENT;
  const set = s.sets.bySid.get(s.ids.sid[id]);
  if (!set) return ENOENT;
  if (set.spids.has(spid) || spidOf(k, id) !== undefined) return EINVAL;
  return 0;
}

export function attachSpid(k: Kernel, id: number, spid: number): number {
  return k.call('ioasid_attach_spid', () => {
    const err = checkAttachSpid(k, id, spid);
    if (err === EINVAL) {
      const holder = spidOf(k, id);
      k.warn(spid === INVALID_IOASID ? 'INVALID_IOASID cannot be a guest PASID' : holder !== undefined ? `IOASID ${id} already has SPID ${holder}` : `SPID ${spid} is already used in this set`);
    }
    if (err) return err;
    return k.withAllocatorLock(() => {
      k.state.sets.writable(k.state.view.ids.sid[id])!.spids.set(spid, id);
      publish(k, 'BIND', id);
      return 0;
    });
  });
}

export function detachSpid(k: Kernel, id: number): number {
  return k.call('ioasid_detach_spid', () => {
    const s = k.state;
    if (!s.ids.isLive(id)) return ENOENT;
    const spid = spidOf(k, id);
    if (spid === undefined) {
      k.warn(`IOASID ${id} has no SPID attached`);
      return 0;
    }
    return k.withAllocatorLock(() => {
      // UNBIND goes out before the mapping is dropped, so handlers can still look it up.
      publish(k, 'UNBIND', id);
      s.sets.writable(s.view.ids.sid[id])?.spids.delete(spid);
      return 0;
    });
  });
}

export function findSpid(k: Kernel, setName: string, spid: number): number {
  const set = k.state.sets.get(setName);
  if (!set) {
    k.warn(`ioasid_find_by_spid: unknown set '${setName}'`);
    return INVALID_IOASID;
  }
  return set.spids.get(spid) ?? INVALID_IOASID;
}
