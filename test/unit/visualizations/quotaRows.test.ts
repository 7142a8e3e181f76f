import { describe, expect, it } from 'vitest';
import { scaleLinear } from 'd3';
import { barSegments, selectRows, summarizeCapacity, type QuotaSet } from '../../../src/visualizations/quota/rows';

const set = (name: string, quota: number, used = 0, pending = 0): QuotaSet => ({ name, sid: quota, quota, used, pending, token: name });

describe('quota rows', () => {
  it('shows every set when they fit, largest quota first', () => {
    const { rows, hidden } = selectRows([set('a', 5, 1), set('b', 50, 2), set('c', 5, 4)], 10);
    expect(rows.map((r) => r.name)).toEqual(['b', 'c', 'a']);
    expect(hidden).toBe(0);
  });

  it('folds the rest of thousands of sets into one summed row', () => {
    const sets = Array.from({ length: 3000 }, (_, i) => set(`vm${i}`, i + 1, i, 1));
    const { rows, hidden } = selectRows(sets, 5);
    expect(rows).toHaveLength(5);
    expect(hidden).toBe(2996);
    const more = rows[4];
    expect(more.name).toBe('+2996 more sets');
    expect(more.folded).toBe(2996);
    const shownQuota = rows.slice(0, 4).reduce((s, r) => s + r.quota, 0);
    expect(shownQuota + more.quota).toBe(sets.reduce((s, x) => s + x.quota, 0));
    // vm0 has used = 0, so its pending count is clamped to 0.
    expect(more.pending).toBe(2995);
  });

  it('keeps a flashed set visible even when it is small', () => {
    const sets = Array.from({ length: 20 }, (_, i) => set(`vm${i}`, 100 - i));
    const { rows } = selectRows(sets, 4, 'vm19');
    expect(rows.map((r) => r.name)).toEqual(['vm0', 'vm1', 'vm19', '+17 more sets']);
  });

  it('summarizes capacity and splits active from pending', () => {
    const sum = summarizeCapacity(1000, 900, [set('a', 60, 10, 3), set('b', 40, 5, 9)]);
    expect(sum).toMatchObject({ reserved: 100, quotaSum: 100, used: 15, pending: 8, active: 7 });
  });

  it('clamps bar segments to the quota', () => {
    const x = scaleLinear().domain([0, 10]).range([0, 100]);
    expect(barSegments(10, 4, 2, x)).toEqual({ active: [0, 40], pending: [40, 60], over: false });
    expect(barSegments(10, 9, 5, x)).toEqual({ active: [0, 90], pending: [90, 100], over: true });
  });
});
