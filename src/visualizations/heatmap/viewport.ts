// Zoom/pan maths of the heatmap: fitting the grid, screen point → ID, which cells are on screen.
// A transform is d3-zoom's {k, x, y}: screen = grid * k + (x, y), one grid unit = one cell.
import { cellOfId, idOfCell, type HeatmapLayout } from './layout';

export interface ViewTransform {
  k: number;
  x: number;
  y: number;
}

/** Cells at least this wide (CSS px) get their ID written in them. */
export const LABEL_MIN_CELL_PX = 18;
/** Cells at least this wide get grid lines, pending hatching and bound markers. */
export const DETAIL_MIN_CELL_PX = 6;
/** Deepest zoom: one cell this many CSS px wide. */
export const MAX_CELL_PX = 96;
const FIT_PADDING_PX = 8;

/** The transform that shows the whole grid centred in a width × height viewport. */
export function fitTransform(layout: HeatmapLayout, width: number, height: number): ViewTransform {
  const w = Math.max(1, width - 2 * FIT_PADDING_PX);
  const h = Math.max(1, height - 2 * FIT_PADDING_PX);
  const k = Math.min(w / layout.cols, h / layout.rows, MAX_CELL_PX);
  return { k, x: (width - layout.cols * k) / 2, y: (height - layout.rows * k) / 2 };
}

/** Fewest cells a zoom to the used IDs shows across, so one live ID is not a single giant cell. */
export const MIN_ZOOM_CELLS = 16;

/**
 * The cells holding IDs that are not plainly free (live, pending, or free with an entry left),
 * as a range, or null when every ID is free. The grid is the IDs in row-major order.
 */
export function usedCells(layout: HeatmapLayout, state: Uint8Array): CellRange | null {
  const n = Math.min(layout.capacity, state.length);
  let col0 = Infinity;
  let col1 = -1;
  let row0 = -1;
  let row1 = -1;
  for (let id = 0; id < n; id++) {
    if (state[id] === 0) continue;
    const row = Math.floor(id / layout.cols);
    const col = id - row * layout.cols;
    if (row0 < 0) row0 = row;
    row1 = row;
    if (col < col0) col0 = col;
    if (col > col1) col1 = col;
  }
  return row0 < 0 ? null : { col0, col1, row0, row1 };
}

/**
 * The transform that fits a range of cells (widened to MIN_ZOOM_CELLS each way) in the
 * viewport, centred on it even at the grid's edge: ID 1 pinned to the top-left corner had its
 * selection ring cut off there.
 */
export function fitCells(layout: HeatmapLayout, range: CellRange, width: number, height: number): ViewTransform {
  const widen = (a: number, b: number, limit: number): [number, number] => {
    const span = Math.min(limit, Math.max(MIN_ZOOM_CELLS, b - a + 1));
    const start = span >= limit ? 0 : (a + b + 1) / 2 - span / 2;
    return [start, start + span];
  };
  const [c0, c1] = widen(range.col0, range.col1, layout.cols);
  const [r0, r1] = widen(range.row0, range.row1, layout.rows);
  const w = Math.max(1, width - 2 * FIT_PADDING_PX);
  const h = Math.max(1, height - 2 * FIT_PADDING_PX);
  const k = Math.min(w / (c1 - c0), h / (r1 - r0), MAX_CELL_PX);
  return { k, x: width / 2 - ((c0 + c1) / 2) * k, y: height / 2 - ((r0 + r1) / 2) * k };
}

/** The ID under a screen point, or -1. */
export function idAtPoint(layout: HeatmapLayout, t: ViewTransform, px: number, py: number): number {
  const col = Math.floor((px - t.x) / t.k);
  const row = Math.floor((py - t.y) / t.k);
  return idOfCell(layout, col, row);
}

export interface CellRange {
  col0: number;
  col1: number;
  row0: number;
  row1: number;
}

/** The cells at least partly on screen (inclusive bounds; empty when col0 > col1). */
export function visibleCells(layout: HeatmapLayout, t: ViewTransform, width: number, height: number): CellRange {
  return {
    col0: Math.max(0, Math.floor(-t.x / t.k)),
    col1: Math.min(layout.cols - 1, Math.floor((width - t.x) / t.k)),
    row0: Math.max(0, Math.floor(-t.y / t.k)),
    row1: Math.min(layout.rows - 1, Math.floor((height - t.y) / t.k)),
  };
}

/** The screen rectangle of an ID's cell, or null outside the capacity. */
export function cellRect(layout: HeatmapLayout, t: ViewTransform, id: number): { x: number; y: number; size: number } | null {
  const cell = cellOfId(layout, id);
  if (!cell) return null;
  return { x: t.x + cell.col * t.k, y: t.y + cell.row * t.k, size: t.k };
}

/** The transform that pans (without zooming) just enough to bring an ID's cell into view. */
export function panToShow(layout: HeatmapLayout, t: ViewTransform, id: number, width: number, height: number): ViewTransform {
  const r = cellRect(layout, t, id);
  if (!r) return t;
  const margin = Math.min(r.size * 2, width / 4);
  let dx = 0;
  let dy = 0;
  if (r.x < margin) dx = margin - r.x;
  else if (r.x + r.size > width - margin) dx = width - margin - (r.x + r.size);
  if (r.y < margin) dy = margin - r.y;
  else if (r.y + r.size > height - margin) dy = height - margin - (r.y + r.size);
  return { k: t.k, x: t.x + dx, y: t.y + dy };
}

/** The ID an arrow key moves the selection to; stays put at the edges of the grid. */
export function stepSelection(layout: HeatmapLayout, id: number, key: string): number {
  const cell = cellOfId(layout, id);
  if (!cell) return layout.capacity > 0 ? 0 : -1;
  const d = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[key];
  if (!d) return id;
  const next = idOfCell(layout, cell.col + d[0], cell.row + d[1]);
  return next >= 0 ? next : id;
}
