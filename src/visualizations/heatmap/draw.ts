// Paints one heatmap frame: the cached raster scaled by the zoom transform, then the overlays
// that only make sense when zoomed in (grid, hatching, bound markers, ID labels), selection, pulses.
import { ID_BOUND_BIT, ID_FREE_PENDING, ID_STATE_MASK } from '../../engine/idstate';
import { IDS_PER_TABLE, type HeatmapLayout } from './layout';
import { THEME_COLOURS, unpackRgba, type VizTheme } from './palette';
import { cellRect, DETAIL_MIN_CELL_PX, LABEL_MIN_CELL_PX, visibleCells, type ViewTransform } from './viewport';

export interface HeatmapFrame {
  ctx: CanvasRenderingContext2D;
  width: number;
  height: number;
  dpr: number;
  t: ViewTransform;
  layout: HeatmapLayout;
  raster: CanvasImageSource;
  state: Uint8Array;
  lut: Uint32Array;
  theme: VizTheme;
  selectedId: number;
  pulseIds: readonly number[];
  /** 0 … 1 through the pulse animation; 1 draws the resting marker (reduced motion). */
  pulsePhase: number | null;
  fontFamily: string;
}

/** Pulse rings stay at least this big so a changed ID is findable when zoomed out. */
const PULSE_MIN_RADIUS_PX = 7;
const SELECTION_MIN_PX = 10;
/** Table separators are drawn once a 64-ID table is at least this wide on screen. */
const TABLE_SEPARATOR_MIN_PX = 24;

export function drawHeatmap(f: HeatmapFrame): void {
  const { ctx, width, height, dpr, t, layout } = f;
  const colours = THEME_COLOURS[f.theme];
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = colours.background;
  ctx.fillRect(0, 0, width, height);
  ctx.save();
  ctx.imageSmoothingEnabled = false;
  ctx.translate(t.x, t.y);
  ctx.scale(t.k, t.k);
  ctx.drawImage(f.raster, 0, 0);
  ctx.restore();

  const vis = visibleCells(layout, t, width, height);
  if (t.k * IDS_PER_TABLE >= TABLE_SEPARATOR_MIN_PX && layout.cols > IDS_PER_TABLE) drawTableSeparators(f, vis);
  if (t.k >= DETAIL_MIN_CELL_PX) drawCellDetail(f, vis);
  if (t.k >= LABEL_MIN_CELL_PX) drawLabels(f, vis);
  drawPulses(f);
  drawSelection(f);
}

function drawTableSeparators(f: HeatmapFrame, vis: ReturnType<typeof visibleCells>): void {
  const { ctx, t, layout } = f;
  ctx.strokeStyle = f.theme === 'dark' ? 'rgba(255,255,255,0.16)' : 'rgba(0,0,0,0.16)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  const top = t.y + vis.row0 * t.k;
  const bottom = t.y + (vis.row1 + 1) * t.k;
  for (let c = Math.ceil(vis.col0 / IDS_PER_TABLE) * IDS_PER_TABLE; c <= vis.col1 + 1 && c < layout.cols; c += IDS_PER_TABLE) {
    if (c === 0) continue;
    const x = Math.round(t.x + c * t.k) + 0.5;
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
  }
  ctx.stroke();
}

function drawCellDetail(f: HeatmapFrame, vis: ReturnType<typeof visibleCells>): void {
  const { ctx, t, layout, state } = f;
  const colours = THEME_COLOURS[f.theme];
  // Grid gaps: background-coloured lines so neighbouring cells of one set read as separate IDs.
  ctx.strokeStyle = colours.grid;
  ctx.lineWidth = Math.max(1, t.k * 0.06);
  ctx.beginPath();
  for (let c = vis.col0; c <= vis.col1 + 1; c++) {
    const x = t.x + c * t.k;
    ctx.moveTo(x, t.y + vis.row0 * t.k);
    ctx.lineTo(x, t.y + (vis.row1 + 1) * t.k);
  }
  for (let r = vis.row0; r <= vis.row1 + 1; r++) {
    const y = t.y + r * t.k;
    ctx.moveTo(t.x + vis.col0 * t.k, y);
    ctx.lineTo(t.x + (vis.col1 + 1) * t.k, y);
  }
  ctx.stroke();

  const hatch = new Path2D();
  const marks = new Path2D();
  const markR = Math.max(1.5, t.k * 0.12);
  for (let r = vis.row0; r <= vis.row1; r++) {
    for (let c = vis.col0; c <= vis.col1; c++) {
      const id = r * layout.cols + c;
      if (id >= layout.capacity) break;
      const byte = state[id];
      const x = t.x + c * t.k;
      const y = t.y + r * t.k;
      if ((byte & ID_STATE_MASK) === ID_FREE_PENDING) {
        // Two diagonal strokes: "on its way out" reads without relying on the pale colour alone.
        hatch.moveTo(x, y + t.k * 0.5);
        hatch.lineTo(x + t.k * 0.5, y);
        hatch.moveTo(x + t.k * 0.5, y + t.k);
        hatch.lineTo(x + t.k, y + t.k * 0.5);
        hatch.moveTo(x, y + t.k);
        hatch.lineTo(x + t.k, y);
      }
      if (byte & ID_BOUND_BIT) {
        const cx = x + t.k - markR * 1.8;
        const cy = y + markR * 1.8;
        marks.moveTo(cx + markR, cy);
        marks.arc(cx, cy, markR, 0, Math.PI * 2);
      }
    }
  }
  ctx.strokeStyle = f.theme === 'dark' ? 'rgba(15,19,26,0.55)' : 'rgba(17,21,28,0.45)';
  ctx.lineWidth = Math.max(1, t.k * 0.06);
  ctx.stroke(hatch);
  ctx.fillStyle = f.theme === 'dark' ? '#ffffff' : '#11151c';
  ctx.fill(marks);
}

