// One leaf PASID table's present entries, decoded field by field (VT-d spec 9.6, the
// scalable-mode PASID table entry as intel/pasid.c programs it). In a narrow pane each row
// becomes a wrapped card (CSS container query, labels from data-label).
import type { FrameEntry } from '../../engine/run/frame';
import { hex, flag } from './format';

export function PasidEntryTable({ dir, entries, touched, device, onSelectId }: {
  dir: number;
  entries: FrameEntry[];
  touched: ReadonlySet<number>;
  device: string;
  onSelectId: (id: number) => void;
}) {
  const first = dir * 64;
  return (
    <div className="insp-table-wrap">
      <table className="insp-entries">
        <caption>
          Leaf table dir[{dir}] on {device}: PASIDs {first}–{first + 63}, {entries.length} present
        </caption>
        <thead>
          <tr>
            <th scope="col">PASID</th>
            <th scope="col">dir/index</th>
            <th scope="col" title="Present">P</th>
            <th scope="col" title="Fault Processing Disable">FPD</th>
            <th scope="col" title="PASID Granular Translation Type">PGTT</th>
            <th scope="col" title="Domain ID">DID</th>
            <th scope="col" title="First-level page-table pointer">FLPTPTR</th>
            <th scope="col" title="Second-level page-table pointer">SLPTPTR</th>
            <th scope="col" title="Supervisor Requests Enable">SRE</th>
            <th scope="col" title="Address Width">AW</th>
            <th scope="col" title="First-Level Paging Mode">FLPM</th>
            <th scope="col">owner</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const hot = touched.has(e.id);
            return (
              <tr key={e.id} className={hot ? 'insp-touched' : undefined}>
                <td data-label="PASID">
                  <button type="button" className="insp-link" onClick={() => onSelectId(e.id)} aria-label={`Inspect PASID ${e.id}`}>
                    {e.id}
                  </button>
                  {hot && <span className="insp-changed" title="The current step involved this PASID">● this step</span>}
                </td>
                <td data-label="dir/index" className="insp-mono">{e.dir}/{e.index}</td>
                <td data-label="P" className="insp-mono">{flag(e.p)}</td>
                <td data-label="FPD" className="insp-mono">{flag(e.fpd)}</td>
                <td data-label="PGTT">
                  <span className="insp-mono">{e.pgtt}</span> {e.pgttName}
                </td>
                <td data-label="DID" className="insp-mono">{e.did}</td>
                <td data-label="FLPTPTR" className="insp-mono">{hex(e.flptptr)}</td>
                <td data-label="SLPTPTR" className="insp-mono">{hex(e.slptptr)}</td>
                <td data-label="SRE" className="insp-mono">{flag(e.sre)}</td>
                <td data-label="AW" className="insp-mono">{e.aw}</td>
                <td data-label="FLPM" className="insp-mono">{e.flpm}</td>
                <td data-label="owner">{e.owner}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
