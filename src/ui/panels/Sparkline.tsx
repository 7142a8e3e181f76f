// A watch's sparkline: d3-scale and d3-shape compute the path, React renders the SVG. Gaps
// (null values: the set or ID did not exist yet) break the line instead of dropping to 0.
import { useMemo } from 'react';
import { line, scaleLinear } from 'd3';

const W = 200;
const H = 40;
const PAD = 3;

export function Sparkline({ positions, values, position, value, label }: {
  positions: number[];
  values: (number | null)[];
  position: number;
  /** The value shown at `position` (the panel's: exact when known, else the last sample); the dot sits there. */
  value: number | null | undefined;
  label: string;
}) {
  const geo = useMemo(() => {
    const n = Math.min(positions.length, values.length);
    const xs = positions.slice(0, n);
    const nums = values.slice(0, n).filter((v): v is number => v !== null);
    const x = scaleLinear().domain([xs[0] ?? 0, Math.max(xs[n - 1] ?? 1, (xs[0] ?? 0) + 1)]).range([PAD, W - PAD]);
    let lo = nums.length ? Math.min(...nums) : 0;
    let hi = nums.length ? Math.max(...nums) : 1;
    if (lo === hi) { lo -= 1; hi += 1; }
    // Clamped: the frame's exact value may lie between samples, beyond their range.
    const y = scaleLinear().domain([lo, hi]).range([H - PAD, PAD]).clamp(true);
    const path = line<number>()
      .defined((i) => values[i] !== null)
      .x((i) => x(xs[i]))
      .y((i) => y(values[i] as number))(Array.from({ length: n }, (_, i) => i)) ?? '';
    return { x, y, path };
  }, [positions, values]);

  const cx = geo.x(position);
  return (
    <svg className="insp-spark" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={label}>
      <path className="insp-spark__line" d={geo.path} />
      <line className="insp-spark__cursor" x1={cx} x2={cx} y1={0} y2={H} />
      {/* A zero-length round-capped line: stays a circle although the SVG is stretched. */}
      {typeof value === 'number' && <line className="insp-spark__dot" x1={cx} x2={cx} y1={geo.y(value)} y2={geo.y(value)} />}
    </svg>
  );
}
