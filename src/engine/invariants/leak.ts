// leak: at the end of a run, after every deferred item ran, an ID still FREE_PENDING or an
// actor still holding state for an ID that has been freed.

import { ID_FREE_PENDING } from '../idstate';
import type { Kernel } from '../kernel/kernel';

export function checkLeaks(k: Kernel): void {
  const s = k.state.view;
  for (let id = s.alloc.nextUsed(0); id >= 0; id = s.alloc.nextUsed(id + 1)) {
    if (s.ids.state[id] !== ID_FREE_PENDING || s.reported.has(`leak:${id}`)) continue;
    k.state.reported.add(`leak:${id}`);
    k.violation('leak', `IOASID ${id} is still FREE_PENDING with ${s.ids.refs[id]} reference(s) after all deferred work ran`);
  }
  const gone = (id: number, gen: number) => !s.ids.isLive(id) || s.ids.gen[id] !== gen;
  for (const [id, t] of s.hold.kvm) {
    if (gone(id, t.gen) && !s.reported.has(`leak:kvm:${id}`)) {
      k.state.reported.add(`leak:kvm:${id}`);
      k.violation('leak', `KVM still holds a VMCS PASID translation (gPASID ${t.gpasid}) for IOASID ${id}, which was freed`);
    }
  }
  for (const [id, v] of s.hold.vdcm) {
    if (gone(id, v.gen) && !s.reported.has(`leak:vdcm:${id}`)) {
      k.state.reported.add(`leak:vdcm:${id}`);
      k.violation('leak', `the device model still has IOASID ${id} programmed after it was freed`);
    }
  }
}

/** A VT-d binding whose owner is gone: the PASID entry outlived the ID. */
export function checkBindingLeaks(k: Kernel): void {
  const s = k.state.view;
  for (const b of s.hold.iommu.values()) {
    const key = `leak:bind:${b.device}:${b.id}`;
    if ((s.ids.isLive(b.id) && s.ids.gen[b.id] === b.gen) || s.reported.has(key)) continue;
    k.state.reported.add(key);
    k.violation('leak', `${b.device} still has a present PASID entry for IOASID ${b.id} of ${k.ownerLabel(b.gen)}, which was freed`);
  }
}
