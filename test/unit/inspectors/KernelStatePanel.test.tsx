// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { KernelStatePanel } from '../../../src/ui/inspectors/KernelStatePanel';
import { runScenarioFile, runSource, TWO_DEVICES } from './fixtures';

afterEach(cleanup);

describe('KernelStatePanel', () => {
  it('shows deferred work oldest first with the line that queued it, KVM, VDCM and mms', () => {
    const run = runSource(TWO_DEVICES);
    render(<KernelStatePanel frame={run.frame(run.after(18))} />);
    const deferred = screen.getByRole('table', { name: /Deferred work, oldest first \(2\)/ });
    const rows = within(deferred).getAllByRole('row').slice(1);
    expect(rows[0].textContent).toContain('intel_svm_free_async_fn: tear down PASID 1');
    expect(rows[0].textContent).toContain('ioasid_wq');
    expect(within(rows[0]).getAllByRole('cell').at(-1)!.textContent).toBe('18');
    expect(rows[1].textContent).toContain('vdcm: clear PASID 1 and put');
    const kvm = screen.getByRole('table', { name: /KVM PASID translations/ });
    expect(within(kvm).getByText('vm1 (allocation #2)')).toBeTruthy();
    const mms = screen.getByRole('table', { name: /SVA address spaces/ });
    expect(within(mms).getByText('proc')).toBeTruthy();
    expect(within(mms).getByText('dev1')).toBeTruthy();
    expect(screen.getByRole('table', { name: /Threads \(1\)/ }).textContent).toContain('main');
  });

  it('shows threads, RCU callbacks and locks of the free-from-RCU bug', () => {
    const run = runScenarioFile('rcu-free-bug');
    // Find a position with an RCU callback queued.
    let pos = -1;
    for (let n = 0; n <= run.session.stepCount && pos < 0; n++) if (run.frame(n).deferred.some((d) => d.queue === 'rcu')) pos = n;
    expect(pos).toBeGreaterThan(0);
    render(<KernelStatePanel frame={run.frame(pos)} />);
    expect(screen.getByText('RCU callback')).toBeTruthy();
  });

  it('shows locks with their holder in text', () => {
    const run = runSource(`capacity 64
mutex_lock pasid_mutex
spin_lock ioasid_allocator_lock
spin_unlock ioasid_allocator_lock
`);
    const { rerender } = render(<KernelStatePanel frame={run.frame(3)} />);
    const locks = () => screen.getByRole('table', { name: /Locks/ });
    expect(within(locks()).getByText('mutex (sleeps)')).toBeTruthy();
    expect(within(locks()).getByText('spinlock')).toBeTruthy();
    expect(within(locks()).getAllByText('held by main')).toHaveLength(2);
    rerender(<KernelStatePanel frame={run.frame(4)} />);
    expect(within(locks()).getAllByText('held by main')).toHaveLength(1);
    expect(within(locks()).getByText('free')).toBeTruthy();
  });

  it('has empty states', () => {
    const run = runSource('capacity 64\n');
    render(<KernelStatePanel frame={run.frame(0)} />);
    expect(screen.getByText('nothing queued')).toBeTruthy();
    expect(screen.getByText('no locks taken yet')).toBeTruthy();
  });
});
