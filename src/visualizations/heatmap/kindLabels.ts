// Human wording of each heatmap cell kind, shared by the legend, tooltip and text alternative.
import type { CellKind } from './palette';

export const KIND_LABELS: Record<CellKind, string> = {
  free: 'free',
  active: 'active',
  'active-bound': 'active, bound on a device',
  pending: 'free-pending',
  'pending-bound': 'free-pending, still bound',
  stale: 'stale: free but a device entry is still present',
  invalid: 'invalid state byte',
};

/** Legend order: the life cycle left to right, the hazard last. */
export const LEGEND_KINDS: readonly CellKind[] = ['free', 'active', 'active-bound', 'pending', 'pending-bound', 'stale'];
