// Paints the notifier timeline on a canvas: lanes, step axis, flow lines from each publishing
// step to its deliveries, event marks, violations, and the step cursor with the future dimmed.
import type { ScaleLinear } from 'd3';
import type { Mark, Timeline } from './model';
import { MARK_RADIUS_PX, stepWidth, type MarkPositions, type TimelineGeometry } from './geometry';
import { CONTEXT_STYLE, EVENT_COLOURS, EVENT_COLOURS_DARK, EVENT_SHAPES, VIOLATION_COLOUR, VIOLATION_TEXT_DARK, type MarkShape } from './eventStyle';
import { stepNumber } from '../../engine/run/stepNumber';

export interface TimelineColours {
  bg: string;
  fg: string;
  muted: string;
  band: string;
  accent: string;
  dark: boolean;
}

export interface TimelineFrame {
  ctx: CanvasRenderingContext2D;
  width: number;
  height: number;
  dpr: number;
  timeline: Timeline;
  g: TimelineGeometry;
  x: ScaleLinear<number, number>;
  pos: MarkPositions;
  current: number;
  selectedMark: number;
  hoverMark: number;
  selectedLane: number;
  colours: TimelineColours;
  font: string;
  fontSizePx: number;
}

/** Marks after the cursor: dimmed, yet still legible on a projector under the future wash. */
const FUTURE_ALPHA = 0.4;

export function shapePath(ctx: CanvasRenderingContext2D, shape: MarkShape, x: number, y: number, r: number): void {
  ctx.beginPath();
  switch (shape) {
    case 'circle':
      ctx.arc(x, y, r, 0, Math.PI * 2);
      break;
    case 'square':
      ctx.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
      break;
    case 'triangle-up':
      ctx.moveTo(x, y - r * 1.1);
      ctx.lineTo(x + r, y + r * 0.75);
      ctx.lineTo(x - r, y + r * 0.75);
      ctx.closePath();
      break;
    case 'triangle-down':
      ctx.moveTo(x, y + r * 1.1);
      ctx.lineTo(x + r, y - r * 0.75);
      ctx.lineTo(x - r, y - r * 0.75);
      ctx.closePath();
      break;
  }
}

function eventColour(f: TimelineFrame, m: Mark): string {
  if (m.kind === 'violation' || !m.event) return VIOLATION_COLOUR;
  return (f.colours.dark ? EVENT_COLOURS_DARK : EVENT_COLOURS)[m.event];
}

