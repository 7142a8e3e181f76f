// VFIO + VT-d paths of SPEC §3.4: device, bind (intel_svm_bind_gpasid + setup_nested),
// unbind (intel_pasid_tear_down_entry, then UNBIND, then the put) and DMA through the caches.

import { EBUSY, EFAULT, EINVAL, ENODEV, ENOENT, ENOMEM } from '../errno';
import { ID_ACTIVE } from '../idstate';
import { publish } from '../notify/publish';
import { FLPT_DEFAULT_DID, type PasidMode } from '../vtd/entry';
import type { DeviceInfo } from '../vtd/vtdModel';
import { dropActorRef, takeActorRef } from './ioasidOps';
import { PASID_MUTEX, type Kernel } from './kernel';
import { attachSpid, checkAttachSpid, detachSpid, spidOf } from './spidOps';

/** Domain IDs: one per set (the VM's second-level domain); 0 and 1 stay reserved. */
export function domainIdOf(sid: number): number {
  return sid + 2;
}

/**
 * Devices one scenario may add: each has its own PASID table that every checkpoint copies, so
 * a pasted file of 200,000 `device` lines must stop with a warning, not exhaust the worker.
 */
export const MAX_DEVICES = 4096;

/** The named device, or undefined after warning (callers return -ENODEV). */
export function deviceOrWarn(k: Kernel, device: string): DeviceInfo | undefined {
  // Read only: callers change the model through k.state.vtd, never through this record.
  const dev = k.state.view.vtd.device(device);
  if (!dev) k.warn(`unknown device '${device}'`);
  return dev;
}

export function addDevice(k: Kernel, name: string, ats: boolean, maxPasid: number): number {
  if (k.state.vtd.deviceCount >= MAX_DEVICES && !k.state.vtd.device(name)) {
    k.warn(`device limit of ${MAX_DEVICES} reached: '${name}' is not added`);
    return ENOMEM;
  }
  const r = k.state.vtd.addDevice(name, ats, maxPasid);
  if (r < 0) k.warn(r === EINVAL ? `max_pasid must be 1 … ${1 << 20}` : `device '${name}' exists already`);
  return r;
}

export function bind(k: Kernel, device: string, id: number, mode: PasidMode, gpasid?: number): number {
  return k.call('intel_svm_bind_gpasid', () =>
    k.withLock(PASID_MUTEX, 'mutex', () => {
      const s = k.state;
      const dev = deviceOrWarn(k, device);
      if (!dev) return ENODEV;
      if (!s.ids.isLive(id) || s.ids.state[id] !== ID_ACTIVE) return ENOENT;
      if (id >= dev.maxPasid) {
        k.warn(`PASID ${id} is beyond ${device}'s max_pasid ${dev.maxPasid}`);
        return EINVAL;
      }
      if (dev.table.isPresent(id)) {
        k.warn(`${device} already has a present PASID entry for ${id}`);
        return EBUSY;
      }
      const attached = spidOf(k, id);
      const attach = gpasid !== undefined && attached !== gpasid;
      if (attach) {
        const err = checkAttachSpid(k, id, gpasid);
        if (err) {
          k.warn(attached !== undefined ? `IOASID ${id} is bound to gPASID ${attached} already` : `gPASID ${gpasid} is already used in this set`);
          return err;
        }
      }
      const gen = s.ids.gen[id];
      const sid = s.ids.sid[id];
      const did = mode === 'fl' || mode === 'pt' ? FLPT_DEFAULT_DID : domainIdOf(sid);
      const r = s.vtd.setup(device, id, mode, gen, did);
      if (r < 0) return r;
      s.hold.owners.set(gen, s.sets.nameOfSid(sid));
      s.hold.addBinding({ device, id, gen, ref: takeActorRef(k, id), sva: false });
      k.sink.touch?.(id);
      if (attach) attachSpid(k, id, gpasid);
      else k.withAllocatorLock(() => publish(k, 'BIND', id));
      return 0;
    }),
  );
}

export function unbind(k: Kernel, device: string, id: number): number {
  return k.call('intel_svm_unbind_gpasid', () =>
    k.withLock(PASID_MUTEX, 'mutex', () => {
      const s = k.state;
      if (!deviceOrWarn(k, device)) return ENODEV;
      if (!s.ids.isLive(id)) return ENOENT;
      const b = s.hold.binding(device, id);
      if (!b || b.gen !== s.ids.gen[id]) {
        k.warn(`${device} has no binding for IOASID ${id}`);
        return ENOENT;
      }
      s.vtd.tearDown(device, id);
      s.hold.removeBinding(device, id);
      k.sink.touch?.(id);
      const lastDevice = s.hold.bindingsOf(id).every((o) => o.gen !== b.gen);
      if (lastDevice && spidOf(k, id) !== undefined) detachSpid(k, id);
      else k.withAllocatorLock(() => publish(k, 'UNBIND', id));
      dropActorRef(k, id, b.gen, b.ref);
      return 0;
    }),
  );
}

/** A DMA request with PASID `id`; a translation for another owner is a stale translation. */
export function dma(k: Kernel, device: string, id: number): number {
  const s = k.state;
  if (!deviceOrWarn(k, device)) return ENODEV;
  // The request uses the ID (its cached or present entry): an ID breakpoint stops here, which
  // is where a stale translation shows.
  k.sink.touch?.(id);
  const t = s.vtd.translate(device, id);
  const ids = s.view.ids;
  if (!t) {
    k.warn(`DMA fault: ${device} request with PASID ${id} has no translation`);
    return EFAULT;
  }
  const live = ids.isLive(id);
  if (!live || ids.gen[id] !== t.owner) {
    const now = live ? `PASID ${id} now belongs to ${s.view.sets.nameOfSid(ids.sid[id])} (allocation #${ids.gen[id]})` : `PASID ${id} is free`;
    k.violation(
      'stale-translation',
      `${device} DMA with PASID ${id} was translated by the ${t.level === 'table' ? 'PASID table' : t.level} for ${k.ownerLabel(t.owner)}, but ${now}`,
    );
  }
  return 0;
}
