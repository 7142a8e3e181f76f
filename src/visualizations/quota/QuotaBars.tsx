// Capacity and per-set quota bars: d3-scale maps counts to pixels, React draws the SVG.
// Widths move by CSS transitions (switched off under prefers-reduced-motion in the stylesheet).
import { useId, useMemo, useRef, useState } from 'react';
import { scaleLinear } from 'd3';
import { barSegments, DEFAULT_MAX_ROWS, selectRows, summarizeCapacity, type QuotaRow, type QuotaSet } from './rows';
import { useElementWidth } from '../elementWidth';
import { setColour } from '../setColour';

export interface QuotaFlash {
  set: string;
  message: string;
  /** A new nonce replays the flash even when set and message repeat. */
  nonce: number;
}

export interface QuotaBarsProps {
  capacity: number;
  available: number;
  sets: QuotaSet[];
  /** The named set's bar flashes with the message; an unknown name flashes the capacity bar. */
  flash?: QuotaFlash;
  /** Rows drawn before the rest fold into "+K more sets" (default 10). */
  maxRows?: number;
  theme?: 'light' | 'dark';
}

const BAR_HEIGHT_PX = 22;
const CAPACITY_BAR_HEIGHT_PX = 28;

const fmt = (n: number) => n.toLocaleString('en-US');

function Hatch({ id, colour }: { id: string; colour: string }) {
  return (
    <pattern id={id} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="8" height="8" fill={colour} fillOpacity="0.35" />
      <rect width="3.5" height="8" fill={colour} />
    </pattern>
  );
}

function SetBar({ row, width, flash, patternId }: { row: QuotaRow; width: number; flash?: QuotaFlash; patternId: string }) {
  const x = scaleLinear().domain([0, Math.max(1, row.quota)]).range([0, width]).clamp(true);
  const seg = barSegments(row.quota, row.active, row.pending, x);
  const colour = setColour(row.sid);
  const flashing = flash && flash.set === row.name;
  return (
    <div className={`viz-quota__row${row.folded ? ' viz-quota__row--more' : ''}${seg.over ? ' viz-quota__row--over' : ''}`}>
      <div className="viz-quota__name" title={row.folded ? `${row.folded} smaller sets, summed` : `set ${row.name}, sid ${row.sid}, token ${row.token}`}>
        <span className="viz-quota__dot" style={{ background: colour }} aria-hidden="true" />
        <span className="viz-quota__label">{row.name}</span>
        {!row.folded && (
          <span className="viz-quota__sub">
            sid {row.sid} · token {row.token}
          </span>
        )}
      </div>
      <div className="viz-quota__barcell">
      <svg className="viz-quota__bar" width={width} height={BAR_HEIGHT_PX} aria-hidden="true">
        <defs>
          <Hatch id={patternId} colour={colour} />
        </defs>
        <rect className="viz-quota__track" x={0} y={0} width={width} height={BAR_HEIGHT_PX} rx={3} />
        <rect className="viz-quota__seg" y={0} height={BAR_HEIGHT_PX} fill={colour} style={{ x: seg.active[0], width: seg.active[1] - seg.active[0] }} />
        <rect className="viz-quota__seg" y={0} height={BAR_HEIGHT_PX} fill={`url(#${patternId})`} style={{ x: seg.pending[0], width: seg.pending[1] - seg.pending[0] }} />
        {flashing && <rect key={flash.nonce} className="viz-quota__flash" x={0} y={0} width={width} height={BAR_HEIGHT_PX} rx={3} />}
      </svg>
      {flashing && (
        <span key={flash.nonce} className="viz-quota__flash-msg">
          {flash.message}
        </span>
      )}
      </div>
      <div className="viz-quota__nums">
        {/* Each number whole, the pair free to break after the slash: a million-ID quota's pair is wider than the column. */}
        <span className="viz-quota__num">
          <strong>{fmt(row.used)}</strong> /
        </span>{' '}
        <span className="viz-quota__num">{fmt(row.quota)}</span>
        {row.pending > 0 && <span className="viz-quota__sub">{fmt(row.pending)} free-pending</span>}
      </div>
    </div>
  );
}

