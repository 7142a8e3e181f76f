// The state invariants every fuzz step must leave intact (SPEC §3.1, §3.2, §3.4): quota
// accounting, live counts against a recount, the allocator's own audit, PASID entries and
// bindings on known devices, refs ≥ 1 for live IDs. Returns the first problem or undefined.

import type { IdAllocator } from '../../src/engine/ids/allocator';
import { ID_FREE, ID_FREE_PENDING } from '../../src/engine/idstate';
import type { KernelState } from '../../src/engine/kernel/state';

export function kernelProblem(s: KernelState): string | undefined {
  if (s.avail < 0) return `avail ${s.avail} < 0`;
  let quotaSum = 0;
  for (const set of s.sets.bySid.values()) quotaSum += set.quota;
  if (quotaSum !== s.sets.quotaSum) return `kept Σ quota ${s.sets.quotaSum} but recount ${quotaSum}`;
  if (quotaSum + s.avail !== s.capacity) return `Σ quota ${quotaSum} + avail ${s.avail} ≠ capacity ${s.capacity}`;

  const used = new Map<number, number>();
  const pending = new Map<number, number>();
  let live = 0;
  for (let id = 0; id < s.ids.slots; id++) {
    const st = s.ids.state[id];
    if (st === ID_FREE) continue;
    live++;
    if (!s.alloc.isUsed(id)) return `ID ${id} is live but free in the allocator`;
    if (s.ids.refs[id] < 1) return `live ID ${id} has refs ${s.ids.refs[id]}`;
    const sid = s.ids.sid[id];
    used.set(sid, (used.get(sid) ?? 0) + 1);
    if (st === ID_FREE_PENDING) pending.set(sid, (pending.get(sid) ?? 0) + 1);
  }
  if (live !== s.alloc.count) return `${live} live IDs but the allocator counts ${s.alloc.count}`;
  for (let id = s.alloc.nextUsed(0); id >= 0; id = s.alloc.nextUsed(id + 1)) {
    if (!s.ids.isLive(id)) return `allocator holds ${id} but the ID table says free`;
  }
  const inner = (s.alloc as unknown as { inner?: IdAllocator }).inner;
  const audit = inner?.audit();
  if (audit) return `allocator audit: ${audit}`;

  for (const set of s.sets.bySid.values()) {
    if (set.used > set.quota) return `set ${set.name} used ${set.used} > quota ${set.quota}`;
    if (set.used !== (used.get(set.sid) ?? 0)) return `set ${set.name} used ${set.used} but ${used.get(set.sid) ?? 0} live IDs carry sid ${set.sid}`;
    if (set.pending !== (pending.get(set.sid) ?? 0)) return `set ${set.name} pending ${set.pending} but recount ${pending.get(set.sid) ?? 0}`;
    used.delete(set.sid);
  }
  if (used.size > 0) return `live IDs of vanished sets: ${[...used.keys()].join(', ')}`;

  const devices = new Set<string>();
  for (const d of s.vtd.devices()) {
    devices.add(d.name);
    for (const id of d.table.presentIds()) if (id >= d.maxPasid) return `${d.name} has an entry for ${id} ≥ max_pasid ${d.maxPasid}`;
  }
  for (const b of s.hold.iommu.values()) if (!devices.has(b.device)) return `binding of ${b.id} on unknown device ${b.device}`;
  return undefined;
}
