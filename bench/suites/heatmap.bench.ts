// Heatmap raster cost: a full pass over 2^20 state bytes through the palette, compared with a
// bare LUT read loop over the same array (the floor), and the per-step patch of 1,000 IDs.
import { timeBest, type BenchResult } from '../result';
import { makeLayout, MAX_CAPACITY } from '../../src/visualizations/heatmap/layout';
import { paletteFor, voidPixel } from '../../src/visualizations/heatmap/palette';
import { RasterCache, rasterizeFull } from '../../src/visualizations/heatmap/raster';

const CHANGED_IDS = 1_000;

function seededState(n: number): Uint8Array {
  let x = 0x9e3779b9;
  const state = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    state[i] = (x >>> 0) & 255;
  }
  return state;
}

export async function run(): Promise<BenchResult[]> {
  const layout = makeLayout(MAX_CAPACITY);
  const state = seededState(MAX_CAPACITY);
  const lut = paletteFor('dark');
  const vp = voidPixel('dark');
  const out = new Uint32Array(layout.cols * layout.rows);

  // The floor: read every byte through the LUT and fold the results so nothing is optimized out.
  let sink = 0;
  const bare = timeBest(() => {
    let acc = 0;
    for (let i = 0; i < state.length; i++) acc ^= lut[state[i]];
    sink ^= acc;
  });
  const full = timeBest(() => rasterizeFull(state, MAX_CAPACITY, lut, out, vp));

  const changed = Array.from({ length: CHANGED_IDS }, (_, i) => (i * 1_048_573) % MAX_CAPACITY);
  const cache = new RasterCache(out, MAX_CAPACITY);
  let version = 0;
  cache.update(state, version, lut, vp);
  const incremental = timeBest(() => {
    for (const id of changed) state[id] = (state[id] + 1) & 255;
    cache.update(state, ++version, lut, vp, changed);
  });
  if (sink === 0.5) console.log(sink);

  return [
    { name: 'heatmap: bare palette lookup, 2^20 IDs', value: bare, unit: 'ms' },
    { name: 'heatmap: full rasterization, 2^20 IDs', value: full, unit: 'ms' },
    { name: 'heatmap: raster / bare lookup', value: full / bare, unit: 'x', target: '<= 2x' },
    { name: `heatmap: incremental update, ${CHANGED_IDS} changed IDs`, value: incremental, unit: 'ms', target: '<= 0.05 ms' },
  ];
}