export function QuotaBars({ capacity, available, sets, flash, maxRows = DEFAULT_MAX_ROWS, theme = 'dark' }: QuotaBarsProps) {
  // An empty grid row measures the bar column, so the scale ranges over real pixels.
  const rulerRef = useRef<HTMLDivElement>(null);
  const measured = useElementWidth(rulerRef, 360);
  const [showTable, setShowTable] = useState(false);
  const uid = useId().replace(/:/g, '');
  const { rows, hidden } = useMemo(() => selectRows(sets, maxRows, flash?.set), [sets, maxRows, flash?.set]);
  const sum = useMemo(() => summarizeCapacity(capacity, available, sets), [capacity, available, sets]);
  const allSorted = useMemo(() => selectRows(sets, Number.MAX_SAFE_INTEGER).rows, [sets]);

  const barWidth = Math.max(60, measured);
  const cap = scaleLinear().domain([0, Math.max(1, capacity)]).range([0, barWidth]).clamp(true);
  const flashCapacity = flash !== undefined && !sets.some((s) => s.name === flash.set);
  const seg = {
    active: [cap(0), cap(sum.active)],
    pending: [cap(sum.active), cap(sum.used)],
    reserved: [cap(sum.used), cap(Math.max(sum.used, sum.reserved))],
  };

  return (
    <figure className={`viz viz--${theme} viz-quota`} aria-label="Capacity and set quotas">
      <div className="viz-quota__head">
        <span className="viz-heatmap__title">Capacity and quotas</span>
        <button type="button" className="viz-button" aria-pressed={showTable} onClick={() => setShowTable((v) => !v)}>
          {showTable ? 'Hide table' : 'Table'}
        </button>
      </div>
      <div className="viz-quota__stage" aria-hidden="true">
        <div className="viz-quota__row viz-quota__row--ruler">
          <div />
          <div ref={rulerRef} />
          <div />
        </div>
        <div className="viz-quota__row viz-quota__row--capacity">
          <div className="viz-quota__name">
            <span className="viz-quota__label">capacity</span>
          </div>
          <div className="viz-quota__barcell">
          <svg className="viz-quota__bar" width={barWidth} height={CAPACITY_BAR_HEIGHT_PX}>
            <defs>
              <Hatch id={`${uid}-cap`} colour="var(--viz-fg)" />
            </defs>
            <rect className="viz-quota__track" x={0} y={0} width={barWidth} height={CAPACITY_BAR_HEIGHT_PX} rx={3} />
            <rect className="viz-quota__seg viz-quota__reserved" y={0} height={CAPACITY_BAR_HEIGHT_PX} style={{ x: seg.reserved[0], width: seg.reserved[1] - seg.reserved[0] }} />
            <rect className="viz-quota__seg viz-quota__used" y={0} height={CAPACITY_BAR_HEIGHT_PX} style={{ x: seg.active[0], width: seg.active[1] - seg.active[0] }} />
            <rect className="viz-quota__seg" y={0} height={CAPACITY_BAR_HEIGHT_PX} fill={`url(#${uid}-cap)`} style={{ x: seg.pending[0], width: seg.pending[1] - seg.pending[0] }} />
            {flashCapacity && <rect key={flash.nonce} className="viz-quota__flash" x={0} y={0} width={barWidth} height={CAPACITY_BAR_HEIGHT_PX} rx={3} />}
          </svg>
          {flashCapacity && (
            <span key={flash.nonce} className="viz-quota__flash-msg">
              set {flash.set}: {flash.message}
            </span>
          )}
          </div>
          <div className="viz-quota__nums">
            <strong>{fmt(sum.available)}</strong>
            <span className="viz-quota__sub">available</span>
          </div>
        </div>
        <div className="viz-quota__capline">
          Σ quotas {fmt(sum.quotaSum)} · used {fmt(sum.used)} · available {fmt(sum.available)} of {fmt(capacity)}
          {sum.reserved !== sum.quotaSum && <span className="viz-warn"> · reserved {fmt(sum.reserved)} ≠ Σ quotas</span>}
        </div>
        {rows.map((row, i) => (
          <SetBar key={row.key} row={row} width={barWidth} flash={flash} patternId={`${uid}-p${i}`} />
        ))}
        {hidden > 0 && (
          <div className="viz-quota__note">
            Showing the {rows.length - 1} largest of {fmt(sets.length)} sets by quota; the other {fmt(hidden)} are summed in the last row.
          </div>
        )}
        {sets.length === 0 && <div className="viz-quota__note">No sets yet.</div>}
      </div>
      <ul className="viz-legend" aria-hidden="true">
        <li className="viz-legend__item">
          <span className="viz-swatch viz-swatch--used" aria-hidden="true" /> active
        </li>
        <li className="viz-legend__item">
          <span className="viz-swatch viz-swatch--hatch" aria-hidden="true" /> free-pending (still counted)
        </li>
        <li className="viz-legend__item">
          <span className="viz-swatch viz-swatch--reserved" aria-hidden="true" /> reserved by quotas
        </li>
        <li className="viz-legend__item">
          <span className="viz-swatch viz-swatch--track" aria-hidden="true" /> unused
        </li>
        <li className="viz-legend__item viz-legend__note">set bars are scaled to their own quota</li>
      </ul>
      <div className="viz-visually-hidden" role="status">
        {flash ? `${flash.set}: ${flash.message}` : ''}
      </div>
      <div className={showTable ? 'viz-table-wrap' : 'viz-visually-hidden'}>
        <table className="viz-table">
          <caption>
            Capacity {fmt(capacity)}, Σ quotas {fmt(sum.quotaSum)}, used {fmt(sum.used)} ({fmt(sum.pending)} free-pending), available {fmt(sum.available)}.
          </caption>
          <thead>
            <tr>
              <th scope="col">Set</th>
              <th scope="col">SID</th>
              <th scope="col">Token</th>
              <th scope="col">Quota</th>
              <th scope="col">Used</th>
              <th scope="col">Free-pending</th>
            </tr>
          </thead>
          <tbody>
            {allSorted.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.name}</th>
                <td>{r.sid}</td>
                <td>{r.token}</td>
                <td>{fmt(r.quota)}</td>
                <td>{fmt(r.used)}</td>
                <td>{fmt(r.pending)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
