// The device picker of the PASID inspector: a WAI-ARIA tab list (arrow keys move between
// devices, only the selected tab is in the tab order) showing ATS and max_pasid per device.
import type { FrameDevice } from '../../engine/run/frame';
import { count } from './format';
import { onTabListKey } from '../shell/tabListKeys';

export function DeviceTabs({ devices, selected, panelId, onSelect }: {
  devices: FrameDevice[];
  selected: string;
  panelId: string;
  onSelect: (name: string) => void;
}) {
  return (
    <div className="insp-tabs" role="tablist" aria-label="Devices" onKeyDown={(e) => onTabListKey(e, (i) => onSelect(devices[i].name))}>
      {devices.map((d) => {
        const on = d.name === selected;
        return (
          <button
            key={d.name}
            type="button"
            role="tab"
            id={`${panelId}-tab-${d.name}`}
            aria-selected={on}
            aria-controls={panelId}
            tabIndex={on ? 0 : -1}
            onClick={() => onSelect(d.name)}
          >
            {d.name}
            <span className="insp-tab__meta">
              ATS {d.ats ? 'on' : 'off'} · max_pasid {count(d.maxPasid)} · {count(d.presentCount)} present
            </span>
          </button>
        );
      })}
    </div>
  );
}
