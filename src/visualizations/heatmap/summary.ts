// Counts of IDs by what the heatmap shows, for the legend and the screen-reader summary.
import { cellKindOf, type CellKind } from './palette';

export type KindCounts = Record<CellKind, number>;

/** Counts per state byte first (256 buckets) so the per-ID loop stays a single increment. */
export function countKinds(state: Uint8Array, capacity: number): KindCounts {
  const perByte = new Uint32Array(256);
  const n = Math.min(capacity, state.length);
  for (let i = 0; i < n; i++) perByte[state[i]]++;
  const counts: KindCounts = { free: 0, stale: 0, active: 0, 'active-bound': 0, pending: 0, 'pending-bound': 0, invalid: 0 };
  for (let b = 0; b < 256; b++) counts[cellKindOf(b)] += perByte[b];
  return counts;
}
