// @vitest-environment jsdom
// The editor pane's run summary: what the last run did, or why it did not run, and whether
// the text changed since.
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { RunStatus } from '../../../src/ui/editor/EditorPane';
import { resetLabStore, useLab } from '../../../src/ui/store/labStore';

afterEach(cleanup);

describe('run status', () => {
  it('asks to fix the errors, then, once the text changed, to run it again', () => {
    resetLabStore({ status: 'error', text: 'alocc vm1', failedText: 'alocc vm1', loadErrors: [{ line: 1, col: 1, message: "unknown verb 'alocc'" }] });
    render(<RunStatus />);
    expect(screen.getByRole('status').textContent).toBe('Not run: fix the errors below');
    act(() => useLab.setState({ text: 'alloc vm1' }));
    expect(screen.getByRole('status').textContent).toBe('Edited since the failed run: Ctrl+Enter runs it');
  });

  it('counts one step as one step', () => {
    resetLabStore({ status: 'ready', stepCount: 1, text: 'x', loadedText: 'x', expectations: { passed: 1, failed: 0 } });
    render(<RunStatus />);
    expect(screen.getByRole('status').textContent).toBe('1 step · 1 expectation held');
  });
});
