// The model picker: follow the file's `model` line, or pin a preset, or pin single axes
// (SPEC §2). Any change reruns the scenario at the same position.

import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AXIS_VALUES, MODEL_AXES, PRESET_NAMES, PRESETS, presetOf, type ModelAxis, type ModelConfig } from '../../engine/model';
import { useLab } from '../store/labStore';
import { useActions } from '../commands/CommandsContext';
import { fileModelOf, headerOf } from '../session/fileModel';
import { useMenuDismiss } from '../shell/useMenuDismiss';

/**
 * A model change reruns the scenario, which drops the console's statements not added to it:
 * asks first when there are any.
 */
function consoleWorkMayGo(): boolean {
  const n = useLab.getState().consoleUnkept;
  return n === 0 || window.confirm(`Changing the model reruns the scenario and drops ${n === 1 ? 'the console statement' : `the ${n} console statements`} not added to it. Change the model anyway?`);
}

export function ModelPicker() {
  const actions = useActions();
  const { model, pinned, text } = useLab(useShallow((s) => ({ model: s.model, pinned: s.modelPinned, text: s.text })));
  const preset = presetOf(model);
  const value = pinned ? (preset ?? 'custom') : 'file';
  // What "file" would run (setModel reads the editor text's model line): the model in use
  // while following the file; once pinned, that line. Only the header is parsed, and only
  // when it changed: the text changes at every keystroke.
  const header = pinned ? headerOf(text) : '';
  const fileModel = useMemo(() => (pinned ? fileModelOf(header)?.model : model), [pinned, header, model]);
  const fileLabel = fileModel ? `file (${presetOf(fileModel) ?? 'custom'})` : 'file';
  const axesMenu = useMenuDismiss();
  return (
    <div className="model-picker">
      <label className="field">
        <span className="field__label">Model</span>
        <select
          value={value}
          aria-label="Model preset"
          onChange={(e) => {
            // Give the keyboard back to the hotkeys (Space would reopen the list).
            e.target.blur();
            if (!consoleWorkMayGo()) return;
            const v = e.target.value;
            if (v === 'file') actions.setModel(model, false);
            else if (v !== 'custom') actions.setModel(PRESETS[v as keyof typeof PRESETS], true);
          }}
        >
          <option value="file">{fileLabel}</option>
          {PRESET_NAMES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
          <option value="custom" disabled>
            custom
          </option>
        </select>
      </label>
      <details className="menu" ref={axesMenu.ref} onKeyDown={axesMenu.onKeyDown}>
        <summary className="btn btn--small" title="Design axes of the model">
          Axes
        </summary>
        <div className="menu__panel menu__panel--axes" role="group" aria-label="Model axes">
          {MODEL_AXES.map((axis: ModelAxis) => (
            <label key={axis} className="axis">
              <span>{axis}</span>
              <select
                value={model[axis]}
                onChange={(e) => consoleWorkMayGo() && actions.setModel({ ...model, [axis]: e.target.value } as ModelConfig, true)}
              >
                {AXIS_VALUES[axis].map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <p className="muted axis-note">Changing an axis pins the model; choose “file” to follow the scenario’s model line again.</p>
        </div>
      </details>
    </div>
  );
}
