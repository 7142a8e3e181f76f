// The 256-entry lookup table from an ID state byte (see engine/idstate.ts) to a packed RGBA
// pixel, one per theme. Rasterizing is then one table read per ID.
import { color, hsl, interpolateRgb, schemeDark2, schemeSet2, schemeSet3, schemeTableau10 } from 'd3';
import { ID_ACTIVE, ID_BOUND_BIT, ID_COLOUR_CLASSES, ID_COLOUR_SHIFT, ID_FREE, ID_FREE_PENDING } from '../../engine/idstate';

export type VizTheme = 'light' | 'dark';

export const PALETTE_SIZE = 256;

/** Pixels are written as Uint32 over ImageData's RGBA bytes, so packing follows the host byte order. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export interface ThemeColours {
  background: string;
  free: string;
  stale: string;
  /** State 3 is not produced by the engine; shown loudly if it ever is. */
  invalid: string;
  /** Cells of the last row past the capacity. */
  void: string;
  grid: string;
  label: string;
}

export const THEME_COLOURS: Record<VizTheme, ThemeColours> = {
  dark: { background: '#0f131a', free: '#232a36', stale: '#ff3030', invalid: '#ff00ff', void: '#0f131a', grid: '#0f131a', label: '#f5f7fa' },
  light: { background: '#ffffff', free: '#e6e9ef', stale: '#d7000f', invalid: '#ff00ff', void: '#ffffff', grid: '#ffffff', label: '#11151c' },
};

/** Red and near-red hues are reserved for stale entries, so the categorical colours skip them. */
function isReddish(css: string): boolean {
  const c = hsl(css);
  return c.s > 0.35 && (c.h < 25 || c.h > 335);
}

/** 32 categorical colours for the set colour classes (sid mod 32), reds removed. */
export const CLASS_COLOURS: readonly string[] = [...schemeTableau10, ...schemeDark2, ...schemeSet2, ...schemeSet3]
  .filter((c, i, all) => !isReddish(c) && all.indexOf(c) === i)
  .slice(0, ID_COLOUR_CLASSES);

export function packRgba(css: string, alpha = 255): number {
  const c = color(css)?.rgb();
  if (!c) throw new Error(`bad colour ${css}`);
  const r = Math.round(c.r) & 255;
  const g = Math.round(c.g) & 255;
  const b = Math.round(c.b) & 255;
  return LITTLE_ENDIAN ? ((alpha << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | alpha) >>> 0;
}

export function unpackRgba(px: number): [number, number, number, number] {
  return LITTLE_ENDIAN
    ? [px & 255, (px >>> 8) & 255, (px >>> 16) & 255, px >>> 24]
    : [px >>> 24, (px >>> 16) & 255, (px >>> 8) & 255, px & 255];
}

export type CellKind = 'free' | 'stale' | 'active' | 'active-bound' | 'pending' | 'pending-bound' | 'invalid';

export function cellKindOf(byte: number): CellKind {
  const state = byte & 3;
  const bound = (byte & ID_BOUND_BIT) !== 0;
  if (state === ID_FREE) return bound ? 'stale' : 'free';
  if (state === ID_ACTIVE) return bound ? 'active-bound' : 'active';
  if (state === ID_FREE_PENDING) return bound ? 'pending-bound' : 'pending';
  return 'invalid';
}

/** The CSS colour of one state byte; the LUT is this, packed. */
export function cssColourOf(byte: number, theme: VizTheme): string {
  const t = THEME_COLOURS[theme];
  const kind = cellKindOf(byte);
  const base = CLASS_COLOURS[(byte >>> ID_COLOUR_SHIFT) % CLASS_COLOURS.length];
  const towardsBg = interpolateRgb(base, t.free);
  const towardsPale = interpolateRgb(base, theme === 'dark' ? '#e8ecf2' : '#ffffff');
  switch (kind) {
    case 'free':
      return t.free;
    case 'stale':
      return t.stale;
    case 'invalid':
      return t.invalid;
    // Bound IDs are the vivid ones: a device is translating with them right now.
    case 'active-bound':
      return theme === 'dark' ? hsl(base).brighter(0.35).formatHex() : hsl(base).darker(0.25).formatHex();
    case 'active':
      return towardsBg(0.38);
    // Pending IDs are washed out (they are on their way out); hatching is added when zoomed in.
    case 'pending':
      return towardsPale(0.72);
    case 'pending-bound':
      return towardsPale(0.45);
  }
}

const cache = new Map<VizTheme, Uint32Array>();

/** The 256-entry LUT for a theme (built once, then shared: treat as read-only). */
export function paletteFor(theme: VizTheme): Uint32Array {
  let lut = cache.get(theme);
  if (!lut) {
    lut = new Uint32Array(PALETTE_SIZE);
    for (let byte = 0; byte < PALETTE_SIZE; byte++) lut[byte] = packRgba(cssColourOf(byte, theme));
    cache.set(theme, lut);
  }
  return lut;
}

export function voidPixel(theme: VizTheme): number {
  return packRgba(THEME_COLOURS[theme].void);
}
