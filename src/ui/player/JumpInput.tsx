// "Jump to step N": a number field that seeks on Enter (the `g` hotkey focuses it).

import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../store/labStore';
import { useActions } from '../commands/CommandsContext';

/**
 * The step a typed jump names: a whole number, its digits grouped or not ("1048581",
 * "1,048,581", "1 048 581"); undefined for anything else ("4.5", "-3", "12a").
 */
export function parseJump(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t) && !/^\d{1,3}([, _]\d{3})+$/.test(t)) return undefined;
  const n = Number(t.replace(/[, _]/g, ''));
  return Number.isSafeInteger(n) ? n : undefined;
}

export function JumpInput() {
  const actions = useActions();
  const { target, stepCount } = useLab(useShallow((s) => ({ target: s.target, stepCount: s.stepCount })));
  const [draft, setDraft] = useState(String(target));
  const [editing, setEditing] = useState(false);
  const [invalid, setInvalid] = useState(false);
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
        style={{ width: `${Math.max(3, String(stepCount).length) + 1.6}ch` }}
        type="text"
        inputMode="numeric"
        value={draft}
        aria-label="Jump to step"
        aria-invalid={invalid || undefined}
        maxLength={16}
        onFocus={() => setEditing(true)}
        onBlur={() => {
          setEditing(false);
          setInvalid(false);
        }}
        // Kept as typed: "4.5" stripped to "45" jumped somewhere the user never asked for.
        onChange={(e) => {
          setDraft(e.target.value);
          setInvalid(false);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (draft.trim() === '') return e.currentTarget.blur();
            const step = parseJump(draft);
            if (step === undefined) {
              // Stays open with the text, so the user can correct it.
              setInvalid(true);
              actions.toast(`"${draft.trim()}" is not a step: type a whole number from 0 to ${stepCount.toLocaleString('en-US')}.`);
              return;
            }
            if (step > stepCount) actions.toast(`The run has ${stepCount.toLocaleString('en-US')} steps: showing the last.`);
            actions.seek(step);
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
