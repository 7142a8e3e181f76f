// The VT-d PASID inspector (SPEC §3.4): per device the two-level table (directory, lazily
// allocated 4 KiB leaves, decoded present entries), its memory, and the three caches.
import { useId, useMemo } from 'react';
import { FRAME_ENTRIES_PER_DEVICE, type FrameData, type FrameEntry } from '../../engine/run/frame';
import { LEAF_TABLE_BYTES, PASID_TBL_ENTRIES } from '../../engine/vtd/geometry';
import { CacheTables } from './CacheTables';
import { DeviceTabs } from './DeviceTabs';
import { bytes, count } from './format';
import { PasidEntryTable } from './PasidEntryTable';
import './inspectors.css';

/** Leaf tables drawn in full; past this the rest are listed in the directory only. */
export const MAX_LEAVES_SHOWN = 32;

export interface PasidInspectorProps {
  frame: FrameData;
  touched: readonly number[];
  device?: string;
  onSelectDevice: (name: string) => void;
  onSelectId: (id: number) => void;
}

export function PasidInspector({ frame, touched, device, onSelectDevice, onSelectId }: PasidInspectorProps) {
  const panelId = useId();
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
  const leavesShown = dev.leafTables.slice(0, MAX_LEAVES_SHOWN);
  // Touched IDs with no present entry here: the step cleared them (teardown) on this device
  // or touched them elsewhere; say so, since the table cannot show an absent row.
  const presentHere = new Set(dev.entries.map((e) => e.id));
  const touchedAbsent = touched.filter((id) => !presentHere.has(id));

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
            <div className="insp-table-wrap">
              <table>
                <caption>Present directory entries of {dev.name} (each points at one 4 KiB leaf table)</caption>
                <thead>
                  <tr>
                    <th scope="col">dir index</th>
                    <th scope="col">PASIDs</th>
                    <th scope="col" className="insp-num">present</th>
                    <th scope="col" className="insp-num">leaf size</th>
                  </tr>
                </thead>
                <tbody>
                  {dev.leafTables.slice(0, 200).map((dir) => (
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
              {dev.leafTables.length > 200 && <p className="insp-note">+{count(dev.leafTables.length - 200)} more directory entries</p>}
            </div>
          )}
        </div>

        <div className="insp-section">
          <h3>Present PASID entries</h3>
          {dev.entries.length === 0 ? (
            <p className="insp-empty">No present entries on {dev.name}.</p>
          ) : (
            leavesShown.map((dir) => {
              const list = byDir.get(dir);
              return list ? (
                <PasidEntryTable key={dir} dir={dir} entries={list} touched={touchedSet} device={dev.name} onSelectId={onSelectId} />
              ) : null;
            })
          )}
          {dev.leafTables.length > MAX_LEAVES_SHOWN && (
            <p className="insp-note">
              +{count(dev.leafTables.length - MAX_LEAVES_SHOWN)} more leaf tables not drawn (select an ID in the heatmap to inspect it).
            </p>
          )}
        </div>
      </div>

      <CacheTables caches={frame.caches} devices={frame.devices} touched={touchedSet} onSelectId={onSelectId} />
    </section>
  );
}
