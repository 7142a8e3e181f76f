import { describe, expect, it } from 'vitest';
import { scaleLinear } from 'd3';
import { buildTimeline, type TimelineStep } from '../../../src/visualizations/timeline/model';
import { markPositions, type TimelineGeometry } from '../../../src/visualizations/timeline/geometry';
import { drawTimeline } from '../../../src/visualizations/timeline/draw';

/** A 2D context that draws nothing and records each fillText with its x and width (7 px a character). */
function recordingContext(): { ctx: CanvasRenderingContext2D; texts: { text: string; x: number; y: number; width: number }[] } {
  const texts: { text: string; x: number; y: number; width: number }[] = [];
  const state: Record<string | symbol, unknown> = {};
  const ctx = new Proxy(state, {
    get(target, key) {
      if (key === 'measureText') return (s: string) => ({ width: s.length * 7 });
      if (key === 'fillText') return (s: string, x: number, y: number) => texts.push({ text: s, x, y, width: s.length * 7 });
      if (key in target) return target[key];
      return () => undefined;
    },
    set(target, key, value) {
      target[key] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
  return { ctx, texts };
}

const step = (index: number): TimelineStep => ({ index, line: 1, thread: 'main', context: 'task', text: `s${index}`, resultName: '0' });

describe('timeline step axis', () => {
  it('leaves out a step number that would run into the lane gutter or off the right edge', () => {
    const t = buildTimeline(Array.from({ length: 50 }, (_, i) => step(1_028_000 + i)), [], []);
    const g: TimelineGeometry = { gutterPx: 120, axisPx: 30, laneHeightPx: 30, width: 600 };
    // Zoomed so that step number 1,030,000 (index 1,029,999) sits 10 px right of the gutter:
    // centred there, its label would start inside the gutter. The cursor is off to the right.
    const x = scaleLinear().domain([1_029_999 - 1, 1_029_999 + 47]).range([g.gutterPx - 10, g.width + 10]);
    const { ctx, texts } = recordingContext();
    drawTimeline({
      ctx, width: g.width, height: 200, dpr: 1, timeline: t, g, x, pos: markPositions(t, g, x), current: 1_030_100,
      selectedMark: -1, hoverMark: -1, selectedLane: -1,
      colours: { bg: '#fff', fg: '#000', muted: '#666', band: '#eee', accent: '#00f', dark: false }, font: 'sans-serif', fontSizePx: 14,
    });
    const axis = texts.filter((s) => /^\d{1,3}(,\d{3})+$/.test(s.text) && s.y < g.axisPx);
    expect(axis.length).toBeGreaterThan(0);
    for (const s of axis) {
      expect(s.x - s.width / 2).toBeGreaterThanOrEqual(g.gutterPx);
      expect(s.x + s.width / 2).toBeLessThanOrEqual(g.width);
    }
  });
});
