// The Export ▾ menu: scenario text, trace JSON (SPEC §6), Chrome Trace Event JSON for
// Perfetto, and PNGs of the canvas views. Items are commands.

import { useCommand } from '../commands/CommandsContext';
import { useMenuDismiss } from '../shell/useMenuDismiss';

function Item({ id, onDone }: { id: string; onDone: () => void }) {
  const { command, enabled } = useCommand(id);
  return (
    <button
      type="button"
      role="menuitem"
      className="menu__item"
      disabled={!enabled}
      data-command={id}
      onClick={() => {
        onDone();
        command.run();
      }}
    >
      {command.title.replace(/^Export /, '')}
    </button>
  );
}

export function ExportMenu() {
  const { ref, onKeyDown, close } = useMenuDismiss();
  return (
    <details className="menu" ref={ref} onKeyDown={onKeyDown}>
      <summary className="btn" title="Export the scenario, the trace or a view">
        Export ▾
      </summary>
      <div className="menu__panel menu__panel--right" role="menu" aria-label="Export">
        <Item id="export.scenario" onDone={close} />
        <Item id="export.trace" onDone={close} />
        <Item id="export.chrome" onDone={close} />
        <Item id="export.pngHeatmap" onDone={close} />
        <Item id="export.pngTimeline" onDone={close} />
      </div>
    </details>
  );
}
