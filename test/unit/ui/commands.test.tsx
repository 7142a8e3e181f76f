// @vitest-environment jsdom
// The command registry: hotkeys run commands except inside editable fields (Ctrl+Enter runs
// from the editor), disabled commands do not run, and the ? sheet lists every command.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { CommandsProvider } from '../../../src/ui/commands/CommandsContext';
import { ShortcutSheet } from '../../../src/ui/commands/ShortcutSheet';
import { buildCommands } from '../../../src/ui/commands/appCommands';
import { commandForEvent, formatKey, isEditableTarget } from '../../../src/ui/commands/registry';
import { resetLabStore, useLab } from '../../../src/ui/store/labStore';
import { fakeActions } from './fakeActions';
import { resetExploreStore, useExplore } from '../../../src/ui/explore/exploreStore';
import { HEATMAP_KEYS } from '../../../src/visualizations/heatmap/keys';
import { TIMELINE_KEYS } from '../../../src/visualizations/timeline/keys';

function setup() {
  resetLabStore({ status: 'ready', stepCount: 10, position: 3, target: 3 });
  const actions = fakeActions();
  render(
    <CommandsProvider actions={actions}>
      <input aria-label="a field" />
      <textarea aria-label="an editor" />
      <button type="button">a button</button>
    </CommandsProvider>,
  );
  return actions;
}

