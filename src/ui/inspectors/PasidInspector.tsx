// The VT-d PASID inspector (SPEC §3.4): per device the two-level table (directory, lazily
// allocated 4 KiB leaves, decoded present entries), its memory, and the three caches.
import { useId, useMemo, useState } from 'react';
import { FRAME_ENTRIES_PER_DEVICE, type FrameData, type FrameEntry } from '../../engine/run/frame';
import { LEAF_TABLE_BYTES, PASID_TBL_ENTRIES } from '../../engine/vtd/geometry';
import { CacheTables } from './CacheTables';
import { DeviceTabs } from './DeviceTabs';
import { bytes, count } from './format';
import { PasidEntryTable } from './PasidEntryTable';
import './inspectors.css';

/** Leaf tables drawn per page (8 × 64 entries at most): big tables are paged, not dumped. */
export const LEAVES_PER_PAGE = 8;
/** Directory rows drawn; the memory line still counts every leaf. */
export const MAX_DIR_ROWS = 64;

export interface PasidInspectorProps {
  frame: FrameData;
  touched: readonly number[];
  device?: string;
  onSelectDevice: (name: string) => void;
  onSelectId: (id: number) => void;
}

export function PasidInspector({ frame, touched, device, onSelectDevice, onSelectId }: PasidInspectorProps) {
  const panelId = useId();
  const [page, setPage] = useState(0);
  const touchedSet = useMemo(() => new Set(touched), [touched]);
  const dev = frame.devices.find((d) => d.name === device) ?? frame.devices[0];

  const byDir = useMemo(() => {
    const m = new Map<number, FrameEntry[]>();
    for (const e of dev?.entries ?? []) {
      const list = m.get(e.dir);
      if (list) list.push(e);
      else m.set(e.dir, [e]);
    }
    return m;
  }, [dev]);

  if (!dev) {
    return (
      <section className="insp insp-pasid" aria-label="PASID tables">
        <p className="insp-empty">No devices yet: a scenario adds one with <code>device dev0</code>.</p>
      </section>
    );
  }

  const leafBytes = dev.leafTables.length * LEAF_TABLE_BYTES;
  const truncated = dev.presentCount > dev.entries.length;
  const pages = Math.max(1, Math.ceil(dev.leafTables.length / LEAVES_PER_PAGE));
  // Clamped, not reset in an effect: another device or frame may have fewer leaves.
  const pg = Math.min(page, pages - 1);
  const leavesShown = dev.leafTables.slice(pg * LEAVES_PER_PAGE, (pg + 1) * LEAVES_PER_PAGE);
  // Touched IDs with no present entry here: the step cleared them (teardown) on this device
  // or touched them elsewhere; say so, since the table cannot show an absent row.
  const presentHere = new Set(dev.entries.map((e) => e.id));
  // Past the frame's entry limit absence cannot be told, so the note is left out then.
  const touchedAbsent = truncated ? [] : touched.filter((id) => !presentHere.has(id));

  return (
    <section className="insp insp-pasid" aria-label="PASID tables">
      <DeviceTabs devices={frame.devices} selected={dev.name} panelId={panelId} onSelect={onSelectDevice} />
      <div id={panelId} role="tabpanel" aria-labelledby={`${panelId}-tab-${dev.name}`}>
        <dl className="insp-kv">
          <dt>device</dt>
          <dd>
            <strong>{dev.name}</strong> · ATS {dev.ats ? 'on (has a device-TLB)' : 'off'} · max_pasid {count(dev.maxPasid)}
          </dd>
          <dt>present entries</dt>
          <dd>{count(dev.presentCount)}</dd>
          <dt>memory</dt>
          <dd>
            <strong>{bytes(dev.directoryBytes + leafBytes)}</strong> = directory {bytes(dev.directoryBytes)} + {count(dev.leafTables.length)} leaf
            table{dev.leafTables.length === 1 ? '' : 's'} × 4 KiB
          </dd>
          {touched.length > 0 && (
            <>
              <dt>this step</dt>
              <dd>
                touched PASID {touched.join(', ')}
                {touchedAbsent.length > 0 && <span className="insp-note"> ({touchedAbsent.join(', ')} not present on {dev.name})</span>}
              </dd>
            </>
          )}
        </dl>

        {truncated && (
          <p className="insp-warn-text" role="note">
            Showing the first {count(dev.entries.length)} of {count(dev.presentCount)} present entries (the frame carries at most{' '}
            {count(FRAME_ENTRIES_PER_DEVICE)} per device).
          </p>
        )}

        <div className="insp-section">
          <h3>PASID directory</h3>
          {dev.leafTables.length === 0 ? (
            <p className="insp-empty">No directory entry is present: no leaf table allocated yet.</p>
          ) : (
            <div className="insp-table-wrap insp-scroll" tabIndex={0} role="region" aria-label={`PASID directory of ${dev.name}`}>
              <table>
                <caption>Directory of {dev.name}: present entries, one 4 KiB leaf each</caption>
                <thead>
                  <tr>
                    <th scope="col">dir index</th>
                    <th scope="col">PASIDs</th>
                    <th scope="col" className="insp-num">present</th>
                    <th scope="col" className="insp-num">leaf size</th>
                  </tr>
                </thead>
                <tbody>
                  {dev.leafTables.slice(0, MAX_DIR_ROWS).map((dir) => (
                    <tr key={dir}>
                      <td className="insp-mono">{dir}</td>
                      <td className="insp-mono">
                        {dir * PASID_TBL_ENTRIES}–{dir * PASID_TBL_ENTRIES + PASID_TBL_ENTRIES - 1}
                      </td>
                      <td className="insp-num">{byDir.get(dir)?.length ?? (truncated ? '…' : 0)}</td>
                      <td className="insp-num">4 KiB</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {dev.leafTables.length > MAX_DIR_ROWS && <p className="insp-note">+{count(dev.leafTables.length - MAX_DIR_ROWS)} more directory entries</p>}
            </div>
          )}
        </div>

        <div className="insp-section">
          <h3>Present PASID entries</h3>
          {pages > 1 && (
            <nav className="insp-row" aria-label="Leaf table pages">
              <button type="button" disabled={pg === 0} onClick={() => setPage(pg - 1)}>
                ← previous
              </button>
              <span>
                leaf tables {pg * LEAVES_PER_PAGE + 1}–{Math.min(dev.leafTables.length, (pg + 1) * LEAVES_PER_PAGE)} of {count(dev.leafTables.length)}
              </span>
              <button type="button" disabled={pg >= pages - 1} onClick={() => setPage(pg + 1)}>
                next →
              </button>
            </nav>
          )}
          {dev.entries.length === 0 ? (
            <p className="insp-empty">No present entries on {dev.name}.</p>
          ) : (
            // Scrolls on its own so a full page of leaves does not push the caches out of view.
            <div className="insp-scroll insp-scroll--tall" tabIndex={0} role="region" aria-label={`Present PASID entries of ${dev.name}`}>
              {leavesShown.map((dir) => {
                const list = byDir.get(dir);
                return list ? (
                  <PasidEntryTable key={dir} dir={dir} entries={list} touched={touchedSet} device={dev.name} onSelectId={onSelectId} />
                ) : null;
              })}
            </div>
          )}
        </div>
      </div>

      <CacheTables caches={frame.caches} devices={frame.devices} touched={touchedSet} onSelectId={onSelectId} />
    </section>
  );
}
