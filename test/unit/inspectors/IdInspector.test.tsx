// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { IdInspector } from '../../../src/ui/inspectors/IdInspector';
import { runSource, TWO_DEVICES } from './fixtures';

afterEach(cleanup);

const run = runSource(TWO_DEVICES);

describe('IdInspector', () => {
  it('shows an active ID with its holders', () => {
    const details = run.describe(run.after(13), 1); // bound nested on dev0, DMA filled the caches
    render(<IdInspector details={details} loading={false} />);
    expect(screen.getByText('ACTIVE')).toBeTruthy();
    expect(screen.getByText('vm1')).toBeTruthy();
    expect(screen.getByText('4')).toBeTruthy(); // VFIO, VT-d, KVM, VDCM
    expect(screen.getByText('#1')).toBeTruthy();
    expect(screen.getByText('101')).toBeTruthy();
    expect(screen.getByText('dev0')).toBeTruthy();
    expect(screen.getByText('gPASID 101 → 1')).toBeTruthy();
    expect(screen.getByText('programmed')).toBeTruthy();
    // The residue names every holder above, not only the VT-d entries and caches.
    for (const holder of ["the VT-d driver's binding on dev0", "KVM's VMCS PASID translation (gPASID 101)", 'the device model (VDCM) programming']) {
      expect(details.residue).toContain(holder);
    }
    expect(screen.getByText(new RegExp(`^⚠ ${details.residue.length} things hold state for ID 1`))).toBeTruthy();
  });

  it('shows FREE_PENDING and the residue in warning colour', () => {
    const details = run.describe(run.after(18), 1); // freed under v4, teardown still queued
    expect(details.state).toBe('free_pending');
    render(<IdInspector details={details} loading={false} />);
    const badge = screen.getByText('FREE_PENDING');
    expect(badge.className).toContain('insp-badge--warn');
    const residue = screen.getByText('dev0 PASID entry (owner 1)');
    expect(residue.closest('ul')!.className).toContain('insp-warn-text');
    expect(screen.getByText('IOTLB entry DID 3 on dev0')).toBeTruthy();
    // Freed under v4 with its teardown queued: KVM let go at the free, the driver's binding and
    // the device model did not yet.
    expect(screen.getByText("the VT-d driver's binding on dev0")).toBeTruthy();
    expect(screen.getByText('the device model (VDCM) programming')).toBeTruthy();
    expect(screen.getByText(/6 things still hold state for ID 1/)).toBeTruthy();
  });

  it('shows a free ID with nothing left', () => {
    const details = run.describe(run.session.stepCount, 1);
    render(<IdInspector details={details} loading={false} />);
    expect(screen.getByText('FREE')).toBeTruthy();
    expect(screen.getByText(/Nothing else holds state for ID 1/)).toBeTruthy();
  });

  it('has a placeholder and a loading state', () => {
    const { rerender } = render(<IdInspector loading={false} />);
    expect(screen.getByText('Select an ID in the heatmap or a table')).toBeTruthy();
    rerender(<IdInspector loading />);
    expect(screen.getByText('Loading…')).toBeTruthy();
    rerender(<IdInspector details={run.describe(run.after(13), 1)} loading />);
    expect(screen.getByText('updating…')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'ID 1 details' }).getAttribute('aria-busy')).toBe('true');
  });
});
