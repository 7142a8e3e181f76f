import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeIdState, ID_ACTIVE, ID_FREE } from '../../../src/engine/idstate';
import { idOfCell, makeLayout, type HeatmapLayout } from '../../../src/visualizations/heatmap/layout';
import { paletteFor, voidPixel } from '../../../src/visualizations/heatmap/palette';
import { RasterCache, rasterizeFull } from '../../../src/visualizations/heatmap/raster';
import { countKinds } from '../../../src/visualizations/heatmap/summary';

function randomState(capacity: number, seed: number): Uint8Array {
  let x = seed >>> 0 || 1;
  const state = new Uint8Array(capacity);
  for (let i = 0; i < capacity; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    state[i] = (x >>> 0) & 255;
  }
  return state;
}

/** The obvious per-pixel version: walk the grid, ask the layout which ID each cell shows. */
function naiveRaster(layout: HeatmapLayout, state: Uint8Array, lut: Uint32Array, voidPx: number): Uint32Array {
  const out = new Uint32Array(layout.cols * layout.rows);
  for (let row = 0; row < layout.rows; row++) {
    for (let col = 0; col < layout.cols; col++) {
      const id = idOfCell(layout, col, row);
      out[row * layout.cols + col] = id < 0 ? voidPx : lut[state[id]];
    }
  }
  return out;
}

function firstDifference(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe('heatmap raster', () => {
  for (const capacity of [1, 70, 1000, 1 << 20]) {
    it(`full raster equals the naive per-pixel reference (capacity ${capacity})`, () => {
      const layout = makeLayout(capacity);
      const state = randomState(capacity, capacity);
      const lut = paletteFor('dark');
      const vp = voidPixel('dark');
      const out = new Uint32Array(layout.cols * layout.rows).fill(0xdeadbeef);
      rasterizeFull(state, capacity, lut, out, vp);
      expect(firstDifference(out, naiveRaster(layout, state, lut, vp))).toBe(-1);
    });
  }

  it('gives the same pixels for a state view at an unaligned offset (byte-loop fallback)', () => {
    const backing = randomState(1001, 5);
    const view = backing.subarray(1);
    const lut = paletteFor('dark');
    const a = new Uint32Array(1024);
    const b = new Uint32Array(1024);
    rasterizeFull(view, 1000, lut, a, 7);
    rasterizeFull(view.slice(), 1000, lut, b, 7);
    expect(firstDifference(a, b)).toBe(-1);
    expect(a[1023]).toBe(7);
  });

  it('incremental updates of random changed IDs equal a full re-raster', () => {
    const capacity = 5000;
    const layout = makeLayout(capacity);
    const lut = paletteFor('light');
    const vp = voidPixel('light');
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.record({ id: fc.integer({ min: 0, max: capacity - 1 }), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 40 }), { minLength: 1, maxLength: 8 }),
        (steps) => {
          const state = randomState(capacity, 99);
          const cache = new RasterCache(new Uint32Array(layout.cols * layout.rows), capacity);
          expect(cache.update(state, 0, lut, vp).kind).toBe('full');
          steps.forEach((changes, k) => {
            for (const c of changes) state[c.id] = c.byte;
            const dirty = cache.update(state, k + 1, lut, vp, changes.map((c) => c.id));
            expect(dirty.kind).toBe('partial');
            const reference = new Uint32Array(cache.pixels.length);
            rasterizeFull(state, capacity, lut, reference, vp);
            expect(firstDifference(cache.pixels, reference)).toBe(-1);
          });
        },
      ),
      { seed: 20250101, numRuns: 60 },
    );
  });

  it('re-rasterizes in full on a version jump or palette change, and not at all on the same version', () => {
    const capacity = 256;
    const state = new Uint8Array(capacity);
    const cache = new RasterCache(new Uint32Array(capacity), capacity);
    const dark = paletteFor('dark');
    expect(cache.update(state, 1, dark, 0).kind).toBe('full');
    expect(cache.update(state, 1, dark, 0).kind).toBe('none');
    state[5] = encodeIdState(ID_ACTIVE, true, 3);
    // A seek (version jumps) cannot trust the step's changed IDs.
    expect(cache.update(state, 7, dark, 0, [5]).kind).toBe('full');
    expect(cache.pixels[5]).toBe(dark[state[5]]);
    expect(cache.update(state, 8, paletteFor('light'), 0, [5]).kind).toBe('full');
    expect(cache.pixels[0]).toBe(paletteFor('light')[0]);
    // Too many changes for a patch to pay off.
    expect(cache.update(state, 9, paletteFor('light'), 0, Array.from({ length: 200 }, (_, i) => i)).kind).toBe('full');
  });

  it('counts IDs by what the heatmap shows', () => {
    const state = new Uint8Array(10);
    state[1] = encodeIdState(ID_ACTIVE, false, 1);
    state[2] = encodeIdState(ID_ACTIVE, true, 1);
    state[3] = encodeIdState(ID_FREE, true, 0);
    state[4] = 2;
    const counts = countKinds(state, 10);
    expect(counts).toMatchObject({ free: 6, active: 1, 'active-bound': 1, stale: 1, pending: 1, 'pending-bound': 0 });
  });
});
