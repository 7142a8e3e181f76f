// KVM: on BIND record the VMCS PASID translation (gPASID → host ID) and take a reference;
// on UNBIND or FREE clear it and drop the reference. Only spinlocks: never sleeps.

import type { Kernel } from '../kernel/kernel';
import type { EventName, NotifyReply } from '../trace';
import { dropActorRef, takeActorRef } from '../kernel/ioasidOps';
import { spidOf } from '../kernel/spidOps';

export function kvmNotifier(k: Kernel, event: EventName, id: number): NotifyReply {
  const s = k.state;
  const held = s.view.hold.kvm.get(id);
  const gen = s.view.ids.gen[id];
  if (event === 'BIND') {
    if (held && held.gen === gen) return 'NOTIFY_DONE';
    const gpasid = spidOf(k, id) ?? id;
    const ref = takeActorRef(k, id);
    // ioasid_get() -EBUSY on a FREE_PENDING ID: KVM must not install a VMCS translation it
    // holds no reference for (it would outlive the reclaim).
    if (!ref) return 'NOTIFY_DONE';
    s.hold.kvm.set(id, { gen, gpasid, ref });
    return 'NOTIFY_OK';
  }
  if (event === 'UNBIND' || event === 'FREE') {
    // Idempotent: UNBIND after FREE finds nothing to clear.
    if (!held || held.gen !== gen) return 'NOTIFY_DONE';
    s.hold.kvm.delete(id);
    dropActorRef(k, id, held.gen, held.ref);
    return 'NOTIFY_OK';
  }
  return 'NOTIFY_DONE';
}
