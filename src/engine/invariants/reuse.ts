// reuse-before-cleanup (KERNEL-NOTES invariant 9): checked at the moment an ID is handed out.
// Cost is O(what is held for that one ID), never a scan of the ID space.

import type { Kernel } from '../kernel/kernel';

export function checkReuse(k: Kernel, id: number, gen: number, newOwner: string): void {
  const s = k.state.view;
  // Fast path: nothing anywhere holds state for this ID.
  if (!s.vtd.hasResidue(id) && !s.hold.iommuById.has(id) && !s.hold.kvm.has(id) && !s.hold.vdcm.has(id)) return;
  // Only what an earlier allocation left: the new owner's own records are not residue.
  const held = [...s.vtd.residue(id), ...s.hold.holders(id, gen)];
  if (held.length === 0) return;
  k.violation(
    'reuse-before-cleanup',
    `IOASID ${id} handed to ${newOwner} while the previous owner's state remains: ${held.join('; ')}`,
  );
}
