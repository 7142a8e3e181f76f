// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { QuotaBars } from '../../../src/visualizations/quota/QuotaBars';

afterEach(cleanup);

const sets = [
  { name: 'vm1', sid: 1, quota: 8, used: 5, pending: 2, token: 'mm:vm1' },
  { name: 'system', sid: 0, quota: 64, used: 3, pending: 0, token: 'init_mm' },
];

describe('QuotaBars', () => {
  it('offers a table alternative with capacity, every set, its quota, use and pending count', () => {
    render(<QuotaBars capacity={1024} available={952} sets={sets} />);
    const table = screen.getByRole('table');
    expect(within(table).getByText('Capacity 1,024, Σ quotas 72, used 8 (2 free-pending), available 952.')).toBeTruthy();
    const rows = within(table).getAllByRole('row');
    // Header plus one row per set, largest quota first.
    expect(rows.map((r) => r.textContent)).toEqual(['SetSIDTokenQuotaUsedFree-pending', 'system0init_mm6430', 'vm11mm:vm1852']);
  });

  it('states that small sets are folded, and announces a flash', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ name: `vm${i}`, sid: i, quota: 100 - i, used: i, pending: 0, token: `t${i}` }));
    render(<QuotaBars capacity={1 << 20} available={(1 << 20) - 2565} sets={many} maxRows={5} flash={{ set: 'vm3', message: '-ENOSPC', nonce: 1 }} />);
    expect(screen.getByText('+26 more sets')).toBeTruthy();
    expect(screen.getByText(/Showing the 4 largest of 30 sets by quota; the other 26 are summed/)).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('vm3: -ENOSPC');
    // The table alternative still lists all 30 sets, and can be shown on demand.
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(31);
    const toggle = screen.getByRole('button', { name: 'Table' });
    fireEvent.click(toggle);
    expect(screen.getByRole('button', { name: 'Hide table' }).getAttribute('aria-pressed')).toBe('true');
  });
});
