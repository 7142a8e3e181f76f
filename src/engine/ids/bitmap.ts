// Hierarchical bitmap over up to 2^20 bits: the free-space index behind IdAllocator.
// The leaf words hold the truth (bit set = used); two summary trees above them answer
// "first free bit >= x" and "first used bit >= x" in O(log32 n) with Math.clz32.

/** Bits per word; every level is a Uint32Array. */
export const WORD_BITS = 32;
const WORD_SHIFT = 5;
const BIT_MASK = 31;
const FULL_WORD = 0xffffffff;

/** Index of the lowest set bit of a non-zero 32-bit value (count trailing zeros). */
function ctz(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/**
 * Summary level k (k = 0 is the lowest) has one bit per word of the level below it: the leaf
 * words for k = 0, summary level k - 1 otherwise. Levels are added until one word remains, so
 * 2^20 bits have 32768 leaf words and summaries of 1024, 32 and 1 words.
 *
 * - `freeSums`: bit c is set when child word c has a free bit (a leaf word that is not full,
 *   or a summary word that is non-zero).
 * - `usedSums`: bit c is set when child word c has a used bit (a non-zero word).
 *
 * Bits of the last leaf word past `size` stay clear (free), so that word never counts as
 * full; searches reject any hit >= size. Summary bits for children that do not exist stay
 * clear, so no search descends into them.
 */
export class HierarchicalBitmap {
  readonly size: number;
  readonly leaf: Uint32Array;
  private readonly freeSums: Uint32Array[];
  private readonly usedSums: Uint32Array[];

  /**
   * size: 1 ... any; the caller (IdAllocator) bounds it. Starts with every bit clear, or as
   * an exact copy of `from` (checkpoints: every level copied, nothing rebuilt).
   */
  constructor(size: number, from?: HierarchicalBitmap) {
    this.size = size;
    if (from) {
      this.leaf = from.leaf.slice();
      this.freeSums = from.freeSums.map((l) => l.slice());
      this.usedSums = from.usedSums.map((l) => l.slice());
      return;
    }
    this.leaf = new Uint32Array(Math.ceil(size / WORD_BITS));
    this.freeSums = [];
    this.usedSums = [];
    for (let n = this.leaf.length; n > 1; ) {
      n = Math.ceil(n / WORD_BITS);
      this.freeSums.push(new Uint32Array(n));
      this.usedSums.push(new Uint32Array(n));
    }
    this.rebuildSummaries();
  }

  clone(): HierarchicalBitmap {
    return new HierarchicalBitmap(this.size, this);
  }

  /** The caller guarantees 0 <= i < size. */
  get(i: number): boolean {
    return ((this.leaf[i >>> WORD_SHIFT] >>> (i & BIT_MASK)) & 1) === 1;
  }

  /** Sets a clear bit; the caller guarantees 0 <= i < size and that bit i is clear. */
  set(i: number): void {
    const w = i >>> WORD_SHIFT;
    const old = this.leaf[w];
    const now = (old | (1 << (i & BIT_MASK))) >>> 0;
    this.leaf[w] = now;
    if (now === FULL_WORD) clearUp(this.freeSums, w);
    if (old === 0) setUp(this.usedSums, w);
  }

  /** Clears a set bit; the caller guarantees 0 <= i < size and that bit i is set. */
  clear(i: number): void {
    const w = i >>> WORD_SHIFT;
    const old = this.leaf[w];
    const now = old & ~(1 << (i & BIT_MASK));
    this.leaf[w] = now;
    if (old === FULL_WORD) setUp(this.freeSums, w);
    if (now === 0) clearUp(this.usedSums, w);
  }

  /** Smallest clear bit >= from, or -1. The caller guarantees 0 <= from < size. */
  findFree(from: number): number {
    return this.find(from, this.freeSums, FULL_WORD);
  }

  /** Smallest set bit >= from, or -1. The caller guarantees 0 <= from < size. */
  findUsed(from: number): number {
    return this.find(from, this.usedSums, 0);
  }

  /** Number of set bits (a from-scratch popcount of the leaf words). */
  popcount(): number {
    let n = 0;
    for (let w = 0; w < this.leaf.length; w++) n += popcount32(this.leaf[w]);
    return n;
  }

  /** Leaf words up to the last non-zero one (0 when no bit is set): all a copy must keep. */
  usedPrefixWords(): number {
    const sums = this.usedSums;
    if (sums.length === 0) return this.leaf[0] === 0 ? 0 : 1;
    let c = 0; // the top level is one word; descend along highest set bits
    for (let k = sums.length - 1; k >= 0; k--) {
      const v = sums[k][c];
      if (v === 0) return 0;
      c = (c << WORD_SHIFT) + 31 - Math.clz32(v);
    }
    return c + 1;
  }

  /** Recomputes both summary trees from the leaf words (after the leaf was loaded wholesale). */
  rebuildSummaries(): void {
    const free = this.freeSums;
    const used = this.usedSums;
    if (free.length === 0) return;
    free[0].fill(0);
    used[0].fill(0);
    for (let c = 0; c < this.leaf.length; c++) {
      const v = this.leaf[c];
      const bit = 1 << (c & BIT_MASK);
      if (v !== FULL_WORD) free[0][c >>> WORD_SHIFT] |= bit;
      if (v !== 0) used[0][c >>> WORD_SHIFT] |= bit;
    }
    for (let k = 1; k < free.length; k++) {
      free[k].fill(0);
      used[k].fill(0);
      for (let c = 0; c < free[k - 1].length; c++) {
        const bit = 1 << (c & BIT_MASK);
        if (free[k - 1][c] !== 0) free[k][c >>> WORD_SHIFT] |= bit;
        if (used[k - 1][c] !== 0) used[k][c >>> WORD_SHIFT] |= bit;
      }
    }
  }

  /**
   * Compares the incrementally kept summaries and padding with a from-scratch rebuild.
   * Returns null when consistent, else a description of the first mismatch (for invariant
   * checks and property tests; O(size / 32)).
   */
  audit(): string | null {
    const tail = this.size & BIT_MASK;
    if (tail !== 0 && this.leaf[this.leaf.length - 1] >>> tail !== 0) {
      return `padding bits past size ${this.size} are set`;
    }
    const fresh = new HierarchicalBitmap(this.size);
    fresh.leaf.set(this.leaf);
    fresh.rebuildSummaries();
    for (let k = 0; k < this.freeSums.length; k++) {
      for (let i = 0; i < this.freeSums[k].length; i++) {
        if (this.freeSums[k][i] !== fresh.freeSums[k][i]) return `free summary level ${k} word ${i} is stale`;
        if (this.usedSums[k][i] !== fresh.usedSums[k][i]) return `used summary level ${k} word ${i} is stale`;
      }
    }
    return null;
  }

  /**
   * First bit >= from whose leaf bit XOR flip is 1, guided by `sums`. Looks in from's own
   * leaf word, climbs until a summary word has a candidate to the right, then descends along
   * lowest set bits: at most one climb and one descent.
   */
  private find(from: number, sums: Uint32Array[], flip: number): number {
    const leaf = this.leaf;
    let c = from >>> WORD_SHIFT;
    let m = (leaf[c] ^ flip) & (FULL_WORD << (from & BIT_MASK));
    if (m === 0) {
      // Climb: c becomes the first child index at level k still to look at.
      let k = 0;
      c += 1;
      for (;;) {
        if (k === sums.length) return -1;
        const level = sums[k];
        const w = c >>> WORD_SHIFT;
        if (w >= level.length) return -1;
        m = level[w] & (FULL_WORD << (c & BIT_MASK));
        if (m !== 0) {
          c = (w << WORD_SHIFT) + ctz(m);
          break;
        }
        c = w + 1;
        k++;
      }
      // Descend: a set summary bit guarantees its child word has a candidate.
      while (k > 0) {
        k--;
        c = (c << WORD_SHIFT) + ctz(sums[k][c]);
      }
      m = leaf[c] ^ flip;
    }
    const hit = (c << WORD_SHIFT) + ctz(m);
    return hit < this.size ? hit : -1;
  }
}

/** Sets bit c in the lowest summary and carries up while a word turns non-zero. */
function setUp(sums: Uint32Array[], c: number): void {
  for (let k = 0; k < sums.length; k++) {
    const level = sums[k];
    const w = c >>> WORD_SHIFT;
    const old = level[w];
    level[w] = old | (1 << (c & BIT_MASK));
    if (old !== 0) return;
    c = w;
  }
}

/** Clears bit c in the lowest summary and carries up while a word turns zero. */
function clearUp(sums: Uint32Array[], c: number): void {
  for (let k = 0; k < sums.length; k++) {
    const level = sums[k];
    const w = c >>> WORD_SHIFT;
    const now = level[w] & ~(1 << (c & BIT_MASK));
    level[w] = now;
    if (now !== 0) return;
    c = w;
  }
}

function popcount32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}
