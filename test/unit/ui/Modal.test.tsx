// @vitest-environment jsdom
// The modal dialog keeps the keyboard: Tab wraps inside it, and Escape closes the top dialog
// even after focus fell out of it onto the page body (its focused button went away).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Modal } from '../../../src/ui/shell/Modal';

afterEach(cleanup);

describe('Modal', () => {
  it('closes on Escape when focus is on the page body', () => {
    const onClose = vi.fn();
    render(
      <Modal title="Find races" onClose={onClose}>
        <button type="button">Cancel</button>
      </Modal>,
    );
    (document.activeElement as HTMLElement).blur();
    expect(document.activeElement).toBe(document.body);
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('brings a stray Tab back into the dialog', () => {
    render(
      <Modal title="Find races" onClose={() => undefined}>
        <button type="button">Cancel</button>
      </Modal>,
    );
    (document.activeElement as HTMLElement).blur();
    fireEvent.keyDown(document.body, { key: 'Tab' });
    expect(document.activeElement).toBe(screen.getByRole('dialog'));
  });

  it('wraps Tab from the last control to the first, and Shift+Tab from the first to the last', () => {
    render(
      <Modal title="Find races" onClose={() => undefined}>
        <input aria-label="budget" />
        <button type="button">Search</button>
        <button type="button" disabled>
          Replay
        </button>
      </Modal>,
    );
    const close = screen.getByRole('button', { name: 'Close' });
    const search = screen.getByRole('button', { name: 'Search' });
    search.focus();
    fireEvent.keyDown(search, { key: 'Tab' });
    expect(document.activeElement).toBe(close);
    fireEvent.keyDown(close, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(search);
  });

  it('closes only the top dialog on a stray Escape', () => {
    const outer = vi.fn();
    const inner = vi.fn();
    render(
      <>
        <Modal title="Compare models" onClose={outer}>
          <p>matrix</p>
        </Modal>
        <Modal title="Find races" onClose={inner}>
          <p>search</p>
        </Modal>
      </>,
    );
    (document.activeElement as HTMLElement).blur();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(inner).toHaveBeenCalledTimes(1);
    expect(outer).not.toHaveBeenCalled();
  });
});
