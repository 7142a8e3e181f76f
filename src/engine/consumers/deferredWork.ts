// Runs the kernel's own deferred items (not scenario blocks): the VT-d teardown work, the
// device model's clear work and the SRCU callback that frees an mm's PASID.

import type { DeferredAction } from '../exec/deferred';
import type { Kernel } from '../kernel/kernel';
import { srcuFreeMm } from '../kernel/svaOps';
import { teardownAll } from './iommu';
import { vdcmClearWork } from './vdcm';

export function runKernelWork(k: Kernel, action: Exclude<DeferredAction, { kind: 'block' }>): number {
  switch (action.kind) {
    case 'iommu-teardown':
      teardownAll(k, action.id, action.gen);
      return 0;
    case 'vdcm-clear':
      vdcmClearWork(k, action.id, action.gen);
      return 0;
    case 'srcu-free':
      return srcuFreeMm(k, action.mm, action.id, action.gen);
  }
}
