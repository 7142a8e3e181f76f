// Watch expressions over the whole run (the worker samples them, protocol `watch`): each one
// a sparkline with the player's position as a cursor, and its value at exactly that position
// (the worker evaluates the watches for every frame; the sampled series is the fallback).
import { useState, type FormEvent } from 'react';
import { Sparkline } from './Sparkline';
import { valueAt } from './watchValue';

export { valueAt };
import '../inspectors/inspectors.css';

export interface WatchSeries {
  expression: string;
  values: (number | null)[];
  error?: string;
}

export interface WatchPanelProps {
  expressions: string[];
  series?: WatchSeries[];
  positions?: number[];
  position: number;
  /** Values at exactly `position`, from the frame; without one, the last sample at or before it. */
  exact?: ReadonlyMap<string, number | null>;
  onChange: (expressions: string[]) => void;
}

export const WATCH_EXAMPLES = ['avail', 'allocated', 'used vm1', 'quota vm1', 'pending vm1', 'refs g1', 'violations'];


export function WatchPanel({ expressions, series, positions, position, exact, onChange }: WatchPanelProps) {
  const [text, setText] = useState('');

  const add = (e: FormEvent) => {
    e.preventDefault();
    const t = text.trim().replace(/\s+/g, ' ');
    if (!t) return;
    if (!expressions.includes(t)) onChange([...expressions, t]);
    setText('');
  };

  return (
    <section className="insp insp-watch-panel" aria-label="Watches">
      <form className="insp-row" onSubmit={add}>
        <label>
          Watch{' '}
          <input type="text" value={text} onChange={(e) => setText(e.target.value)} placeholder="e.g. used vm1" list="insp-watch-examples" spellCheck={false} />
        </label>
        <datalist id="insp-watch-examples">
          {WATCH_EXAMPLES.map((x) => (
            <option key={x} value={x} />
          ))}
        </datalist>
        <button type="submit">Add</button>
      </form>
      {expressions.length === 0 ? (
        <p className="insp-empty">
          No watches. Try <code>avail</code>, <code>used vm1</code>, <code>refs g1</code> or <code>violations</code>.
        </p>
      ) : (
        <ul className="insp-watch-list">
          {expressions.map((expr) => {
            const s = series?.find((x) => x.expression === expr);
            const v = s?.error ? undefined : exact?.has(expr) ? exact.get(expr) : s && positions ? valueAt(positions, s.values, position) : undefined;
            return (
              <li key={expr} className="insp-watch">
                <span className="insp-watch__expr">{expr}</span>
                {s?.error ? (
                  // Across the curve's and the value's columns: squeezed into the curve's alone, a
                  // message ran seven lines down a narrow column.
                  <span className="insp-danger-text insp-watch__error" role="alert">
                    {s.error}
                  </span>
                ) : (
                  <>
                    <span>
                      {s && positions ? (
                        <Sparkline positions={positions} values={s.values} position={position} value={v} label={`${expr} over the run`} />
                      ) : (
                        <span className="insp-note">sampling…</span>
                      )}
                    </span>
                    <span className="insp-watch__value" aria-label={`${expr} at position ${position}`}>
                      {v === undefined ? '' : v === null ? '—' : v.toLocaleString('en-US')}
                    </span>
                  </>
                )}
                <button type="button" aria-label={`Remove watch ${expr}`} title="Remove" onClick={() => onChange(expressions.filter((x) => x !== expr))}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
