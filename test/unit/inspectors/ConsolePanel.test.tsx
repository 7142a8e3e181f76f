// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { ConsolePanel, type ConsoleEntry } from '../../../src/ui/panels/ConsolePanel';

afterEach(cleanup);

const history: ConsoleEntry[] = [
  { text: 'alloc vm1 -> x', ok: true, message: '1' },
  { text: 'fre x', ok: false, message: "1:1: unknown verb 'fre' (did you mean 'free'?)" },
];

describe('ConsolePanel', () => {
  it('shows the history with ok and error styling and the hints', () => {
    render(<ConsolePanel history={history} busy={false} onSubmit={() => {}} />);
    const log = screen.getByRole('log', { name: 'Console history' });
    expect(within(log).getByText('alloc vm1 -> x')).toBeTruthy();
    const err = screen.getByText(/1:1: unknown verb 'fre'/);
    expect(err.className).toContain('insp-console__msg--error');
    expect(err.textContent).toMatch(/^error: /);
    expect(screen.getByText('1').className).toContain('insp-console__msg--ok');
    expect(screen.getByText('dma dev0 x')).toBeTruthy();
    expect(screen.getByText('free x')).toBeTruthy();
  });

  it('offers to add the statements it ran to the scenario, saying they are not saved otherwise', () => {
    const onKeep = vi.fn();
    const { rerender } = render(<ConsolePanel history={history} busy={false} onSubmit={() => {}} unkept={1} onKeep={onKeep} />);
    expect(screen.getByText(/^Not saved/).title).toMatch(/the next Run, a change of model or a reload drops them/);
    fireEvent.click(screen.getByRole('button', { name: 'Add it to the scenario' }));
    expect(onKeep).toHaveBeenCalledTimes(1);
    rerender(<ConsolePanel history={history} busy={false} onSubmit={() => {}} unkept={0} onKeep={onKeep} />);
    expect(screen.queryByRole('button', { name: /to the scenario$/ })).toBeNull();
    expect(screen.getByText('dma dev0 x')).toBeTruthy();
  });

  it('submits on Enter and clears the line; ignores blank lines and busy state', () => {
    const onSubmit = vi.fn();
    const { rerender } = render(<ConsolePanel history={[]} busy={false} onSubmit={onSubmit} />);
    const input = screen.getByRole('textbox', { name: 'Console statement' }) as HTMLInputElement;
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.change(input, { target: { value: '  free x ' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onSubmit).toHaveBeenCalledWith('free x');
    expect(input.value).toBe('');
    rerender(<ConsolePanel history={[]} busy onSubmit={onSubmit} />);
    fireEvent.change(input, { target: { value: 'dma dev0 x' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('recalls history with ArrowUp and goes back to the draft with ArrowDown', () => {
    render(<ConsolePanel history={history} busy={false} onSubmit={() => {}} />);
    const input = screen.getByRole('textbox', { name: 'Console statement' }) as HTMLInputElement;
    fireEvent.change(input, { target: { value: 'draft' } });
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(input.value).toBe('fre x');
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(input.value).toBe('alloc vm1 -> x');
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(input.value).toBe('alloc vm1 -> x');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.value).toBe('fre x');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.value).toBe('draft');
  });
});
