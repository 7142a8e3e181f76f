// accounting (KERNEL-NOTES invariants 3 and 4): capacity_avail + Σ quota = capacity and no
// set above its quota. Kept incremental: Σ quota is maintained by the set operations.

import type { Kernel } from '../kernel/kernel';

export function checkAccounting(k: Kernel, touchedSets: Iterable<number>): void {
  const s = k.state.view;
  const { avail, capacity } = k.state;
  if (avail + s.sets.quotaSum !== capacity || avail < 0) {
    k.violation('accounting', `capacity_avail ${avail} + Σ quota ${s.sets.quotaSum} ≠ capacity ${capacity}`);
  }
  for (const sid of touchedSets) {
    const set = s.sets.bySid.get(sid);
    if (set && set.used > set.quota) {
      k.violation('accounting', `set '${set.name}' holds ${set.used} IDs, above its quota ${set.quota}`);
    }
  }
}
