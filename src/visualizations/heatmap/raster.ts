// Turns the ID state bytes into pixels through the palette LUT. Because the heatmap layout maps
// pixel index = ID (see layout.ts), a full raster is one tight loop; a step's changes are patched.

export interface DirtyRange {
  /** 'none': cache was current; 'full': every pixel rewritten; 'partial': only IDs minId … maxId touched. */
  kind: 'none' | 'full' | 'partial';
  minId: number;
  maxId: number;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Writes every pixel: IDs below the capacity through the LUT, the tail of the last row as void. */
export function rasterizeFull(state: Uint8Array, capacity: number, lut: Uint32Array, out: Uint32Array, voidPixel: number): void {
  const n = Math.min(capacity, state.length, out.length);
  let i = 0;
  if (LITTLE_ENDIAN && state.byteOffset % 4 === 0) {
    // Four state bytes per load: the loop is bound by memory traffic, so fewer loads pay.
    const words = new Uint32Array(state.buffer, state.byteOffset, n >>> 2);
    for (let w = 0; w < words.length; w++, i += 4) {
      const v = words[w];
      out[i] = lut[v & 255];
      out[i + 1] = lut[(v >>> 8) & 255];
      out[i + 2] = lut[(v >>> 16) & 255];
      out[i + 3] = lut[v >>> 24];
    }
  }
  for (; i < n; i++) out[i] = lut[state[i]];
  if (n < out.length) out.fill(voidPixel, n);
}

/** Rewrites only the given IDs; returns the ID range touched (min > max when nothing was). */
export function rasterizeIds(state: Uint8Array, capacity: number, ids: readonly number[], lut: Uint32Array, out: Uint32Array): { minId: number; maxId: number } {
  const n = Math.min(capacity, state.length, out.length);
  let minId = Infinity;
  let maxId = -Infinity;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k];
    if (id >= 0 && id < n) {
      out[id] = lut[state[id]];
      if (id < minId) minId = id;
      if (id > maxId) maxId = id;
    }
  }
  return { minId, maxId };
}

/** Above this share of the capacity a patch is no cheaper than a full pass. */
const INCREMENTAL_MAX_SHARE = 1 / 8;

/**
 * The raster of one state array, keyed by data version. A patch is applied only when the new
 * version directly follows the cached one (the changed IDs describe exactly that one step) and
 * the palette is unchanged; anything else (a seek, a theme switch) re-rasterizes in full.
 */
export class RasterCache {
  private version = Number.NaN;
  private lut: Uint32Array | null = null;

  constructor(
    readonly pixels: Uint32Array,
    readonly capacity: number,
  ) {}

  update(state: Uint8Array, version: number, lut: Uint32Array, voidPixel: number, changedIds?: readonly number[]): DirtyRange {
    if (version === this.version && lut === this.lut) return { kind: 'none', minId: 0, maxId: -1 };
    const patchable =
      lut === this.lut &&
      version === this.version + 1 &&
      changedIds !== undefined &&
      changedIds.length <= this.capacity * INCREMENTAL_MAX_SHARE;
    this.version = version;
    this.lut = lut;
    if (patchable) {
      const { minId, maxId } = rasterizeIds(state, this.capacity, changedIds, lut, this.pixels);
      return { kind: 'partial', minId, maxId };
    }
    rasterizeFull(state, this.capacity, lut, this.pixels, voidPixel);
    return { kind: 'full', minId: 0, maxId: this.pixels.length - 1 };
  }

  invalidate(): void {
    this.version = Number.NaN;
  }
}
