import { describe, expect, it } from 'vitest';
import { cellOfId, dirIndexOf, idOfCell, IDS_PER_TABLE, makeLayout, tableIndexOf } from '../../../src/visualizations/heatmap/layout';

describe('heatmap layout', () => {
  for (const capacity of [1, 64, 1000, 1 << 20]) {
    it(`round-trips every ID through its cell for capacity ${capacity}`, () => {
      const layout = makeLayout(capacity);
      // Plain comparisons in the loop: expect() per ID would be far too slow for 2^20.
      let bad = -1;
      for (let id = 0; id < capacity && bad < 0; id++) {
        const cell = cellOfId(layout, id);
        // Pixel index = ID is what lets the raster skip index maths.
        if (!cell || cell.col >= layout.cols || cell.row >= layout.rows || cell.row * layout.cols + cell.col !== id || idOfCell(layout, cell.col, cell.row) !== id) bad = id;
      }
      expect(bad).toBe(-1);
      expect(layout.cols * layout.rows).toBeGreaterThanOrEqual(capacity);
      expect(cellOfId(layout, capacity)).toBeNull();
      expect(cellOfId(layout, -1)).toBeNull();
    });
  }

  it('folds 2^20 IDs into a 1024 × 1024 grid of 16 leaf tables per row', () => {
    const layout = makeLayout(1 << 20);
    expect(layout).toMatchObject({ tablesPerRow: 16, cols: 1024, rows: 1024 });
    // A column inside a table block is the table index; the block is dir % F.
    const id = 0x12345;
    const cell = cellOfId(layout, id)!;
    expect(cell.col % IDS_PER_TABLE).toBe(tableIndexOf(id));
    expect(Math.floor(cell.col / IDS_PER_TABLE)).toBe(dirIndexOf(id) % 16);
    expect(cell.row).toBe(Math.floor(dirIndexOf(id) / 16));
  });

  it('keeps whole leaf tables per row and marks cells past the capacity as empty', () => {
    const layout = makeLayout(1000);
    expect(layout.cols % IDS_PER_TABLE).toBe(0);
    expect(idOfCell(layout, 1000 % layout.cols, Math.floor(1000 / layout.cols))).toBe(-1);
    expect(idOfCell(layout, layout.cols, 0)).toBe(-1);
    expect(idOfCell(layout, 0, layout.rows)).toBe(-1);
    expect(makeLayout(10)).toMatchObject({ cols: 10, rows: 1 });
  });

  it('rejects capacities outside 1 … 2^20', () => {
    expect(() => makeLayout(0)).toThrow(RangeError);
    expect(() => makeLayout((1 << 20) + 1)).toThrow(RangeError);
    expect(() => makeLayout(2.5)).toThrow(RangeError);
  });
});
