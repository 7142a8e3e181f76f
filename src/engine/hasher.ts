// What state digests are fed with: a model walks its canonical content into a Hasher (the
// explorer's 64-bit hash, or a text for tests and debugging) without building strings.

export interface Hasher {
  /** Any number (integers hash fastest). */
  num(x: number): void;
  str(s: string): void;
  /** An unordered collection: the same entries in any order give the same digest (no sorting). */
  bag<T>(items: Iterable<T>, each: (x: T) => void): void;
  /** A map as a bag of its entries (without an [key, value] array per entry). */
  bagMap<K, V>(map: ReadonlyMap<K, V>, each: (k: K, v: V) => void): void;
  /**
   * Feeds a part's content, written by `fill`, or the digest `holder` kept of it since it
   * last changed (a hasher without it just calls fill). A holder drops `digestMemo` on
   * every change; a copy keeps it until its first one.
   */
  memo?(holder: MemoHolder, fill: () => void): void;
}

/** A part that keeps the explorer's digest of itself while unchanged. */
export interface MemoHolder {
  digestMemo: unknown;
}

/** A Hasher that writes the tokens as text: equal texts = equal content. */
export class TextHasher implements Hasher {
  private readonly parts: string[] = [];
  num(x: number): void {
    this.parts.push(String(x));
  }
  str(s: string): void {
    this.parts.push(JSON.stringify(s));
  }
  bag<T>(items: Iterable<T>, each: (x: T) => void): void {
    const outer = this.parts.splice(0);
    const entries: string[] = [];
    for (const x of items) {
      each(x);
      entries.push(this.parts.splice(0).join(','));
    }
    this.parts.push(...outer, `{${entries.sort().join(';')}}`);
  }
  bagMap<K, V>(map: ReadonlyMap<K, V>, each: (k: K, v: V) => void): void {
    this.bag(map, ([k, v]) => each(k, v));
  }
  text(): string {
    return this.parts.join(',');
  }
}
