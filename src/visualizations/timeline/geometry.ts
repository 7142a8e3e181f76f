// Scales and hit testing of the timeline: step ↔ x through d3-scale (re-scaled by d3-zoom),
// lane ↔ y, and which mark lies under the pointer.
import { scaleLinear, type ScaleLinear } from 'd3';
import type { Mark, Timeline } from './model';

export interface TimelineGeometry {
  /** Left gutter for lane labels, CSS px. */
  gutterPx: number;
  axisPx: number;
  laneHeightPx: number;
  width: number;
}

export const MARK_RADIUS_PX = 7;
export const HIT_RADIUS_PX = 10;

export function baseStepScale(t: Timeline, g: TimelineGeometry): ScaleLinear<number, number> {
  return scaleLinear()
    .domain([t.minStep - 0.5, t.maxStep + 0.5])
    .range([g.gutterPx, Math.max(g.gutterPx + 1, g.width - 12)]);
}

export function laneCentre(g: TimelineGeometry, lane: number): number {
  return g.axisPx + (lane + 0.5) * g.laneHeightPx;
}

export function canvasHeight(t: Timeline, g: TimelineGeometry): number {
  return g.axisPx + t.lanes.length * g.laneHeightPx + 8;
}

/** Pixel width of one step at this zoom. */
export function stepWidth(x: ScaleLinear<number, number>): number {
  return Math.abs(x(1) - x(0));
}

export function markX(m: Mark, x: ScaleLinear<number, number>): number {
  // Spread only as far as the step is wide, so marks never cross into the neighbour step.
  return x(m.step) + m.offset * Math.min(stepWidth(x), 120);
}

export interface MarkPositions {
  xs: Float64Array;
  ys: Float64Array;
}

export function markPositions(t: Timeline, g: TimelineGeometry, x: ScaleLinear<number, number>): MarkPositions {
  const xs = new Float64Array(t.marks.length);
  const ys = new Float64Array(t.marks.length);
  t.marks.forEach((m, i) => {
    xs[i] = markX(m, x);
    ys[i] = laneCentre(g, m.lane);
  });
  return { xs, ys };
}

/** The nearest mark within HIT_RADIUS_PX of the point, or -1. */
export function hitTest(pos: MarkPositions, px: number, py: number, radius = HIT_RADIUS_PX): number {
  let best = -1;
  let bestD = radius * radius;
  for (let i = 0; i < pos.xs.length; i++) {
    const dx = pos.xs[i] - px;
    const dy = pos.ys[i] - py;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** The lane under a y coordinate, or -1. */
export function laneAt(t: Timeline, g: TimelineGeometry, py: number): number {
  const lane = Math.floor((py - g.axisPx) / g.laneHeightPx);
  return lane >= 0 && lane < t.lanes.length ? lane : -1;
}

/** The step under an x coordinate, clamped to the timeline's steps. */
export function stepAt(t: Timeline, x: ScaleLinear<number, number>, px: number): number {
  return Math.max(t.minStep, Math.min(t.maxStep, Math.round(x.invert(px))));
}