/** Monospace digit width as a share of the font size. */
const DIGIT_EM = 0.62;
const MIN_LABEL_FONT_PX = 7.5;

function drawLabels(f: HeatmapFrame, vis: ReturnType<typeof visibleCells>): void {
  const { ctx, t, layout, state, lut } = f;
  const room = t.k * 0.86;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let r = vis.row0; r <= vis.row1; r++) {
    for (let c = vis.col0; c <= vis.col1; c++) {
      const id = r * layout.cols + c;
      if (id >= layout.capacity) break;
      const [red, green, blue] = unpackRgba(lut[state[id]]);
      // Rec. 709 luma decides dark or light text so labels stay legible on every set colour.
      const luma = 0.2126 * red + 0.7152 * green + 0.0722 * blue;
      ctx.fillStyle = luma > 140 ? '#11151c' : '#f5f7fa';
      const text = String(id);
      const cx = t.x + (c + 0.5) * t.k;
      const cy = t.y + (r + 0.5) * t.k;
      const single = Math.min(15, t.k * 0.32, room / (text.length * DIGIT_EM));
      if (single >= MIN_LABEL_FONT_PX || text.length <= 3) {
        ctx.font = `${single}px ${f.fontFamily}`;
        ctx.fillText(text, cx, cy + 1);
      } else {
        // Too long for one line: thousands on top, units below, still the full decimal ID.
        const hi = text.slice(0, -3);
        const size = Math.min(13, t.k * 0.38, room / (Math.max(hi.length, 3) * DIGIT_EM));
        ctx.font = `${size}px ${f.fontFamily}`;
        ctx.fillText(hi, cx, cy - size * 0.5);
        ctx.fillText(text.slice(-3), cx, cy + size * 0.6);
      }
    }
  }
}

function drawPulses(f: HeatmapFrame): void {
  if (f.pulsePhase === null || f.pulseIds.length === 0) return;
  const { ctx, t, layout } = f;
  const phase = f.pulsePhase;
  const grow = phase < 1 ? 1 + phase * 1.5 : 1;
  ctx.strokeStyle = f.theme === 'dark' ? '#ffe14d' : '#c77800';
  ctx.globalAlpha = phase < 1 ? 1 - phase * 0.7 : 0.9;
  ctx.lineWidth = 2.5;
  for (const id of f.pulseIds) {
    const r = cellRect(layout, t, id);
    if (!r) continue;
    const cx = r.x + r.size / 2;
    const cy = r.y + r.size / 2;
    if (cx < -50 || cy < -50 || cx > f.width + 50 || cy > f.height + 50) continue;
    const radius = Math.max(PULSE_MIN_RADIUS_PX, r.size * 0.75) * grow;
    ctx.beginPath();
    ctx.arc(cx, cy, radius, 0, Math.PI * 2);
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}

function drawSelection(f: HeatmapFrame): void {
  const r = cellRect(f.layout, f.t, f.selectedId);
  if (!r) return;
  const { ctx } = f;
  const size = Math.max(SELECTION_MIN_PX, r.size);
  const x = r.x + r.size / 2 - size / 2;
  const y = r.y + r.size / 2 - size / 2;
  ctx.lineWidth = 3;
  ctx.strokeStyle = f.theme === 'dark' ? '#0f131a' : '#ffffff';
  ctx.strokeRect(x - 1.5, y - 1.5, size + 3, size + 3);
  ctx.lineWidth = 2;
  ctx.strokeStyle = f.theme === 'dark' ? '#ffffff' : '#11151c';
  ctx.strokeRect(x - 1.5, y - 1.5, size + 3, size + 3);
  if (r.size < SELECTION_MIN_PX) {
    // Crosshair ticks so a one-pixel selection is findable in a million IDs.
    ctx.beginPath();
    const cx = r.x + r.size / 2;
    const cy = r.y + r.size / 2;
    ctx.moveTo(cx - size * 2, cy);
    ctx.lineTo(cx - size, cy);
    ctx.moveTo(cx + size, cy);
    ctx.lineTo(cx + size * 2, cy);
    ctx.moveTo(cx, cy - size * 2);
    ctx.lineTo(cx, cy - size);
    ctx.moveTo(cx, cy + size);
    ctx.lineTo(cx, cy + size * 2);
    ctx.stroke();
  }
}
