// @vitest-environment jsdom
// The editor: a bad line is listed as LINE:COL: message (parsed live), marked in the gutter,
// and the gutter toggles line breakpoints.
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { CommandsProvider } from '../../../src/ui/commands/CommandsContext';
import { ScenarioEditor } from '../../../src/ui/editor/ScenarioEditor';
import { highlightLine } from '../../../src/ui/editor/highlight';
import { resetLabStore, useLab } from '../../../src/ui/store/labStore';
import { fakeActions } from './fakeActions';
import { MAX_SCENARIO_CHARS } from '../../../src/engine/scenario';
import { insertedLength, lengthAfterInsert, oversizedEditMessage } from '../../../src/ui/editor/editLimit';

function setup(text: string) {
  resetLabStore({ text });
  const actions = fakeActions();
  render(
    <CommandsProvider actions={actions}>
      <ScenarioEditor />
    </CommandsProvider>,
  );
  return actions;
}

describe('ScenarioEditor', () => {
  afterEach(cleanup);

  it('Escape leaves the editor (the player\'s keys work again), and an edit moves line breakpoints with their lines', () => {
    setup('set vm1 quota=4\nalloc vm1 -> g1\n');
    useLab.setState({ lineBreakpoints: [2] });
    const ta = screen.getByLabelText<HTMLTextAreaElement>('Scenario source');
    ta.focus();
    fireEvent.change(ta, { target: { value: '# a comment\nset vm1 quota=4\nalloc vm1 -> g1\n' } });
    expect(useLab.getState().lineBreakpoints).toEqual([3]);
    fireEvent.keyDown(ta, { key: 'Escape', code: 'Escape' });
    expect(document.activeElement).not.toBe(ta);
  });

  it('starts without errors for a good scenario', () => {
    setup('set vm1 quota=4\nalloc vm1 -> g1\n');
    expect(screen.getByText('No errors')).toBeTruthy();
  });

  it('lists the parser\'s last word when it gave up after 50 errors', async () => {
    setup('set vm1 quota=4\n');
    fireEvent.change(screen.getByLabelText('Scenario source'), { target: { value: Array.from({ length: 80 }, (_, i) => `bogus${i + 1}`).join('\n') } });
    await screen.findByText('51:1: too many errors; stopping', undefined, { timeout: 2000 });
    expect(screen.getAllByRole('button', { name: /^\d+:\d+: / })).toHaveLength(51);
  });

  it('shows LINE:COL: message after typing a bad line', async () => {
    setup('set vm1 quota=4\n');
    const ta = screen.getByLabelText('Scenario source');
    fireEvent.change(ta, { target: { value: 'set vm1 quota=4\nalloc vm1 -> g1\nfrea g1\n' } });
    expect(useLab.getState().text).toContain('frea g1');
    const item = await screen.findByText(/^3:1: /, undefined, { timeout: 2000 });
    expect(item.textContent).toMatch(/^3:1: .*frea/);
    expect(ta.getAttribute('aria-invalid')).toBe('true');
    const gutter = document.querySelector('.gutter-line[data-line="3"]')!;
    expect(gutter.className).toContain('gutter-line--error');
    expect(gutter.getAttribute('title')).toMatch(/^3:1: /);
  });

  it('reports a bad key=value at its column', async () => {
    setup('set vm1 quota=4\n');
    fireEvent.change(screen.getByLabelText('Scenario source'), { target: { value: 'set vm1 quota=x\n' } });
    const item = await screen.findByText(/^1:\d+: /, undefined, { timeout: 2000 });
    expect(Number(/^1:(\d+):/.exec(item.textContent!)![1])).toBeGreaterThan(1);
  });

  it('refuses a paste that would pass the size limit before the textarea takes it, and keeps the text', () => {
    const kept = 'set vm1 quota=4\nalloc vm1 -> g1\n';
    setup(kept);
    const ta = screen.getByLabelText<HTMLTextAreaElement>('Scenario source');
    ta.setSelectionRange(4, 7); // "vm1" would be replaced
    const pasted = 'x'.repeat(MAX_SCENARIO_CHARS - kept.length + 4);
    const notCancelled = fireEvent.paste(ta, { clipboardData: { getData: (type: string) => (type === 'text/plain' ? pasted : '') } });
    expect(notCancelled).toBe(false);
    expect(useLab.getState().text).toBe(kept);
    expect(useLab.getState().banner).toEqual({
      kind: 'error',
      text: `Paste refused: the scenario would be ${(MAX_SCENARIO_CHARS + 1).toLocaleString('en-US')} characters (the limit is 4,194,304). Your editor text is unchanged.`,
    });
  });

  it('lets a paste that fits through', () => {
    setup('set vm1 quota=4\n');
    const ta = screen.getByLabelText<HTMLTextAreaElement>('Scenario source');
    const notCancelled = fireEvent.paste(ta, { clipboardData: { getData: () => 'alloc vm1\n' } });
    expect(notCancelled).toBe(true);
    expect(useLab.getState().banner).toBeNull();
  });

  it('an oversized change by any other way is refused too: the textarea goes back to the kept text', () => {
    const kept = 'set vm1 quota=4\n';
    setup(kept);
    const ta = screen.getByLabelText<HTMLTextAreaElement>('Scenario source');
    fireEvent.change(ta, { target: { value: 'y'.repeat(MAX_SCENARIO_CHARS + 10) } });
    expect(useLab.getState().text).toBe(kept);
    expect(ta.value).toBe(kept);
    expect(useLab.getState().banner?.text).toMatch(/^Edit refused: the scenario would be 4,194,314 characters/);
  });

  it('a text already past the limit (an old autosave) can still be shortened', () => {
    const big = 'z'.repeat(MAX_SCENARIO_CHARS + 5);
    setup(big);
    fireEvent.change(screen.getByLabelText('Scenario source'), { target: { value: big.slice(1) } });
    expect(useLab.getState().text.length).toBe(MAX_SCENARIO_CHARS + 4);
    expect(useLab.getState().banner).toBeNull();
  });

  it('toggles a line breakpoint from the gutter', () => {
    const a = setup('set vm1 quota=4\nalloc vm1 -> g1\n');
    fireEvent.click(document.querySelector('.gutter-line[data-line="2"]')!);
    expect(a.toggleLineBreakpoint).toHaveBeenCalledWith(2);
    act(() => useLab.setState({ lineBreakpoints: [2] }));
    expect(document.querySelector('.gutter-line[data-line="2"]')!.getAttribute('aria-pressed')).toBe('true');
  });
});

