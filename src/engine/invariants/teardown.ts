// teardown-order (KERNEL-NOTES invariant 10): an entry is cleared, then the PASID cache, the
// IOTLB and (with ATS) the device TLB are invalidated, and only then may the last reference
// be dropped. Under the refcount model a reclaim with state still present breaks it.

import type { Kernel } from '../kernel/kernel';

export function checkReclaimTeardown(k: Kernel, id: number): void {
  // Fast path, as in checkReuse: no entry and no cache line for this PASID anywhere.
  if (!k.state.view.vtd.hasResidue(id)) return;
  const residue = k.state.view.vtd.residue(id);
  if (residue.length === 0) return;
  k.violation(
    'teardown-order',
    `IOASID ${id} lost its last reference while ${residue.join('; ')} remained: teardown must clear and flush before the reference is dropped`,
  );
}
