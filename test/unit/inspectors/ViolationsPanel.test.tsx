// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { ViolationsPanel } from '../../../src/ui/inspectors/ViolationsPanel';
import { runScenarioFile } from './fixtures';

afterEach(cleanup);

// The reuse race under its own model: reuse-before-cleanup then stale-translation.
const run = runScenarioFile('reuse-race');
const violations = run.session.recorder.violations;

describe('ViolationsPanel', () => {
  it('lists each violation with its kind badge, message, step and line', () => {
    expect(violations.map((v) => v.kind)).toEqual(['reuse-before-cleanup', 'stale-translation']);
    render(<ViolationsPanel violations={violations} position={0} onJump={() => {}} />);
    const items = screen.getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[0]).getByText('reuse-before-cleanup')).toBeTruthy();
    expect(within(items[0]).getByText(/IOASID 1 handed to vm2 while the previous owner's state remains/)).toBeTruthy();
    // Shown from 1: the step at index i is step i + 1, the position the jump goes to.
    expect(within(items[0]).getByText(new RegExp(`step\\s${violations[0].step + 1} · line\\s${violations[0].line}`))).toBeTruthy();
  });

  it('dims future violations and marks the current one', () => {
    const [first, second] = violations;
    render(<ViolationsPanel violations={violations} position={first.step + 1} onJump={() => {}} />);
    const [a, b] = screen.getAllByRole('button', { name: /step\s\d+ · line/ });
    expect(a.className).toContain('insp-vitem--current');
    expect(a.getAttribute('aria-current')).toBe('step');
    expect(a.className).not.toContain('insp-vitem--future');
    expect(b.className).toContain('insp-vitem--future');
    expect(b.textContent).toContain('ahead');
    expect(second.step).toBeGreaterThan(first.step);
    expect(screen.getByText(/1 reached at position/)).toBeTruthy();
  });

  it('jumps to the position after the step on click and on Enter (native button)', () => {
    const onJump = vi.fn();
    render(<ViolationsPanel violations={violations} position={0} onJump={onJump} />);
    const buttons = screen.getAllByRole('button', { name: /step\s\d+ · line/ });
    fireEvent.click(buttons[1]);
    expect(onJump).toHaveBeenCalledWith(violations[1].step + 1);
    // A <button> turns Enter into click; check it is a real, focusable button.
    expect(buttons[0].tagName).toBe('BUTTON');
    buttons[0].focus();
    expect(document.activeElement).toBe(buttons[0]);
  });

  it('filters by kind', () => {
    render(<ViolationsPanel violations={violations} position={99} onJump={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: /stale-translation 1/ }));
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
    expect(screen.getByText(/was translated by the devtlb/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /^all/ }));
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
  });

  it('says so when the run has none', () => {
    render(<ViolationsPanel violations={[]} position={3} onJump={() => {}} />);
    expect(screen.getByText('No violations in this run')).toBeTruthy();
  });
});
