// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { PasidInspector } from '../../../src/ui/inspectors/PasidInspector';
import type { FrameData } from '../../../src/engine/run/frame';
import { runSource, TWO_DEVICES } from './fixtures';

afterEach(cleanup);

const run = runSource(TWO_DEVICES);
const afterFree = run.after(18); // `free g1`: entries, caches and deferred teardown all pending
const frame = run.frame(afterFree);

describe('PasidInspector', () => {
  it('shows the device tabs with ATS and max_pasid', () => {
    render(<PasidInspector frame={frame} touched={[]} onSelectDevice={() => {}} onSelectId={() => {}} />);
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual([
      expect.stringMatching(/dev0ATS on · max_pasid 1,048,576/),
      expect.stringMatching(/dev1ATS off · max_pasid 1,024/),
    ]);
    expect(tabs[0].getAttribute('aria-selected')).toBe('true');
  });

  it('decodes the present entries of each leaf table', () => {
    render(<PasidInspector frame={frame} touched={[1]} device="dev0" onSelectDevice={() => {}} onSelectId={() => {}} />);
    const leaf0 = screen.getByRole('table', { name: /Leaf table dir\[0\] on dev0/ });
    const row1 = within(leaf0).getByRole('button', { name: 'Inspect PASID 1' }).closest('tr')!;
    expect(row1.textContent).toContain('nested');
    expect(row1.textContent).toContain('0/1');
    expect(row1.textContent).toContain('vm1 (allocation #1)');
    expect(row1.className).toContain('insp-touched');
    expect(within(row1).getByText('● this step')).toBeTruthy();
    const cells = within(row1).getAllByRole('cell').map((c) => c.textContent);
    expect(cells[5]).toBe(String(frame.devices[0].entries[0].did)); // DID column
    expect(cells[6]).toBe('0x0000');
    const leaf1 = screen.getByRole('table', { name: /Leaf table dir\[1\] on dev0: PASIDs 64–127/ });
    expect(within(leaf1).getByText('FL-only')).toBeTruthy();
    // Memory: 128 KiB directory + two 4 KiB leaves.
    expect(screen.getByText('136 KiB')).toBeTruthy();
    expect(screen.getByRole('table', { name: /Directory of dev0: present entries/ })).toBeTruthy();
  });

  it('shows the three caches with their tags', () => {
    render(<PasidInspector frame={frame} touched={[]} onSelectDevice={() => {}} onSelectId={() => {}} />);
    for (const name of ['PASID cache', 'IOTLB (PASID-based)', 'Device-TLB (ATS)']) {
      const t = screen.getByRole('table', { name });
      expect(within(t).getByText('vm1 (allocation #1)')).toBeTruthy();
      expect(within(t).getByText('dev0')).toBeTruthy();
    }
  });

  it('selects devices and IDs through callbacks, arrow keys move between tabs', () => {
    const onSelectDevice = vi.fn();
    const onSelectId = vi.fn();
    render(<PasidInspector frame={frame} touched={[]} device="dev0" onSelectDevice={onSelectDevice} onSelectId={onSelectId} />);
    fireEvent.click(screen.getByRole('tab', { name: /dev1/ }));
    expect(onSelectDevice).toHaveBeenLastCalledWith('dev1');
    fireEvent.keyDown(screen.getByRole('tab', { name: /dev0/ }), { key: 'ArrowRight' });
    expect(onSelectDevice).toHaveBeenLastCalledWith('dev1');
    fireEvent.click(screen.getAllByRole('button', { name: 'Inspect PASID 70' })[0]);
    expect(onSelectId).toHaveBeenCalledWith(70);
  });

  it('shows the selected device and says when entries were cut off', () => {
    const dev1 = frame.devices[1];
    const big: FrameData = { ...frame, devices: [{ ...dev1, presentCount: 5000 }], caches: [] };
    render(<PasidInspector frame={big} touched={[]} device="dev1" onSelectDevice={() => {}} onSelectId={() => {}} />);
    expect(screen.getByText(/Showing the first 1 of 5,000 present entries/)).toBeTruthy();
    expect(screen.getByText(/mm proc \(allocation #3\)/)).toBeTruthy();
    expect(screen.getByText('empty (no device has ATS)')).toBeTruthy();
  });

  it('pages through leaf tables, eight at a time', () => {
    const many = runSource(`model v4
set big quota=700
notifier iommu kind=iommu
device dev0
repeat 600 {
  alloc big -> x
  bind dev0 x mode=sl
}
`);
    const f = many.frame(many.session.stepCount);
    expect(f.devices[0].leafTables).toHaveLength(10);
    render(<PasidInspector frame={f} touched={[]} onSelectDevice={() => {}} onSelectId={() => {}} />);
    expect(screen.getByText('leaf tables 1–8 of 10')).toBeTruthy();
    expect(screen.getAllByRole('table', { name: /^Leaf table/ })).toHaveLength(8);
    expect(screen.getByText('168 KiB')).toBeTruthy(); // 128 KiB directory + 10 × 4 KiB
    fireEvent.click(screen.getByRole('button', { name: 'next →' }));
    expect(screen.getByText('leaf tables 9–10 of 10')).toBeTruthy();
    expect(screen.getByRole('table', { name: /Leaf table dir\[9\] on dev0: PASIDs 576–639, 25 present/ })).toBeTruthy();
    expect(screen.getByRole('table', { name: /Leaf table dir\[9\]/ }).textContent).toContain('SL-only');
  });

  it('has an empty state without devices', () => {
    render(<PasidInspector frame={{ ...frame, devices: [], caches: [] }} touched={[]} onSelectDevice={() => {}} onSelectId={() => {}} />);
    expect(screen.getByText(/No devices yet/)).toBeTruthy();
  });
});