describe('editLimit', () => {
  it('counts the replaced selection out and the inserted text in', () => {
    expect(lengthAfterInsert(100, 10, 30, 5)).toBe(85);
    expect(lengthAfterInsert(100, 40, 40, 5)).toBe(105);
  });

  it('has no message up to the limit, and names the source and both sizes past it', () => {
    expect(oversizedEditMessage(10, 'paste', 0, 10)).toBeNull();
    expect(oversizedEditMessage(11, 'drop', 0, 10)).toBe('Drop refused: the scenario would be 11 characters (the limit is 10). Your editor text is unchanged.');
  });

  it('lets a text already past the limit shrink, but not grow', () => {
    expect(oversizedEditMessage(24, 'edit', 25, 10)).toBeNull();
    expect(oversizedEditMessage(26, 'edit', 25, 10)).toMatch(/^Edit refused/);
  });

  it('counts CRLF line breaks as the one character the textarea keeps', () => {
    expect(insertedLength('a\r\nb\rc\n')).toBe(6);
  });
});

describe('highlightLine', () => {
  it('classes verbs, keys, numbers, strings, errno names and comments', () => {
    const toks = highlightLine('alloc vm1 min=0x10 -> g1 # first').filter((t) => t.cls !== 'space');
    expect(toks.map((t) => [t.cls, t.text])).toEqual([
      ['verb', 'alloc'],
      ['name', 'vm1'],
      ['key', 'min'],
      ['op', '='],
      ['number', '0x10'],
      ['op', '->'],
      ['name', 'g1'],
      ['comment', '# first'],
    ]);
    expect(highlightLine('expect -ENOSPC').map((t) => t.cls)).toEqual(['verb', 'space', 'errno']);
    expect(highlightLine('note "a \\" b" # c').map((t) => t.cls)).toEqual(['verb', 'space', 'string', 'space', 'comment']);
  });

  it('never loses text, even on garbage', () => {
    for (const line of ['"unterminated', '@@@ ¿ \u0000', 'alloc vm1 ->', '}']) {
      expect(highlightLine(line).map((t) => t.text).join('')).toBe(line);
    }
  });
});
