// One ID in depth: its state, owner set, references, and everything that still holds state
// for it (the residue an ID-reuse race would expose, SPEC §1).
import type { IdDetails } from '../../engine/run/frame';
import { IdStateBadge } from './IdStateBadge';
import './inspectors.css';

export interface IdInspectorProps {
  details?: IdDetails;
  loading: boolean;
}

export function IdInspector({ details, loading }: IdInspectorProps) {
  if (!details) {
    return (
      <section className="insp insp-id" aria-label="ID details" aria-busy={loading}>
        <p className="insp-empty">{loading ? 'Loading…' : 'Select an ID in the heatmap or a table'}</p>
      </section>
    );
  }
  const d = details;
  const live = d.state !== 'free';
  return (
    <section className="insp insp-id" aria-label={`ID ${d.id} details`} aria-busy={loading}>
      <h2 className="insp-row">
        <span>
          ID <span className="insp-mono">{d.id}</span>
        </span>
        <IdStateBadge state={d.state} />
        {loading && <span className="insp-note">updating…</span>}
      </h2>
      <dl className="insp-kv insp-busy-dim">
        <dt>set</dt>
        <dd>{d.set ?? '—'}</dd>
        <dt>references</dt>
        <dd className="insp-mono">{d.refs}</dd>
        <dt>allocation</dt>
        <dd>{live ? <span className="insp-mono">#{d.allocation}</span> : '—'}</dd>
        <dt>SPID (guest PASID)</dt>
        <dd className="insp-mono">{d.spid ?? '—'}</dd>
        <dt>present on</dt>
        <dd>{d.devices.length ? d.devices.join(', ') : 'no device'}</dd>
        <dt>KVM translation</dt>
        <dd>{d.kvm !== undefined ? <span className="insp-mono">gPASID {d.kvm} → {d.id}</span> : 'none'}</dd>
        <dt>VDCM</dt>
        <dd>{d.vdcm ? 'programmed' : 'not programmed'}</dd>
      </dl>
      <div className="insp-section insp-busy-dim">
        <h3>Residue</h3>
        {d.residue.length === 0 ? (
          <p className="insp-note">Nothing else holds state for ID {d.id}.</p>
        ) : (
          <>
            <p className="insp-warn-text">
              ⚠ {d.residue.length} thing{d.residue.length === 1 ? '' : 's'} {d.state === 'active' ? '' : 'still '}hold{d.residue.length === 1 ? 's' : ''} state for ID {d.id}
              {d.state === 'free'
                ? ' although it is free: a new owner would inherit it.'
                : d.state === 'free_pending'
                  ? ': the ID stays FREE_PENDING until they let go.'
                  : ' (to tear down before the ID is freed):'}
            </p>
            <ul className="insp-warn-text">
              {d.residue.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
