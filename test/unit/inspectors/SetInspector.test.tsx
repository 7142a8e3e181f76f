// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { SetInspector } from '../../../src/ui/inspectors/SetInspector';
import type { FrameData, FrameSet } from '../../../src/engine/run/frame';
import { runScenarioFile, runSource, TWO_DEVICES } from './fixtures';

afterEach(cleanup);

const run = runSource(TWO_DEVICES);
const frame = run.frame(run.after(18)); // vm1: used 2, one FREE_PENDING

describe('SetInspector', () => {
  it('lists sets with quota, used, pending and free slots, and the capacity balance', () => {
    render(<SetInspector frame={frame} onSelectSet={() => {}} onSelectId={() => {}} />);
    const table = screen.getByRole('table', { name: /Sets \(2\)/ });
    const vm1 = within(table).getByRole('button', { name: 'vm1' }).closest('tr')!;
    expect(within(vm1).getAllByRole('cell').map((c) => c.textContent)).toEqual(['vm1', '1', 'mm', 'vm1', '4', '2', '1', '2', '']);
    const system = within(table).getByRole('button', { name: 'system' }).closest('tr')!;
    expect(system.textContent).toContain('null');
    expect(screen.getByText('1,048,508')).toBeTruthy(); // available
    expect(screen.getByText('68')).toBeTruthy(); // Σ quota
    expect(screen.getByText('balanced')).toBeTruthy();
  });

  it('flags an accounting mismatch in text', () => {
    render(<SetInspector frame={{ ...frame, available: frame.available + 1 }} onSelectSet={() => {}} onSelectId={() => {}} />);
    expect(screen.getByText(/mismatch: 1,048,577 ≠ 1,048,576/)).toBeTruthy();
  });

  it('selects a set and shows its SPID mappings; clicking a host ID selects the ID', () => {
    const onSelectSet = vi.fn();
    const onSelectId = vi.fn();
    const { rerender } = render(<SetInspector frame={frame} onSelectSet={onSelectSet} onSelectId={onSelectId} />);
    fireEvent.click(screen.getByRole('button', { name: 'vm1' }));
    expect(onSelectSet).toHaveBeenCalledWith('vm1');
    rerender(<SetInspector frame={frame} selectedSet="vm1" onSelectSet={onSelectSet} onSelectId={onSelectId} />);
    const spids = screen.getByRole('table', { name: 'Guest PASID (SPID) → host ID in vm1' });
    expect(within(spids).getByText('101')).toBeTruthy();
    fireEvent.click(within(spids).getByRole('button', { name: 'Inspect ID 1' }));
    expect(onSelectId).toHaveBeenCalledWith(1);
  });

  it('shows live-migration mappings from the real scenario', () => {
    const lm = runScenarioFile('live-migration');
    const f = lm.frame(lm.after(lm.session.recorder.step(lm.session.stepCount - 1).line));
    render(<SetInspector frame={f} selectedSet="vm1_dst" onSelectSet={() => {}} onSelectId={() => {}} />);
    const spids = screen.getByRole('table', { name: 'Guest PASID (SPID) → host ID in vm1_dst' });
    expect(within(spids).getByRole('button', { name: 'Inspect ID 305' })).toBeTruthy();
  });

  it('renders at most 200 of thousands of sets, with a note and a filter', async () => {
    const sets: FrameSet[] = Array.from({ length: 3000 }, (_, i) => ({
      name: `vm${i}`, sid: i, quota: 4, used: i % 5 === 0 ? 4 : 1, pending: 0, token: `vm${i}`, type: 'mm', spids: [],
    }));
    const big: FrameData = { ...frame, sets, available: frame.capacity - 12000 };
    render(<SetInspector frame={big} onSelectSet={() => {}} onSelectId={() => {}} />);
    const table = screen.getByRole('table', { name: /Sets \(3,000\)/ });
    expect(within(table).getAllByRole('row')).toHaveLength(201);
    expect(screen.getByText(/\+2,800 more/)).toBeTruthy();
    fireEvent.change(screen.getByRole('searchbox', { name: /Filter sets/ }), { target: { value: 'vm2999' } });
    expect(await screen.findByRole('button', { name: 'vm2999' })).toBeTruthy();
    expect(within(table).getAllByRole('row')).toHaveLength(2);
  });

  it('has an empty state', () => {
    render(<SetInspector frame={{ ...frame, sets: [] }} onSelectSet={() => {}} onSelectId={() => {}} />);
    expect(screen.getByText(/No sets yet/)).toBeTruthy();
  });
});
