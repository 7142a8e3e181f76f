// @vitest-environment jsdom
// The notice above the views while they show a run that is not the editor's text.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { SLOW_RUN_MS, StaleRunNotice } from '../../../src/ui/player/StaleRunNotice';
import { resetLabStore, useLab } from '../../../src/ui/store/labStore';

describe('stale run notice', () => {
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('says the views show the previous run while a new run takes more than a moment, and goes when it is ready', () => {
    vi.useFakeTimers();
    resetLabStore({ status: 'ready', stepCount: 30, title: 'Old run' });
    render(<StaleRunNotice />);
    expect(screen.queryByTestId('stale-run')).toBeNull();
    act(() => useLab.setState({ status: 'loading' }));
    // A quick run never shows it.
    act(() => vi.advanceTimersByTime(SLOW_RUN_MS - 50));
    expect(screen.queryByTestId('stale-run')).toBeNull();
    act(() => vi.advanceTimersByTime(100));
    expect(screen.getByTestId('stale-run').textContent).toBe("Running the editor's text… until it is ready, the player and views show the previous run, Old run.");
    act(() => useLab.setState({ status: 'ready', title: 'New run' }));
    expect(screen.queryByTestId('stale-run')).toBeNull();
  });

  it('says the text did not run when it has errors', () => {
    resetLabStore({ status: 'error', stepCount: 30, title: 'Old run', loadErrors: [{ line: 1, col: 1, message: 'x' }] });
    render(<StaleRunNotice />);
    expect(screen.getByTestId('stale-run').textContent).toMatch(/^The editor's text has errors, so it did not run/);
  });

  it('says the text was edited since its failed run, rather than that it has errors', () => {
    resetLabStore({ status: 'error', stepCount: 30, title: 'Old run', text: 'alocc vm1', failedText: 'alocc vm1', loadErrors: [{ line: 1, col: 1, message: 'x' }] });
    render(<StaleRunNotice />);
    act(() => useLab.setState({ text: 'alloc vm1' }));
    expect(screen.getByTestId('stale-run').textContent).toBe(
      "The editor's text did not run (it had errors, and it was edited since: Ctrl+Enter runs it): the player and views still show the last run that worked, Old run.",
    );
  });

  it('has nothing to say before any run', () => {
    vi.useFakeTimers();
    resetLabStore({ status: 'loading', stepCount: 0 });
    render(<StaleRunNotice />);
    act(() => vi.advanceTimersByTime(SLOW_RUN_MS * 2));
    expect(screen.queryByTestId('stale-run')).toBeNull();
  });
});
