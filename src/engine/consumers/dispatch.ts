// Routes a delivered event to the built-in subscriber behaviour of SPEC §3.3.

import type { Kernel } from '../kernel/kernel';
import type { Subscriber } from '../notify/subscribers';
import type { EventName, NotifyReply } from '../trace';
import { iommuNotifier } from './iommu';
import { kvmNotifier } from './kvm';
import { vdcmNotifier } from './vdcm';

export function handleEvent(k: Kernel, sub: Subscriber, event: EventName, id: number): NotifyReply {
  switch (sub.kind) {
    case 'iommu':
      return iommuNotifier(k, event, id);
    case 'kvm':
      return kvmNotifier(k, event, id);
    case 'vdcm':
      return vdcmNotifier(k, event, id);
    case 'log':
      return 'NOTIFY_DONE';
  }
}
