// The sets inspector (SPEC §3.1): every ioasid_set with its quota accounting, the capacity
// balance, and the selected set's SPID -> host ID mappings (live migration, §3.2).
import { useDeferredValue, useMemo, useState } from 'react';
import type { FrameData } from '../../engine/run/frame';
import { count } from './format';
import { QuotaBar } from './QuotaBar';
import './inspectors.css';

/** Rows drawn at once; thousands of sets are reached through the filter box. */
export const MAX_SET_ROWS = 200;

export interface SetInspectorProps {
  frame: FrameData;
  selectedSet?: string;
  onSelectSet: (name: string) => void;
  onSelectId: (id: number) => void;
}

export function SetInspector({ frame, selectedSet, onSelectSet, onSelectId }: SetInspectorProps) {
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query.trim().toLowerCase());

  const quotaSum = useMemo(() => frame.sets.reduce((n, s) => n + s.quota, 0), [frame.sets]);
  const matching = useMemo(
    () => (deferredQuery ? frame.sets.filter((s) => s.name.toLowerCase().includes(deferredQuery) || s.token.toLowerCase().includes(deferredQuery) || String(s.sid) === deferredQuery) : frame.sets),
    [frame.sets, deferredQuery],
  );
  const rows = matching.slice(0, MAX_SET_ROWS);
  const selected = frame.sets.find((s) => s.name === selectedSet);
  // SPEC §3.1: capacity_avail + Σ quota must equal capacity (else an accounting violation).
  const balanced = frame.available + quotaSum === frame.capacity;

  return (
    <section className="insp insp-sets" aria-label="Sets and quotas">
      <p className="insp-row" aria-label="Capacity">
        <span>capacity <strong className="insp-mono">{count(frame.capacity)}</strong></span>
        <span>available <strong className="insp-mono">{count(frame.available)}</strong></span>
        <span>Σ quota <strong className="insp-mono">{count(quotaSum)}</strong></span>
        <span>allocated <strong className="insp-mono">{count(frame.allocated)}</strong></span>
        {balanced ? (
          <span className="insp-badge insp-badge--ok" title="capacity_avail + Σ quota = capacity">balanced</span>
        ) : (
          <span className="insp-badge insp-badge--danger" title="capacity_avail + Σ quota ≠ capacity">
            mismatch: {count(frame.available + quotaSum)} ≠ {count(frame.capacity)}
          </span>
        )}
      </p>

      {frame.sets.length === 0 ? (
        <p className="insp-empty">No sets yet: a scenario creates one with <code>set vm1 quota=16</code>.</p>
      ) : (
        <>
          {frame.sets.length > 10 && (
            <p className="insp-row">
              <label>
                Filter sets{' '}
                <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="name, token or SID" />
              </label>
              <span className="insp-note">
                {count(matching.length)} of {count(frame.sets.length)}
              </span>
            </p>
          )}
          <div className="insp-table-wrap insp-scroll insp-scroll--tall" tabIndex={0} role="region" aria-label="Sets table">
            <table>
              <caption>Sets ({count(frame.sets.length)})</caption>
              <thead>
                <tr>
                  <th scope="col">name</th>
                  <th scope="col" className="insp-num insp-col-minor">SID</th>
                  <th scope="col" className="insp-col-minor">type</th>
                  <th scope="col" className="insp-col-minor">token</th>
                  <th scope="col" className="insp-num">quota</th>
                  <th scope="col" className="insp-num">used</th>
                  <th scope="col" className="insp-num">pending</th>
                  <th scope="col" className="insp-num" title="free slots: quota − used">
                    free
                  </th>
                  <th scope="col" className="insp-col-minor">
                    <span className="insp-note">used / quota</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((s) => {
                  const on = s.name === selectedSet;
                  const full = s.used >= s.quota;
                  return (
                    <tr key={s.sid} className={on ? 'insp-selected' : undefined}>
                      <td>
                        <button type="button" className="insp-link" aria-pressed={on} onClick={() => onSelectSet(s.name)}>
                          {s.name}
                        </button>
                      </td>
                      <td className="insp-num insp-col-minor">{s.sid}</td>
                      <td className="insp-col-minor">{s.type}</td>
                      <td className="insp-mono insp-col-minor">{s.token || '—'}</td>
                      <td className="insp-num">{count(s.quota)}</td>
                      <td className="insp-num">{count(s.used)}</td>
                      <td className={`insp-num${s.pending ? ' insp-warn-text' : ''}`}>{count(s.pending)}</td>
                      <td className={`insp-num${full ? ' insp-danger-text' : ''}`}>
                        {count(Math.max(0, s.quota - s.used))}
                        {full && ' (full)'}
                      </td>
                      <td className="insp-col-minor">
                        <QuotaBar used={s.used} pending={s.pending} quota={s.quota} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {matching.length > rows.length && (
            <p className="insp-note">+{count(matching.length - rows.length)} more: use the filter to find a set</p>
          )}
        </>
      )}

      {selected && (
        <div className="insp-section">
          <h3>Set {selected.name}</h3>
          {/* Repeats type and token: a narrow pane hides those columns in the table. */}
          <dl className="insp-kv">
            <dt>SID</dt>
            <dd className="insp-mono">{selected.sid}</dd>
            <dt>type</dt>
            <dd>{selected.type === 'mm' ? 'mm (one per VM, token = its mm)' : 'null (no token)'}</dd>
            <dt>token</dt>
            <dd className="insp-mono">{selected.token || '—'}</dd>
            <dt>live</dt>
            <dd>
              {count(selected.used)} of {count(selected.quota)} ({count(selected.pending)} FREE_PENDING)
            </dd>
          </dl>
          {selected.spids.length === 0 ? (
            <p className="insp-empty">No SPID attached in {selected.name}.</p>
          ) : (
            <div className="insp-table-wrap">
              <table>
                <caption>Guest PASID (SPID) → host ID in {selected.name}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="insp-num">SPID</th>
                    <th scope="col">host ID</th>
                  </tr>
                </thead>
                <tbody>
                  {selected.spids.slice(0, MAX_SET_ROWS).map(([spid, id]) => (
                    <tr key={spid}>
                      <td className="insp-num">{spid}</td>
                      <td>
                        <button type="button" className="insp-link" onClick={() => onSelectId(id)} aria-label={`Inspect ID ${id}`}>
                          {id}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {selected.spids.length > MAX_SET_ROWS && <p className="insp-note">+{count(selected.spids.length - MAX_SET_ROWS)} more</p>}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
