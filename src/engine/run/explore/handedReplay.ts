// Replaying the states another worker handed over (work stealing, src/cli/workSharing.ts).
// They come from the bottom of that worker's stack: children of the states on its path, so
// their schedules share prefixes. Each is replayed from the last state the one before it
// passed on the shared way, not from the start: with two workers on the heavy bench search,
// replays from the start ran 7-26% more units than the search itself.

import type { Machine, MachineSnapshot } from '../machine';

/**
 * The state each schedule reaches from `initial`, in order, as a snapshot the caller owns;
 * undefined where a unit is not enabled on the way.
 */
export function replayHanded(m: Machine, initial: MachineSnapshot, schedules: readonly (readonly string[])[]): (MachineSnapshot | undefined)[] {
  /** way[i]: the state after the first i units of wayUnits. */
  const way: MachineSnapshot[] = [initial];
  const wayUnits: string[] = [];
  const out: (MachineSnapshot | undefined)[] = [];
  for (const s of schedules) {
    let common = 0;
    while (common < wayUnits.length && common < s.length - 1 && wayUnits[common] === s[common]) common++;
    way.length = common + 1;
    wayUnits.length = common;
    m.restore(way[common]);
    let enabled = true;
    for (let i = common; i < s.length; i++) {
      enabled = m.choices().includes(s[i]);
      if (!enabled) break;
      m.runUnit(s[i]);
      if (i < s.length - 1) {
        way.push(m.snapshot());
        wayUnits.push(s[i]);
      }
    }
    out.push(enabled ? m.detach() : undefined);
  }
  return out;
}
