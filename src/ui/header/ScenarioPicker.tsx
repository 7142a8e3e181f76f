// The library picker: the built-in scenarios by title; picking one replaces the editor text
// (the previous text is autosaved work until then, so ask when it has unrun edits).

import { useShallow } from 'zustand/react/shallow';
import { LIBRARY, findScenario, isOwnWork, titleInText } from '../session/library';
import { useLab } from '../store/labStore';
import { useActions } from '../commands/CommandsContext';

export function ScenarioPicker() {
  const actions = useActions();
  const { name, text } = useLab(useShallow((s) => ({ name: s.name, text: s.text })));
  const inLibrary = findScenario(name);
  const edited = inLibrary ? inLibrary.text !== text : true;
  // The state comes first, so a narrow header that cuts the title still shows it.
  const ownTitle = titleInText(text);
  const shown = !edited && inLibrary
    ? inLibrary.title
    : inLibrary && (ownTitle === undefined || ownTitle === inLibrary.title)
      ? `edited: ${inLibrary.title}`
      : `${name === 'shared' ? 'shared' : 'yours'}: ${ownTitle || (name === 'untitled' || name === 'shared' ? 'untitled scenario' : name)}`;
  return (
    <label className="field field--grow">
      <span className="field__label">Scenario</span>
      <select
        aria-label="Built-in scenario"
        // The header cuts long titles: the whole one on hover.
        title={shown}
        value={inLibrary && !edited ? name : ''}
        onChange={(e) => {
          // Give the keyboard back to the hotkeys: a focused list takes ↓ and → as "open the
          // next scenario", which replaced the text of the one just picked.
          e.target.blur();
          const entry = findScenario(e.target.value);
          if (!entry) return;
          if (isOwnWork(useLab.getState()) && !window.confirm('Replace the editor text with this scenario? Your current text will be lost.')) return;
          actions.openScenario(entry.name, entry.text);
        }}
      >
        <option value="" disabled>
          {shown}
        </option>
        {LIBRARY.map((e) => (
          <option key={e.name} value={e.name}>
            {e.title}
          </option>
        ))}
      </select>
    </label>
  );
}
