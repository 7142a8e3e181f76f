// The VT-d driver as a subscriber (v1 patch 10, v4 intel_svm pasid_status_change): on FREE of
// an ID bound on devices it tears the PASID entries down, synchronously under pasid_mutex
// (cleanup=sync, may sleep) or from work queued on ioasid_wq (cleanup=deferred).

import { PASID_MUTEX, type Kernel } from '../kernel/kernel';
import type { EventName, NotifyReply } from '../trace';
import { dropActorRef } from '../kernel/ioasidOps';
import { detachSpid, spidOf } from '../kernel/spidOps';

export function iommuNotifier(k: Kernel, event: EventName, id: number): NotifyReply {
  if (event !== 'FREE') return 'NOTIFY_DONE';
  const gen = k.state.view.ids.gen[id];
  const bound = k.state.hold.bindingsOf(id).filter((b) => b.gen === gen);
  if (bound.length === 0) return 'NOTIFY_DONE';
  if (k.model.cleanup === 'deferred') {
    k.state.deferred.push('wq', { kind: 'iommu-teardown', id, gen }, k.line, `intel_svm_free_async_fn: tear down PASID ${id}`);
    return 'NOTIFY_OK';
  }
  teardownAll(k, id, gen);
  return 'NOTIFY_OK';
}

/**
 * Tears down every device entry of (id, gen) in the strict order, detaches the guest PASID
 * (so UNBIND still reaches the set chain) and drops the driver's references.
 */
export function teardownAll(k: Kernel, id: number, gen: number): void {
  k.call('intel_svm_free_pasid', () =>
    k.withLock(PASID_MUTEX, 'mutex', () => {
      const bound = k.state.hold.bindingsOf(id).filter((b) => b.gen === gen);
      for (const b of bound) {
        k.state.vtd.tearDown(b.device, id);
        k.state.hold.removeBinding(b.device, id);
        k.sink.touch?.(id);
      }
      const live = k.state.ids.isLive(id) && k.state.ids.gen[id] === gen;
      if (live && spidOf(k, id) !== undefined) detachSpid(k, id);
      for (const b of bound) dropActorRef(k, id, gen, b.ref);
    }),
  );
}
