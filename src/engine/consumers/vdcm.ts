// A device model (VDCM, for an mdev/SIOV device): programs the host ID when the guest binds
// and holds a reference while programmed; on FREE it queues work that clears the device and
// drops the reference; on UNBIND it clears at once (only spinlocks).

import type { Kernel } from '../kernel/kernel';
import type { EventName, NotifyReply } from '../trace';
import { dropActorRef, takeActorRef } from '../kernel/ioasidOps';

export function vdcmNotifier(k: Kernel, event: EventName, id: number): NotifyReply {
  const s = k.state;
  const held = s.view.hold.vdcm.get(id);
  const gen = s.view.ids.gen[id];
  if (event === 'BIND') {
    if (held && held.gen === gen) return 'NOTIFY_DONE';
    const ref = takeActorRef(k, id);
    // No reference (ioasid_get() -EBUSY, FREE_PENDING) → do not program it.
    if (!ref) return 'NOTIFY_DONE';
    s.hold.vdcm.set(id, { gen, ref });
    return 'NOTIFY_OK';
  }
  if (!held || held.gen !== gen) return 'NOTIFY_DONE';
  if (event === 'UNBIND') {
    s.hold.vdcm.delete(id);
    dropActorRef(k, id, held.gen, held.ref);
    return 'NOTIFY_OK';
  }
  if (event === 'FREE') {
    s.deferred.push('wq', { kind: 'vdcm-clear', id, gen }, k.line, `vdcm: clear PASID ${id} and put`);
    return 'NOTIFY_OK';
  }
  return 'NOTIFY_DONE';
}

/** The queued work: clear the device's PASID and drop the reference. */
export function vdcmClearWork(k: Kernel, id: number, gen: number): void {
  const held = k.state.hold.vdcm.get(id);
  if (!held || held.gen !== gen) return;
  k.state.hold.vdcm.delete(id);
  dropActorRef(k, id, gen, held.ref);
}
