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
