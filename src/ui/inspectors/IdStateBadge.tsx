// An ID's life-cycle state as a badge (SPEC §3.2): ACTIVE, FREE_PENDING (refcount design,
// waiting for its last put) or FREE.
import type { IdDetails } from '../../engine/run/frame';

const STYLE: Record<IdDetails['state'], string> = {
  active: 'insp-badge--ok',
  free_pending: 'insp-badge--warn',
  free: 'insp-badge--muted',
};

export function IdStateBadge({ state }: { state: IdDetails['state'] }) {
  return <span className={`insp-badge ${STYLE[state]}`}>{state.toUpperCase()}</span>;
}
