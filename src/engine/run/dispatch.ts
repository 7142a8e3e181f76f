// Maps one scenario statement to the kernel operation it models and returns its result.
// Block statements, threads, expectations and scheduling verbs are the machine's business.

import { EINVAL, ENOENT } from '../errno';
import type { Kernel } from '../kernel/kernel';
import type { IdRef, Stmt } from '../scenario/ast';
import { adjustSet, allocSet, freeSet, installCapacity, SYSTEM_SET_NAME } from '../sets/setOps';
import { ioasidAlloc, ioasidFind, ioasidFindSid, ioasidFree, ioasidGet, ioasidNotify, ioasidPut } from '../kernel/ioasidOps';
import { attachSpid, detachSpid, findSpid } from '../kernel/spidOps';
import { addDevice, bind, dma, unbind } from '../kernel/vtdOps';
import { addMm, mmExit, mmuNotifierPut, svaBind } from '../kernel/svaOps';
import { acquire, release } from '../kernel/lockOps';

/** The runtime value of an ID argument; a name whose statement failed refers to nothing (-1). */
export function resolveId(k: Kernel, ref: IdRef): number {
  if (ref.kind === 'num') return ref.value;
  const v = k.state.view.bindings.get(ref.name);
  if (v === undefined) {
    k.warn(`'${ref.name}' refers to no ID: the statement that binds it has not succeeded`);
    return -1;
  }
  return v;
}

export function dispatchKernel(k: Kernel, st: Stmt): number {
  switch (st.verb) {
    case 'capacity':
      return installCapacity(k, st.n);
    case 'set':
      return allocSet(k, st.name, st.quota, st.type, st.token);
    case 'system_set':
      return allocSet(k, SYSTEM_SET_NAME, st.quota, 'null', '');
    case 'adjust':
      return adjustSet(k, st.set, st.quota);
    case 'free_set':
      return freeSet(k, st.set, st.destroy);
    case 'find_sid':
      return ioasidFindSid(k, resolveId(k, st.id));
    case 'alloc':
      return ioasidAlloc(k, st.set, st.min, st.max);
    case 'free':
      return ioasidFree(k, resolveId(k, st.id));
    case 'get':
      return ioasidGet(k, resolveId(k, st.id));
    case 'put':
      return ioasidPut(k, resolveId(k, st.id));
    case 'find':
      return ioasidFind(k, resolveId(k, st.id), st.set);
    case 'attach_spid':
      return attachSpid(k, resolveId(k, st.id), st.spid);
    case 'detach_spid':
      return detachSpid(k, resolveId(k, st.id));
    case 'find_spid':
      return findSpid(k, st.set, st.spid);
    case 'notifier': {
      const s = k.state;
      if (s.view.subs.has(st.name)) {
        k.warn(`notifier '${st.name}' is registered already`);
        return EINVAL;
      }
      let sid = -1;
      if (st.set !== undefined) {
        const found = s.sets.sidOf(st.set);
        if (found === undefined) {
          k.warn(`unknown set '${st.set}'`);
          return EINVAL;
        }
        sid = found;
      }
      s.subs.add(st.name, st.kind, sid, st.prio);
      return 0;
    }
    case 'unnotifier':
      if (!k.state.subs.remove(st.name)) {
        k.warn(`notifier '${st.name}' is not registered`);
        return ENOENT;
      }
      return 0;
    case 'notify':
      return ioasidNotify(k, resolveId(k, st.id), st.event);
    case 'device':
      return addDevice(k, st.name, st.ats, st.maxPasid);
    case 'bind':
      return bind(k, st.device, resolveId(k, st.id), st.mode, st.gpasid);
    case 'unbind':
      return unbind(k, st.device, resolveId(k, st.id));
    case 'dma':
      return dma(k, st.device, resolveId(k, st.id));
    case 'mm':
      return addMm(k, st.name);
    case 'sva_bind':
      return svaBind(k, st.device, st.mm);
    case 'mm_exit':
      return mmExit(k, st.mm);
    case 'mmu_notifier_put':
      return mmuNotifierPut(k, st.mm);
    case 'spin_lock':
      return acquire(k, st.lock, 'spin');
    case 'mutex_lock':
      return acquire(k, st.lock, 'mutex');
    case 'spin_unlock':
      return release(k, st.lock, 'spin');
    case 'mutex_unlock':
      return release(k, st.lock, 'mutex');
    default:
      return 0;
  }
}
