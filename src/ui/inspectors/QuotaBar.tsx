// A small inline bar: used (solid) and FREE_PENDING (hatched) out of a set's quota. The
// numbers sit in the table beside it, so the bar is decorative for assistive tech.
export function QuotaBar({ used, pending, quota }: { used: number; pending: number; quota: number }) {
  const q = Math.max(1, quota);
  const active = Math.max(0, used - pending);
  const a = Math.min(100, (active / q) * 100);
  const p = Math.min(100 - a, (pending / q) * 100);
  return (
    <span className="insp-bar" aria-hidden="true">
      <span className="insp-bar__used" style={{ width: `${a}%` }} />
      <span className="insp-bar__pending" style={{ left: `${a}%`, width: `${p}%` }} />
    </span>
  );
}
