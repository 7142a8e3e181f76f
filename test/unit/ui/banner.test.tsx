// @vitest-environment jsdom
// A banner's button that puts back an earlier text (Undo import, Back to my work) goes once
// the editor's text was edited: pressing it then would throw the edits away.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Banner } from '../../../src/ui/shell/Notices';
import { resetLabStore, useLab } from '../../../src/ui/store/labStore';

afterEach(cleanup);

describe('banner with an action', () => {
  it('offers its button while the text is the one it was made for, and says why it went', () => {
    const run = vi.fn();
    resetLabStore({ text: 'imported\n', banner: { kind: 'info', text: "Imported 'a.ioasid': it replaced your editor text.", action: { label: 'Undo import', run, whileText: 'imported\n' } } });
    render(<Banner />);
    expect(screen.getByRole('button', { name: 'Undo import' })).toBeTruthy();
    act(() => useLab.setState({ text: 'imported\nedited\n' }));
    expect(screen.queryByRole('button', { name: 'Undo import' })).toBeNull();
    expect(screen.getByRole('alert').textContent).toMatch(/\(Undo import is no longer offered: the text was edited since, and those edits would be lost\.\)/);
    act(() => useLab.setState({ text: 'imported\n' }));
    fireEvent.click(screen.getByRole('button', { name: 'Undo import' }));
    expect(run).toHaveBeenCalledTimes(1);
    expect(useLab.getState().banner).toBeNull();
  });
});
