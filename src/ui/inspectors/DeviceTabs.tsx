// The device picker of the PASID inspector: a WAI-ARIA tab list (arrow keys move between
// devices, only the selected tab is in the tab order) showing ATS and max_pasid per device.
import { useRef, type KeyboardEvent } from 'react';
import type { FrameDevice } from '../../engine/run/frame';
import { count } from './format';

export function DeviceTabs({ devices, selected, panelId, onSelect }: {
  devices: FrameDevice[];
  selected: string;
  panelId: string;
  onSelect: (name: string) => void;
}) {
  const refs = useRef(new Map<string, HTMLButtonElement>());

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = devices.findIndex((d) => d.name === selected);
    let next = -1;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = (i + 1) % devices.length;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = (i - 1 + devices.length) % devices.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = devices.length - 1;
    if (next < 0) return;
    e.preventDefault();
    const name = devices[next].name;
    onSelect(name);
    refs.current.get(name)?.focus();
  };

  return (
    <div className="insp-tabs" role="tablist" aria-label="Devices" onKeyDown={onKey}>
      {devices.map((d) => {
        const on = d.name === selected;
        return (
          <button
            key={d.name}
            ref={(el) => {
              if (el) refs.current.set(d.name, el);
              else refs.current.delete(d.name);
            }}
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
