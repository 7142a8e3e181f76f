// Bare-metal SVA (SPEC §3.4, KERNEL-NOTES scenario (c)/(d)): an mm's PASID comes from the
// system set, is shared by every device the mm is bound to (iommu_sva_alloc_pasid takes a
// reference per bind), and is freed from an SRCU callback after mmu_notifier_put.

import { EBUSY, EEXIST, EINVAL, ENODEV, ENOMEM, EOVERFLOW, INVALID_IOASID } from '../errno';
import { FLPT_DEFAULT_DID } from '../vtd/entry';
import { SYSTEM_SET_NAME } from '../sets/setOps';
import { ioasidAlloc, ioasidFree, ioasidGet, ioasidPut } from './ioasidOps';
import { PASID_MUTEX, type Kernel } from './kernel';
import { deviceOrWarn } from './vtdOps';

export function addMm(k: Kernel, name: string): number {
  if (k.state.hold.mms.has(name)) return EEXIST;
  k.state.hold.mms.set(name, { name, id: -1, gen: 0, devices: [], refs: 0 });
  return 0;
}

export function svaBind(k: Kernel, device: string, mmName: string): number {
  return k.call('intel_svm_bind_mm', () =>
    k.withLock(PASID_MUTEX, 'mutex', () => {
      const s = k.state;
      const dev = deviceOrWarn(k, device);
      if (!dev) return ENODEV;
      const mm = s.hold.mms.get(mmName);
      if (!mm) return EINVAL;
      const has = mm.id >= 0 && s.ids.isLive(mm.id) && s.ids.gen[mm.id] === mm.gen;
      if (has && dev.table.isPresent(mm.id)) return EBUSY;
      // iommu_sva_alloc_pasid: the mm's PASID is out of this device's range (KERNEL-NOTES §1.3).
      if (has && mm.id >= dev.maxPasid) return EOVERFLOW;
      let id = mm.id;
      if (has) {
        // iommu_sva_alloc_pasid: the mm already has a PASID in range → ioasid_get.
        if (ioasidGet(k, id) !== 0) return EBUSY;
        mm.refs++;
      } else {
        if (!s.sets.get(SYSTEM_SET_NAME)) {
          k.warn('no system set: declare `system_set quota=Q` before sva_bind');
          return ENOMEM;
        }
        id = ioasidAlloc(k, SYSTEM_SET_NAME, 1, dev.maxPasid - 1);
        if (id === INVALID_IOASID) return ENOMEM;
        mm.id = id;
        mm.gen = s.ids.gen[id];
        mm.refs = 1;
        mm.devices = [];
      }
      const r = s.vtd.setup(device, id, 'fl', mm.gen, FLPT_DEFAULT_DID);
      if (r < 0) return r;
      s.hold.owners.set(mm.gen, `mm ${mmName}`);
      s.hold.addBinding({ device, id, gen: mm.gen, ref: false, sva: true });
      mm.devices.push(device);
      k.sink.touch?.(id);
      return id;
    }),
  );
}

/** mmu_notifier_release on exit_mmap: the IOMMU tears entries down before DMA stops. */
export function mmExit(k: Kernel, mmName: string): number {
  return k.call('intel_mm_release', () => {
    const s = k.state;
    const mm = s.hold.mms.get(mmName);
    if (!mm) return EINVAL;
    for (const device of mm.devices) {
      const b = s.hold.binding(device, mm.id);
      if (!b || b.gen !== mm.gen) continue;
      s.vtd.tearDown(device, mm.id);
      s.hold.removeBinding(device, mm.id);
      k.sink.touch?.(mm.id);
    }
    mm.devices = [];
    return 0;
  });
}

/** mmu_notifier_put: queue the SRCU callback that frees the PASID in atomic context. */
export function mmuNotifierPut(k: Kernel, mmName: string): number {
  const mm = k.state.hold.mms.get(mmName);
  if (!mm) return EINVAL;
  // The callback frees the io_mm this put released, so it remembers that mm's PASID now: a
  // PASID the mm gets from a later sva_bind belongs to a new io_mm and is not this put's.
  k.state.deferred.push('rcu', { kind: 'srcu-free', mm: mmName, id: mm.id, gen: mm.gen }, k.line, `mmu_notifier_free_rcu(${mmName}) → ioasid_free`);
  return 0;
}

/** The SRCU callback: mmu_notifier_free_rcu → io_mm_free → ioasid_free / ioasid_put. */
export function srcuFreeMm(k: Kernel, mmName: string, id: number, gen: number): number {
  return k.call('mmu_notifier_free_rcu', () => {
    const s = k.state;
    const mm = s.hold.mms.get(mmName);
    if (!mm || id < 0 || mm.id !== id || mm.gen !== gen) return 0;
    mm.id = -1;
    if (!s.ids.isLive(id) || s.ids.gen[id] !== gen) return 0;
    const refs = mm.refs;
    mm.refs = 0;
    ioasidFree(k, id);
    for (let i = 1; i < refs && s.ids.isLive(id) && s.ids.gen[id] === gen; i++) ioasidPut(k, id);
    return 0;
  });
}