describe('hotkeys', () => {
  afterEach(cleanup);

  it('F9 toggles a line breakpoint on the editor caret\'s line, from inside the editor', () => {
    const a = fakeActions();
    resetLabStore({ status: 'ready', stepCount: 10, position: 0, target: 0 });
    render(
      <CommandsProvider actions={a}>
        <textarea id="scenario-editor" aria-label="Scenario editor" defaultValue={'set vm1 quota=1\nalloc vm1\nfree 1\n'} />
      </CommandsProvider>,
    );
    const editor = screen.getByLabelText<HTMLTextAreaElement>('Scenario editor');
    editor.focus();
    editor.setSelectionRange(20, 20); // on line 2
    fireEvent.keyDown(editor, { code: 'F9', key: 'F9' });
    expect(a.toggleLineBreakpoint).toHaveBeenCalledWith(2);
    // Outside the editor at position 0 there is no current step: it says what to do instead.
    editor.blur();
    fireEvent.keyDown(document.body, { code: 'F9', key: 'F9' });
    expect(a.toast).toHaveBeenCalledWith(expect.stringMatching(/^No line to break at/));
  });

  it('in projector mode, E brings the editor back in place of the inspectors, and ` says the console is hidden', () => {
    const a = setup();
    useLab.setState({ projector: true, projectorSide: 'inspectors' });
    fireEvent.keyDown(document.body, { code: 'KeyE', key: 'e' });
    expect(useLab.getState().projectorSide).toBe('editor');
    fireEvent.keyDown(document.body, { code: 'Backquote', key: '`' });
    expect(a.toast).toHaveBeenCalledWith(expect.stringMatching(/^Projector mode hides the console/));
  });

  it('R pauses playback and asks the Find races dialog to open and search', () => {
    const a = setup();
    useLab.setState({ text: 'set vm1 quota=1\n', playing: true });
    fireEvent.keyDown(document.body, { code: 'KeyR', key: 'r' });
    expect(a.pause).toHaveBeenCalledTimes(1);
    expect(useExplore.getState()).toMatchObject({ open: true, pending: 'current' });
    resetExploreStore();
  });

  it('I swaps the editor for the inspectors in projector mode only (where they do not fit beside it)', () => {
    setup();
    fireEvent.keyDown(document.body, { code: 'KeyI', key: 'i' });
    expect(useLab.getState().projectorSide).toBe('editor');
    fireEvent.keyDown(document.body, { code: 'KeyP', key: 'p' });
    fireEvent.keyDown(document.body, { code: 'KeyI', key: 'i' });
    expect(useLab.getState().projectorSide).toBe('inspectors');
    fireEvent.keyDown(document.body, { code: 'KeyI', key: 'i' });
    expect(useLab.getState().projectorSide).toBe('editor');
  });

  it('run their command from the page', () => {
    const a = setup();
    fireEvent.keyDown(document.body, { code: 'Space', key: ' ' });
    expect(a.togglePlay).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(document.body, { code: 'ArrowRight', key: 'ArrowRight' });
    expect(a.step).toHaveBeenCalledWith(1);
    fireEvent.keyDown(document.body, { code: 'BracketRight', key: ']' });
    expect(a.runToBreakpoint).toHaveBeenCalledWith(1);
    fireEvent.keyDown(screen.getByRole('button', { name: 'a button' }), { code: 'KeyD', key: 'd' });
    expect(useLab.getState().theme).toBe('dark');
    fireEvent.keyDown(document.body, { code: 'KeyP', key: 'p' });
    expect(useLab.getState().projector).toBe(true);
    fireEvent.keyDown(document.body, { code: 'Slash', key: '?', shiftKey: true });
    expect(useLab.getState().dialog).toBe('shortcuts');
  });

  it('are ignored inside inputs and textareas, except Ctrl+Enter', () => {
    const a = setup();
    for (const label of ['a field', 'an editor']) {
      const el = screen.getByLabelText(label);
      fireEvent.keyDown(el, { code: 'Space', key: ' ' });
      fireEvent.keyDown(el, { code: 'ArrowRight', key: 'ArrowRight' });
      fireEvent.keyDown(el, { code: 'KeyD', key: 'd' });
    }
    expect(a.togglePlay).not.toHaveBeenCalled();
    expect(a.step).not.toHaveBeenCalled();
    expect(useLab.getState().theme).not.toBe('dark');
    fireEvent.keyDown(screen.getByLabelText('an editor'), { code: 'Enter', key: 'Enter', ctrlKey: true });
    expect(a.run).toHaveBeenCalledTimes(1);
  });

  it('do not run a disabled command', () => {
    const a = setup();
    useLab.setState({ position: 10, target: 10 });
    fireEvent.keyDown(document.body, { code: 'ArrowRight', key: 'ArrowRight' });
    expect(a.step).not.toHaveBeenCalled();
    useLab.setState({ position: 0, target: 0 });
    fireEvent.keyDown(document.body, { code: 'Home', key: 'Home' });
    expect(a.toStart).not.toHaveBeenCalled();
  });

  it('commandForEvent and isEditableTarget agree with the rules', () => {
    const cmds = buildCommands(fakeActions());
    const input = document.createElement('input');
    const range = document.createElement('input');
    range.type = 'button';
    expect(isEditableTarget(input)).toBe(true);
    expect(isEditableTarget(range)).toBe(false);
    expect(isEditableTarget(document.createElement('div'))).toBe(false);
    const ev = (init: KeyboardEventInit, target: EventTarget) => {
      const e = new KeyboardEvent('keydown', init);
      Object.defineProperty(e, 'target', { value: target });
      return e;
    };
    expect(commandForEvent(cmds, ev({ code: 'Space' }, document.body))?.id).toBe('player.togglePlay');
    expect(commandForEvent(cmds, ev({ code: 'Space' }, input))).toBeUndefined();
    expect(commandForEvent(cmds, ev({ code: 'Enter', ctrlKey: true }, input))?.id).toBe('scenario.run');
    // Reached by keyboard, a button takes Space and a tab the arrows; clicked, they leave them to the player.
    const button = document.createElement('button');
    const tab = document.createElement('button');
    tab.setAttribute('role', 'tab');
    expect(commandForEvent(cmds, ev({ code: 'Space', key: ' ' }, button))).toBeUndefined();
    expect(commandForEvent(cmds, ev({ code: 'Space', key: ' ' }, button), true)?.id).toBe('player.togglePlay');
    expect(commandForEvent(cmds, ev({ code: 'ArrowRight', key: 'ArrowRight' }, tab))).toBeUndefined();
    expect(commandForEvent(cmds, ev({ code: 'ArrowRight', key: 'ArrowRight' }, button))?.id).toBe('player.stepForward');
    // A modified key is a shortcut, whatever has focus: Ctrl+Enter runs the text.
    expect(commandForEvent(cmds, ev({ code: 'Enter', key: 'Enter', ctrlKey: true }, button))?.id).toBe('scenario.run');
    // Modifiers must match: Ctrl+D is the browser's, not the theme toggle.
    expect(commandForEvent(cmds, ev({ code: 'KeyD', ctrlKey: true }, document.body))).toBeUndefined();
  });

  it('every key is bound to at most one command', () => {
    const keys = buildCommands(fakeActions()).filter((c) => c.key).map((c) => formatKey(c.key!));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('the ? sheet', () => {
  afterEach(cleanup);

  it('lists every command of the registry with its key', () => {
    resetLabStore({ dialog: 'shortcuts' });
    const actions = fakeActions();
    render(
      <CommandsProvider actions={actions}>
        <ShortcutSheet />
      </CommandsProvider>,
    );
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const commands = buildCommands(actions);
    for (const c of commands) {
      const row = dialog.querySelector(`tr[data-command="${c.id}"]`) as HTMLElement;
      expect(row, c.id).toBeTruthy();
      expect(within(row).getByText(c.title)).toBeTruthy();
      if (c.key) expect(within(row).getByText(formatKey(c.key))).toBeTruthy();
    }
    expect(dialog.querySelectorAll('tr[data-command]').length).toBe(commands.length);
    // The keys the heatmap and the timeline take while focused, each under its view.
    for (const [view, keys] of [['Heatmap', HEATMAP_KEYS], ['Timeline', TIMELINE_KEYS]] as const) {
      const section = within(dialog).getByRole('heading', { name: `${view} (while it has focus)` }).closest('section')!;
      for (const [key, what] of keys) expect(within(section).getByText(key).closest('tr')!.textContent).toBe(`${key}${what}`);
    }
    expect(within(dialog).getByText('U').closest('tr')!.textContent).toBe('Uzoom to the IDs in use');
    fireEvent.keyDown(dialog, { key: 'Escape', code: 'Escape' });
    expect(useLab.getState().dialog).toBe(null);
  });
});
