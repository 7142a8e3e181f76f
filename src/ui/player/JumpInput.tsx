// "Jump to step N": a number field that seeks on Enter (the `g` hotkey focuses it).

import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../store/labStore';
import { useActions } from '../commands/CommandsContext';

export function JumpInput() {
  const actions = useActions();
  const { target, stepCount } = useLab(useShallow((s) => ({ target: s.target, stepCount: s.stepCount })));
  const [draft, setDraft] = useState(String(target));
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setDraft(String(target));
  }, [target, editing]);
  return (
    <label className="jump" title="Steps applied so far (position); type a number and Enter to jump there (G)">
      <span className="jump__label">Step</span>
      <input
        id="jump-input"
        className="jump__input"
        // Wide enough for the largest position, so a million-step run's number is not cut.
        style={{ width: `${Math.max(3, String(stepCount).length) + 2.2}ch` }}
        type="text"
        inputMode="numeric"
        value={draft}
        aria-label="Jump to step"
        onFocus={() => setEditing(true)}
        onBlur={() => setEditing(false)}
        onChange={(e) => setDraft(e.target.value.replace(/[^0-9]/g, ''))}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (draft !== '') actions.seek(Number(draft));
            e.currentTarget.blur();
          } else if (e.key === 'Escape') {
            setDraft(String(target));
            e.currentTarget.blur();
          }
        }}
      />
      <span className="jump__total">/ {stepCount.toLocaleString('en-US')}</span>
    </label>
  );
}
