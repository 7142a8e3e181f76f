// @vitest-environment jsdom
// The model picker's "file" entry names the model the file's own line asks for, also while
// another model is pinned (it used to name the pinned one).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { CommandsProvider } from '../../../src/ui/commands/CommandsContext';
import { ModelPicker } from '../../../src/ui/header/ModelPicker';
import { PRESETS } from '../../../src/engine/model';
import { resetLabStore } from '../../../src/ui/store/labStore';
import { fakeActions } from './fakeActions';
import { headerOf } from '../../../src/ui/session/fileModel';

function renderPicker(state: Parameters<typeof resetLabStore>[0]) {
  resetLabStore(state);
  const actions = fakeActions();
  render(
    <CommandsProvider actions={actions}>
      <ModelPicker />
    </CommandsProvider>,
  );
  return { actions, select: screen.getByLabelText<HTMLSelectElement>('Model preset') };
}

function fileOption(state: Parameters<typeof resetLabStore>[0]): string {
  const { select } = renderPicker(state);
  return [...select.options].find((o) => o.value === 'file')!.textContent!;
}

describe('ModelPicker', () => {
  afterEach(cleanup);

  it('following the file, names the model in use', () => {
    expect(fileOption({ model: PRESETS.cyclic, modelPinned: false, text: 'model cyclic\n' })).toBe('file (cyclic)');
  });

  it('with a preset pinned, names the model line of the editor text (what picking it runs), not the pinned model', () => {
    expect(fileOption({ model: PRESETS.v1, modelPinned: true, text: 'title "t"\nmodel v4\nset vm1 quota=1\n' })).toBe('file (v4)');
    cleanup();
    expect(fileOption({ model: PRESETS.v1, modelPinned: true, text: 'model v4 alloc=cyclic\n' })).toBe('file (custom)');
    cleanup();
    // A text that does not parse: no model to name.
    expect(fileOption({ model: PRESETS.v1, modelPinned: true, text: 'model nonsense\n' })).toBe('file');
  });

  it('asks before a model change drops console statements not added to the scenario, and keeps them if told no', () => {
    const { actions, select } = renderPicker({ model: PRESETS.v1, modelPinned: false, text: 'model v1\n', consoleUnkept: 2 });
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    fireEvent.change(select, { target: { value: 'v4' } });
    expect(confirm).toHaveBeenCalledWith(expect.stringMatching(/drops the 2 console statements/));
    expect(actions.setModel).not.toHaveBeenCalled();
    confirm.mockReturnValue(true);
    fireEvent.change(select, { target: { value: 'v4' } });
    expect(actions.setModel).toHaveBeenCalledWith(PRESETS.v4, true);
    confirm.mockRestore();
  });

  it('reads the model line from the header only: the lines before the first statement', () => {
    expect(headerOf('# c\ntitle "t"\n\nmodel v4\nset vm1 quota=1\nmodel v1\n')).toBe('# c\ntitle "t"\n\nmodel v4\n');
    expect(headerOf('set vm1 quota=1\n')).toBe('');
    expect(headerOf('model cyclic')).toBe('model cyclic');
  });
});
