// The badge of a §3.6 violation kind: text first, colour second (colour is never the only signal).
import type { ViolationKind } from '../../engine/trace';

export function ViolationBadge({ kind }: { kind: ViolationKind | string }) {
  return <span className={`insp-badge insp-kind insp-kind--${kind}`}>{kind}</span>;
}
