// The three VT-d caches a teardown must invalidate, in the kernel's order: PASID cache,
// PASID-based IOTLB, device-TLB (ATS only). Each entry shows the tags it was filled under.
import type { FrameCacheEntry, FrameDevice } from '../../engine/run/frame';

const CACHES: { cache: FrameCacheEntry['cache']; title: string }[] = [
  { cache: 'pasid-cache', title: 'PASID cache' },
  { cache: 'iotlb', title: 'IOTLB (PASID-based)' },
  { cache: 'devtlb', title: 'Device-TLB (ATS)' },
];

export function CacheTables({ caches, devices, touched, onSelectId }: {
  caches: FrameCacheEntry[];
  devices: FrameDevice[];
  touched: ReadonlySet<number>;
  onSelectId: (id: number) => void;
}) {
  const anyAts = devices.some((d) => d.ats);
  return (
    <div className="insp-section">
      <h3>Caches</h3>
      <div className="insp-caches">
      {CACHES.map(({ cache, title }) => {
        const rows = caches.filter((c) => c.cache === cache);
        return (
          <div className="insp-table-wrap" key={cache}>
            <table aria-label={title}>
              <caption>
                {title}: {rows.length} {rows.length === 1 ? 'entry' : 'entries'}
              </caption>
              {rows.length > 0 && (
                <thead>
                  <tr>
                    <th scope="col">PASID</th>
                    <th scope="col">DID</th>
                    <th scope="col">device</th>
                    <th scope="col">owner</th>
                  </tr>
                </thead>
              )}
              <tbody>
                {rows.length === 0 ? (
                  <tr>
                    <td colSpan={4} className="insp-empty">
                      {cache === 'devtlb' && !anyAts ? 'empty (no device has ATS)' : 'empty'}
                    </td>
                  </tr>
                ) : (
                  rows.map((c, i) => (
                    <tr key={`${c.device}-${c.id}-${i}`} className={touched.has(c.id) ? 'insp-touched' : undefined}>
                      <td>
                        <button type="button" className="insp-link" onClick={() => onSelectId(c.id)} aria-label={`Inspect PASID ${c.id}`}>
                          {c.id}
                        </button>
                        {touched.has(c.id) && <span className="insp-changed">● this step</span>}
                      </td>
                      <td className="insp-mono">{c.did}</td>
                      <td>{c.device}</td>
                      <td>{c.owner}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        );
      })}
      </div>
    </div>
  );
}
