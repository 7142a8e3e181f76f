import { describe, expect, it } from 'vitest';
import { hsl } from 'd3';
import { encodeIdState, ID_ACTIVE, ID_COLOUR_CLASSES, ID_FREE, ID_FREE_PENDING } from '../../../src/engine/idstate';
import { CLASS_COLOURS, cellKindOf, paletteFor, PALETTE_SIZE, packRgba, unpackRgba, THEME_COLOURS } from '../../../src/visualizations/heatmap/palette';

const COMBOS = [
  { state: ID_FREE, bound: false, kind: 'free' },
  { state: ID_FREE, bound: true, kind: 'stale' },
  { state: ID_ACTIVE, bound: false, kind: 'active' },
  { state: ID_ACTIVE, bound: true, kind: 'active-bound' },
  { state: ID_FREE_PENDING, bound: false, kind: 'pending' },
  { state: ID_FREE_PENDING, bound: true, kind: 'pending-bound' },
] as const;

describe('heatmap palette', () => {
  it('has 32 distinct set colours, none of them red (red means stale)', () => {
    expect(CLASS_COLOURS).toHaveLength(ID_COLOUR_CLASSES);
    expect(new Set(CLASS_COLOURS).size).toBe(ID_COLOUR_CLASSES);
    for (const c of CLASS_COLOURS) {
      const { h, s } = hsl(c);
      expect(s > 0.35 && (h < 25 || h > 335), `${c} is reddish`).toBe(false);
    }
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`${theme}: distinguishes every state/bound/stale combination in every colour class`, () => {
      const lut = paletteFor(theme);
      expect(lut).toHaveLength(PALETTE_SIZE);
      const stale = lut[encodeIdState(ID_FREE, true, 0)];
      const free = lut[encodeIdState(ID_FREE, false, 0)];
      expect(stale).not.toBe(free);
      for (let sid = 0; sid < ID_COLOUR_CLASSES; sid++) {
        const values = COMBOS.map((c) => {
          const byte = encodeIdState(c.state, c.bound, sid);
          expect(cellKindOf(byte)).toBe(c.kind);
          return lut[byte];
        });
        expect(new Set(values).size, `class ${sid}`).toBe(COMBOS.length);
        // Free and stale do not depend on the (meaningless) colour bits of a free ID.
        expect(values[0]).toBe(free);
        expect(values[1]).toBe(stale);
      }
      // No live ID of any set may look like free or stale.
      for (let byte = 0; byte < PALETTE_SIZE; byte++) {
        const kind = cellKindOf(byte);
        if (kind === 'free' || kind === 'stale' || kind === 'invalid') continue;
        expect(lut[byte]).not.toBe(free);
        expect(lut[byte]).not.toBe(stale);
      }
      // Every pixel is opaque.
      for (const px of lut) expect(unpackRgba(px)[3]).toBe(255);
    });
  }

  it('gives light and dark themes different free colours, and packs RGBA in byte order', () => {
    expect(paletteFor('light')[0]).not.toBe(paletteFor('dark')[0]);
    expect(unpackRgba(packRgba('#102030'))).toEqual([0x10, 0x20, 0x30, 255]);
    expect(unpackRgba(paletteFor('dark')[4])).toEqual(unpackRgba(packRgba(THEME_COLOURS.dark.stale)));
  });
});