export function drawTimeline(f: TimelineFrame): void {
  const { ctx, width, height, dpr, timeline: t, g, x, pos, colours } = f;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = colours.bg;
  ctx.fillRect(0, 0, width, height);
  ctx.font = `${f.fontSizePx}px ${f.font}`;
  ctx.textBaseline = 'middle';

  // Lane bands and labels.
  t.lanes.forEach((lane, i) => {
    const top = g.axisPx + i * g.laneHeightPx;
    if (i === f.selectedLane) {
      ctx.fillStyle = colours.accent;
      ctx.globalAlpha = 0.14;
      ctx.fillRect(0, top, width, g.laneHeightPx);
      ctx.globalAlpha = 1;
    } else if (i % 2 === 1) {
      ctx.fillStyle = colours.band;
      ctx.fillRect(0, top, width, g.laneHeightPx);
    }
    ctx.fillStyle = lane.kind === 'violations' ? (colours.dark ? VIOLATION_TEXT_DARK : VIOLATION_COLOUR) : colours.fg;
    ctx.textAlign = 'left';
    ctx.font = `${lane.kind === 'publisher' ? 'bold ' : ''}${f.fontSizePx}px ${f.font}`;
    ctx.fillText(fitText(ctx, lane.label, g.gutterPx - 14), 8, top + g.laneHeightPx / 2);
  });
  ctx.font = `${f.fontSizePx}px ${f.font}`;
  ctx.strokeStyle = colours.muted;
  ctx.globalAlpha = 0.5;
  ctx.beginPath();
  ctx.moveTo(g.gutterPx - 4.5, g.axisPx);
  ctx.lineTo(g.gutterPx - 4.5, height);
  ctx.stroke();
  ctx.globalAlpha = 1;

  ctx.save();
  ctx.beginPath();
  ctx.rect(g.gutterPx - 2, 0, width - g.gutterPx + 2, height);
  ctx.clip();
  const label = cursorLabel(f);
  drawAxis(f, label);

  // Violations run a faint red rule through every lane so the guilty step is easy to follow down.
  for (const m of t.marks) {
    if (m.kind !== 'violation') continue;
    const vx = x(m.step);
    ctx.strokeStyle = VIOLATION_COLOUR;
    ctx.globalAlpha = m.step > f.current ? 0.12 : 0.35;
    ctx.lineWidth = Math.max(2, Math.min(stepWidth(x) * 0.8, 10));
    ctx.beginPath();
    ctx.moveTo(vx, g.axisPx);
    ctx.lineTo(vx, height);
    ctx.stroke();
  }
  ctx.globalAlpha = 1;

  // Flow lines: publisher → each delivery, a curve so crossings stay readable.
  ctx.lineWidth = 1.5;
  t.marks.forEach((m, i) => {
    if (m.kind !== 'delivery' || m.source === undefined) return;
    const x0 = pos.xs[m.source];
    const y0 = pos.ys[m.source];
    const x1 = pos.xs[i];
    const y1 = pos.ys[i];
    if (Math.max(x0, x1) < g.gutterPx || Math.min(x0, x1) > width) return;
    ctx.strokeStyle = eventColour(f, m);
    ctx.globalAlpha = (m.step > f.current ? FUTURE_ALPHA : 0.55) * (f.selectedMark === i || f.selectedMark === m.source ? 1.8 : 1);
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    const my = (y0 + y1) / 2;
    ctx.bezierCurveTo(x0, my, x1, my, x1, y1);
    ctx.stroke();
  });
  ctx.globalAlpha = 1;

  const r = Math.max(4, Math.min(MARK_RADIUS_PX * (f.fontSizePx / 13), stepWidth(x) * 0.3, g.laneHeightPx * 0.3));
  const drawMark = (m: (typeof t.marks)[number], i: number): void => {
    const mx = pos.xs[i];
    if (mx < g.gutterPx - r || mx > width + r) return;
    const my = pos.ys[i];
    ctx.globalAlpha = m.step > f.current ? FUTURE_ALPHA : 1;
    if (m.kind === 'violation') {
      drawViolation(ctx, mx, my, r * 1.25, colours.bg);
    } else {
      const style = CONTEXT_STYLE[m.context];
      const colour = eventColour(f, m);
      shapePath(ctx, EVENT_SHAPES[m.event!], mx, my, r);
      if (style.filled) {
        ctx.fillStyle = colour;
        ctx.fill();
      } else {
        ctx.fillStyle = colours.bg;
        ctx.fill();
      }
      ctx.strokeStyle = colour;
      ctx.lineWidth = 2.25;
      // Dashes scale with the mark, so a small work-item mark still reads as dashed, not dotted.
      ctx.setLineDash(style.dashed ? [Math.max(3, r * 0.6), Math.max(2, r * 0.4)] : []);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    if (i === f.selectedMark || i === f.hoverMark) {
      ctx.globalAlpha = 1;
      ctx.strokeStyle = colours.fg;
      ctx.lineWidth = i === f.selectedMark ? 2.5 : 1.5;
      ctx.beginPath();
      ctx.arc(mx, my, r + 5, 0, Math.PI * 2);
      ctx.stroke();
    }
  };
  t.marks.forEach(drawMark);
  ctx.globalAlpha = 1;
  drawCursor(f, label);
  // The current step's marks again, over the cursor line (a violation's '!' stays readable).
  t.marks.forEach((m, i) => m.step === f.current && drawMark(m, i));
  ctx.globalAlpha = 1;
  ctx.restore();
}

function drawViolation(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, bg: string): void {
  ctx.beginPath();
  ctx.moveTo(x, y - r * 1.15);
  ctx.lineTo(x + r * 1.1, y + r * 0.85);
  ctx.lineTo(x - r * 1.1, y + r * 0.85);
  ctx.closePath();
  ctx.fillStyle = VIOLATION_COLOUR;
  ctx.fill();
  ctx.fillStyle = bg;
  ctx.fillRect(x - 1, y - r * 0.45, 2, r * 0.7);
  ctx.fillRect(x - 1, y + r * 0.4, 2, 2);
}

function drawAxis(f: TimelineFrame, { lx, w }: CursorLabel): void {
  const { ctx, x, g, colours, width } = f;
  const sw = stepWidth(x);
  ctx.strokeStyle = colours.muted;
  ctx.lineWidth = 1;
  ctx.beginPath();
  if (sw >= 5) {
    const [d0, d1] = x.domain();
    for (let s = Math.ceil(d0); s <= Math.floor(d1); s++) {
      const px = Math.round(x(s)) + 0.5;
      ctx.moveTo(px, g.axisPx - 5);
      ctx.lineTo(px, g.axisPx);
    }
  }
  ctx.moveTo(g.gutterPx, g.axisPx + 0.5);
  ctx.lineTo(width, g.axisPx + 0.5);
  ctx.stroke();
  ctx.fillStyle = colours.muted;
  ctx.textAlign = 'center';
  // The numbers are step numbers (from 1), placed at their steps' indices.
  const [i0, i1] = x.domain();
  const numbers = x.copy().domain([stepNumber(i0), stepNumber(i1)]);
  // As many numbers as fit side by side at the width of the largest (six-digit steps in
  // projector type ran into each other at a fixed 70 px apart).
  const widest = ctx.measureText(Math.max(1, Math.floor(stepNumber(i1))).toLocaleString('en-US')).width;
  const ticks = numbers.ticks(Math.max(2, Math.floor((width - g.gutterPx) / Math.max(70, widest + 24)))).filter((v) => Number.isInteger(v) && v >= 1);
  // A number the cursor's label would half cover, that would run into the one before it, the
  // lane gutter or off the right edge, is left out rather than shown clipped.
  let lastRight = -Infinity;
  for (const v of ticks) {
    const text = v.toLocaleString('en-US');
    const half = ctx.measureText(text).width / 2 + 4;
    const px = numbers(v);
    if (px + half > lx && px - half < lx + w) continue;
    if (px - half < g.gutterPx || px + half > width || px - half < lastRight) continue;
    ctx.fillText(text, px, g.axisPx / 2 - 2);
    lastRight = px + half;
  }
}

interface CursorLabel {
  label: string;
  lx: number;
  w: number;
}

const labelFont = (f: TimelineFrame): string => `bold ${f.fontSizePx}px ${f.font}`;

/** The cursor's label and where it sits on the axis, measured once per frame in its bold font. */
function cursorLabel(f: TimelineFrame): CursorLabel {
  const { ctx, x, g, current } = f;
  const [d0, d1] = x.domain();
  // Keep the cursor's label on screen and point towards it when zoomed away from it.
  // Before the first step (cursor -1) there is no step to name.
  const name = current < 0 ? 'start' : `step ${stepNumber(current).toLocaleString('en-US')}`;
  const label = current < d0 && current >= 0 ? `← ${name}` : current > d1 ? `${name} →` : name;
  const font = ctx.font;
  ctx.font = labelFont(f);
  const w = ctx.measureText(label).width + 12;
  ctx.font = font;
  return { label, lx: Math.max(g.gutterPx, Math.min(f.width - w, x(current) - w / 2)), w };
}

function drawCursor(f: TimelineFrame, { label, lx, w }: CursorLabel): void {
  const { ctx, x, g, colours, height, current } = f;
  const cx = x(current);
  // Everything after the cursor is the future: a wash over it on top of the dimmed marks.
  ctx.fillStyle = colours.bg;
  ctx.globalAlpha = 0.35;
  ctx.fillRect(x(current + 0.5), g.axisPx, f.width, height - g.axisPx);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = colours.accent;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(cx, g.axisPx - 2);
  ctx.lineTo(cx, height);
  ctx.stroke();
  ctx.font = labelFont(f);
  ctx.fillStyle = colours.accent;
  ctx.fillRect(lx, 2, w, g.axisPx - 6);
  ctx.fillStyle = colours.bg;
  ctx.textAlign = 'center';
  ctx.fillText(label, lx + w / 2, (g.axisPx - 4) / 2 + 1);
}

function fitText(ctx: CanvasRenderingContext2D, text: string, maxPx: number): string {
  if (ctx.measureText(text).width <= maxPx) return text;
  let s = text;
  while (s.length > 1 && ctx.measureText(`${s}…`).width > maxPx) s = s.slice(0, -1);
  return `${s}…`;
}
