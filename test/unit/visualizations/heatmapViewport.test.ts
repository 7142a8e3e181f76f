import { describe, expect, it } from 'vitest';
import { makeLayout } from '../../../src/visualizations/heatmap/layout';
import { cellRect, fitCells, fitTransform, idAtPoint, MIN_ZOOM_CELLS, panToShow, stepSelection, usedCells, visibleCells } from '../../../src/visualizations/heatmap/viewport';

describe('heatmap viewport', () => {
  const layout = makeLayout(1 << 20);

  it('fits the whole 1024 × 1024 grid, centred', () => {
    const t = fitTransform(layout, 800, 600);
    expect(layout.cols * t.k).toBeLessThanOrEqual(800);
    expect(layout.rows * t.k).toBeLessThanOrEqual(600);
    expect(t.x * 2 + layout.cols * t.k).toBeCloseTo(800);
    expect(visibleCells(layout, t, 800, 600)).toEqual({ col0: 0, col1: 1023, row0: 0, row1: 1023 });
  });

  it('hit-tests the centre of every sampled cell back to its ID', () => {
    const t = { k: 20, x: -5000, y: -3000 };
    for (const id of [250 * 1024 + 250, 260 * 1024 + 300, 0x4d2 + 200 * 1024]) {
      const r = cellRect(layout, t, id)!;
      expect(idAtPoint(layout, t, r.x + r.size / 2, r.y + r.size / 2)).toBe(id);
    }
    expect(idAtPoint(layout, { k: 1, x: 0, y: 0 }, -3, 5)).toBe(-1);
    expect(idAtPoint(makeLayout(1000), { k: 10, x: 0, y: 0 }, 639, 159)).toBe(-1);
  });

  it('moves the selection with arrow keys and stops at the grid edges', () => {
    expect(stepSelection(layout, 5, 'ArrowRight')).toBe(6);
    expect(stepSelection(layout, 5, 'ArrowDown')).toBe(5 + 1024);
    expect(stepSelection(layout, 5, 'ArrowUp')).toBe(5);
    expect(stepSelection(layout, 1023, 'ArrowRight')).toBe(1023);
    const small = makeLayout(1000);
    expect(stepSelection(small, 999, 'ArrowDown')).toBe(999);
    // 946 + 64 is past the capacity of 1000: the selection stays.
    expect(stepSelection(small, 946, 'ArrowDown')).toBe(946);
    expect(stepSelection(small, 900, 'ArrowDown')).toBe(964);
  });

  it('pans just enough to bring a cell into view', () => {
    const t = { k: 20, x: 0, y: 0 };
    const moved = panToShow(layout, t, 100 * 1024 + 100, 400, 300);
    const r = cellRect(layout, moved, 100 * 1024 + 100)!;
    expect(moved.k).toBe(20);
    expect(r.x).toBeGreaterThanOrEqual(0);
    expect(r.x + r.size).toBeLessThanOrEqual(400);
    expect(r.y + r.size).toBeLessThanOrEqual(300);
  });

  it('finds the cells of the IDs in use, and none when all are free', () => {
    const state = new Uint8Array(1 << 20);
    expect(usedCells(layout, state)).toBeNull();
    state[5] = 1; // row 0, col 5
    state[3 * 1024 + 900] = 2; // row 3, col 900
    expect(usedCells(layout, state)).toEqual({ col0: 5, col1: 900, row0: 0, row1: 3 });
  });

  it('zooms to the used cells, widened to a minimum, with every used cell on screen', () => {
    const one = fitCells(layout, { col0: 1, col1: 1, row0: 0, row1: 0 }, 800, 600);
    // One live ID: MIN_ZOOM_CELLS across the smaller side, not the whole viewport for one cell.
    expect(one.k).toBeCloseTo((600 - 16) / MIN_ZOOM_CELLS);
    const r = cellRect(layout, one, 1)!;
    expect(r.x).toBeGreaterThanOrEqual(0);
    expect(r.y).toBeGreaterThanOrEqual(0);
    expect(r.x + r.size).toBeLessThanOrEqual(800);
    // Centred, though it sits in the grid's first row: its selection ring is not cut off.
    expect(r.x + r.size / 2).toBeCloseTo(400, 0);
    expect(r.y + r.size / 2).toBeCloseTo(300, 0);
    const range = { col0: 5, col1: 900, row0: 0, row1: 3 };
    const t = fitCells(layout, range, 800, 600);
    const seen = visibleCells(layout, t, 800, 600);
    expect(seen.col0).toBeLessThanOrEqual(5);
    expect(seen.col1).toBeGreaterThanOrEqual(900);
    expect(seen.row0).toBe(0);
    expect(seen.row1).toBeGreaterThanOrEqual(3);
    // Zoomed in compared with the whole grid.
    expect(t.k).toBeGreaterThan(fitTransform(layout, 800, 600).k);
  });
});
