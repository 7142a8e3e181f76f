// @vitest-environment jsdom
// The player bar: each button runs its command's action, and buttons are disabled when their
// command cannot run (no session, at the start, at the end).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { CommandsProvider } from '../../../src/ui/commands/CommandsContext';
import { PlayerBar } from '../../../src/ui/player/PlayerBar';
import { resetLabStore, useLab } from '../../../src/ui/store/labStore';
import { fakeActions } from './fakeActions';

function setup(state: Parameters<typeof resetLabStore>[0]) {
  resetLabStore(state);
  const actions = fakeActions();
  render(
    <CommandsProvider actions={actions}>
      <PlayerBar />
    </CommandsProvider>,
  );
  return actions;
}

const button = (name: string | RegExp) => screen.getByRole('button', { name }) as HTMLButtonElement;

describe('PlayerBar', () => {
  beforeEach(() => resetLabStore());
  afterEach(cleanup);

  it('calls the command behind each button', () => {
    const a = setup({ status: 'ready', stepCount: 10, position: 4, target: 4 });
    fireEvent.click(button('Play'));
    expect(a.togglePlay).toHaveBeenCalledTimes(1);
    fireEvent.click(button('Step forward'));
    expect(a.step).toHaveBeenLastCalledWith(1);
    fireEvent.click(button('Step back'));
    expect(a.step).toHaveBeenLastCalledWith(-1);
    fireEvent.click(button('Go to the start'));
    expect(a.toStart).toHaveBeenCalled();
    fireEvent.click(button('Go to the end'));
    expect(a.toEnd).toHaveBeenCalled();
    fireEvent.click(button('Run to the next breakpoint'));
    expect(a.runToBreakpoint).toHaveBeenLastCalledWith(1);
    fireEvent.click(button('Run back to the previous breakpoint'));
    expect(a.runToBreakpoint).toHaveBeenLastCalledWith(-1);
  });

  it('shows the shortcut in each tooltip', () => {
    setup({ status: 'ready', stepCount: 10 });
    expect(button('Play').title).toBe('Play / pause (Space)');
    expect(button('Step forward').title).toBe('Step forward (→)');
    expect(button('Run to the next breakpoint').title).toBe('Run to the next breakpoint (])');
  });

  it('disables what cannot run: at the start, at the end, without a session', () => {
    setup({ status: 'ready', stepCount: 10, position: 0, target: 0 });
    expect(button('Step back').disabled).toBe(true);
    expect(button('Go to the start').disabled).toBe(true);
    expect(button('Step forward').disabled).toBe(false);

    act(() => useLab.setState({ position: 10, target: 10 }));
    expect(button('Step forward').disabled).toBe(true);
    expect(button('Go to the end').disabled).toBe(true);
    expect(button('Step back').disabled).toBe(false);

    act(() => useLab.setState({ stepCount: 0, position: 0, target: 0, status: 'idle' }));
    expect(button('Play').disabled).toBe(true);
    expect(button('Run to the next breakpoint').disabled).toBe(true);

    act(() => useLab.setState({ stepCount: 10, status: 'loading' }));
    expect(button('Play').disabled).toBe(true);
  });

  it('labels the play button Pause while playing', () => {
    setup({ status: 'ready', stepCount: 10, playing: true });
    expect(button('Pause')).toBeTruthy();
  });

  it('changes speed and jumps to a typed step', () => {
    const a = setup({ status: 'ready', stepCount: 10 });
    fireEvent.change(screen.getByLabelText('Playback speed'), { target: { value: '4' } });
    expect(a.setSpeed).toHaveBeenCalledWith(4);
    const jump = screen.getByLabelText('Jump to step');
    fireEvent.focus(jump);
    fireEvent.change(jump, { target: { value: '7' } });
    fireEvent.keyDown(jump, { key: 'Enter' });
    expect(a.seek).toHaveBeenCalledWith(7);
  });

  it('jumps only to a whole number typed in the step field, grouped digits allowed', () => {
    const a = setup({ status: 'ready', stepCount: 2_000_000 });
    const jump = screen.getByLabelText('Jump to step') as HTMLInputElement;
    const enter = (text: string) => {
      fireEvent.focus(jump);
      fireEvent.change(jump, { target: { value: text } });
      fireEvent.keyDown(jump, { key: 'Enter' });
    };
    for (const bad of ['4.5', '-3', '12a', '1,04,8581']) {
      enter(bad);
      expect(jump.getAttribute('aria-invalid')).toBe('true');
      expect(jump.value).toBe(bad);
    }
    expect(a.seek).not.toHaveBeenCalled();
    expect(a.toast).toHaveBeenLastCalledWith('"1,04,8581" is not a step: type a whole number from 0 to 2,000,000.');
    enter('1,048,581');
    expect(a.seek).toHaveBeenLastCalledWith(1_048_581);
    expect(jump.getAttribute('aria-invalid')).toBeNull();
    enter(' 42 ');
    expect(a.seek).toHaveBeenLastCalledWith(42);
  });

  it('moves the scrubber through seek', () => {
    const a = setup({ status: 'ready', stepCount: 10 });
    fireEvent.change(screen.getByLabelText('Position in the run'), { target: { value: '3' } });
    expect(a.seek).toHaveBeenCalledWith(3);
  });
});
