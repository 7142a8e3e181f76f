// Kernel-side state beyond the tables (SPEC §3.3, §3.5): threads, deferred work (RCU callbacks
// and ioasid_wq items), locks, the KVM and VDCM holders, and bare-metal SVA mms.
import type { ReactNode } from 'react';
import type { FrameData } from '../../engine/run/frame';
import './inspectors.css';

const STATUS_BADGE: Record<string, string> = {
  ready: 'insp-badge--ok',
  done: 'insp-badge--muted',
  idle: 'insp-badge--muted',
  stuck: 'insp-badge--danger',
};

function Table({ label, empty, head, children, count }: { label: string; empty: string; head: string[]; children: ReactNode; count: number }) {
  return (
    <div className="insp-table-wrap insp-section">
      <table>
        <caption>
          {label} ({count})
        </caption>
        {count > 0 && (
          <thead>
            <tr>
              {head.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
        )}
        <tbody>
          {count === 0 ? (
            <tr>
              <td colSpan={head.length} className="insp-empty">
                {empty}
              </td>
            </tr>
          ) : (
            children
          )}
        </tbody>
      </table>
    </div>
  );
}

export interface KernelStatePanelProps {
  frame: FrameData;
}

export function KernelStatePanel({ frame }: KernelStatePanelProps) {
  return (
    <section className="insp insp-kernel" aria-label="Kernel state">
      <Table label="Threads" empty="no threads" head={['thread', 'status', 'next line']} count={frame.threads.length}>
        {frame.threads.map((t) => (
          <tr key={t.name}>
            <td className="insp-mono">{t.name}</td>
            <td>
              <span className={`insp-badge ${STATUS_BADGE[t.status] ?? 'insp-badge--accent'}`}>{t.status}</span>
            </td>
            <td className="insp-mono">{t.line ?? '—'}</td>
          </tr>
        ))}
      </Table>

      {/* frame.deferred is already in queueing order (oldest first), which is the run order. */}
      <Table label="Deferred work, oldest first" empty="nothing queued" head={['#', 'queue', 'item', 'queued at line']} count={frame.deferred.length}>
        {frame.deferred.map((d, i) => (
          <tr key={i}>
            <td className="insp-num">{i + 1}</td>
            <td>
              <span className="insp-badge insp-badge--accent">{d.queue === 'rcu' ? 'RCU callback' : 'ioasid_wq'}</span>
            </td>
            <td className="insp-mono">{d.label}</td>
            <td className="insp-mono">{d.line}</td>
          </tr>
        ))}
      </Table>

      <Table label="Locks" empty="no locks taken yet" head={['lock', 'kind', 'holder']} count={frame.locks.length}>
        {frame.locks.map((l) => (
          <tr key={l.name}>
            <td className="insp-mono">{l.name}</td>
            <td>{l.kind === 'mutex' ? 'mutex (sleeps)' : 'spinlock'}</td>
            <td>{l.holder ? <span className="insp-badge insp-badge--warn">held by {l.holder}</span> : <span className="insp-note">free</span>}</td>
          </tr>
        ))}
      </Table>

      <Table label="KVM PASID translations (VMCS)" empty="none" head={['gPASID', 'host ID', 'owner']} count={frame.kvm.length}>
        {frame.kvm.map((k) => (
          <tr key={k.id}>
            <td className="insp-mono">{k.gpasid}</td>
            <td className="insp-mono">{k.id}</td>
            <td>{k.owner}</td>
          </tr>
        ))}
      </Table>

      <Table label="VDCM programmed PASIDs" empty="none" head={['ID', 'owner']} count={frame.vdcm.length}>
        {frame.vdcm.map((v) => (
          <tr key={v.id}>
            <td className="insp-mono">{v.id}</td>
            <td>{v.owner}</td>
          </tr>
        ))}
      </Table>

      <Table label="SVA address spaces (mm)" empty="none" head={['mm', 'PASID', 'devices']} count={frame.mms.length}>
        {frame.mms.map((m) => (
          <tr key={m.name}>
            <td className="insp-mono">{m.name}</td>
            <td className="insp-mono">{m.id > 0 ? m.id : '—'}</td>
            <td>{m.devices.length ? m.devices.join(', ') : 'none'}</td>
          </tr>
        ))}
      </Table>
    </section>
  );
}
