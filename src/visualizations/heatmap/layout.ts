// Where each ID sits on the heatmap grid. A row holds F whole VT-d leaf tables (64 IDs each,
// dir index = id >> 6, table index = id & 63), so a glance down a column block reads one table.
//
// The fold: row r holds leaf tables r*F … r*F+F-1 side by side, so
//   col = (dir % F) * 64 + (id & 63),  row = floor(dir / F),  cols = 64 * F.
// Then row * cols + col = dir * 64 + (id & 63) = id: the grid in row-major order IS the ID
// order, so rasterization is a straight copy through the palette with no index maths.
// F is chosen so the grid is near square: 2^20 IDs = 16,384 tables → F = 16 → 1024 × 1024.

export const IDS_PER_TABLE = 64;
export const MAX_CAPACITY = 1 << 20;

export interface HeatmapLayout {
  capacity: number;
  /** Leaf tables folded into one row (F). */
  tablesPerRow: number;
  cols: number;
  rows: number;
}

export function makeLayout(capacity: number): HeatmapLayout {
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY) {
    throw new RangeError(`heatmap capacity must be 1 … ${MAX_CAPACITY}, got ${capacity}`);
  }
  if (capacity <= IDS_PER_TABLE) {
    // A partial single table: no point drawing empty slots beyond the capacity.
    return { capacity, tablesPerRow: 1, cols: capacity, rows: 1 };
  }
  const tables = Math.ceil(capacity / IDS_PER_TABLE);
  // Square when 64 F = tables / F.
  const tablesPerRow = Math.max(1, Math.round(Math.sqrt(tables / IDS_PER_TABLE)));
  const cols = tablesPerRow * IDS_PER_TABLE;
  return { capacity, tablesPerRow, cols, rows: Math.ceil(capacity / cols) };
}

export interface Cell {
  col: number;
  row: number;
}

/** The cell of an ID, or null outside the capacity. */
export function cellOfId(layout: HeatmapLayout, id: number): Cell | null {
  if (!Number.isInteger(id) || id < 0 || id >= layout.capacity) return null;
  const dir = id >> 6;
  const row = Math.floor(dir / layout.tablesPerRow);
  const col = (dir % layout.tablesPerRow) * IDS_PER_TABLE + (id & 63);
  // Small capacities have cols < 64: then there is one row and col = id.
  return layout.cols < IDS_PER_TABLE ? { col: id, row: 0 } : { col, row };
}

/** The ID drawn in a cell, or -1 for cells outside the grid or past the capacity. */
export function idOfCell(layout: HeatmapLayout, col: number, row: number): number {
  if (!Number.isInteger(col) || !Number.isInteger(row)) return -1;
  if (col < 0 || row < 0 || col >= layout.cols || row >= layout.rows) return -1;
  const id = row * layout.cols + col;
  return id < layout.capacity ? id : -1;
}

export function dirIndexOf(id: number): number {
  return id >> 6;
}

export function tableIndexOf(id: number): number {
  return id & 63;
}
