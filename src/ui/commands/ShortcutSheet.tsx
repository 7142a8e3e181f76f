// The `?` sheet: generated from the command registry, grouped, so it can never drift from
// the keys that actually work; then the keys the heatmap and the timeline take while focused.

import { Modal } from '../shell/Modal';
import { useLab } from '../store/labStore';
import { useCommandList } from './CommandsContext';
import { formatKey, type Command, type CommandGroup } from './registry';
import { HEATMAP_KEYS } from '../../visualizations/heatmap/keys';
import { TIMELINE_KEYS } from '../../visualizations/timeline/keys';

const VIEW_KEYS = [
  ['Heatmap', HEATMAP_KEYS],
  ['Timeline', TIMELINE_KEYS],
] as const;

const GROUPS: CommandGroup[] = ['Playback', 'Breakpoints', 'Scenario', 'View', 'Share and files'];

export function ShortcutSheet() {
  const commands = useCommandList();
  const close = () => useLab.setState({ dialog: null });
  const byGroup = new Map<CommandGroup, Command[]>();
  for (const c of commands) byGroup.set(c.group, [...(byGroup.get(c.group) ?? []), c]);
  return (
    <Modal title="Keyboard shortcuts" onClose={close} wide>
      <p className="muted">Shortcuts work anywhere except while typing in the editor or a field (Ctrl+Enter runs the editor text from inside it).</p>
      <div className="sheet">
        {GROUPS.filter((g) => byGroup.has(g)).map((g) => (
          <section key={g} className="sheet__group">
            <h3>{g}</h3>
            <table className="sheet__table">
              <tbody>
                {byGroup.get(g)!.map((c) => (
                  <tr key={c.id} data-command={c.id}>
                    <td className="sheet__key">{c.key ? <kbd>{formatKey(c.key)}</kbd> : <span className="muted">—</span>}</td>
                    <td>{c.title}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
        {VIEW_KEYS.map(([view, keys]) => (
          <section key={view} className="sheet__group">
            <h3>{view} (while it has focus)</h3>
            <table className="sheet__table">
              <tbody>
                {keys.map(([key, what]) => (
                  <tr key={key}>
                    <td className="sheet__key">
                      <kbd>{key}</kbd>
                    </td>
                    <td>{what}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
    </Modal>
  );
}
