// What state digests are fed with: a model walks its canonical content into a Hasher (the
// explorer's 64-bit hash, or a text for tests and debugging) without building strings.

export interface Hasher {
  /** Any number (integers hash fastest). */
  num(x: number): void;
  str(s: string): void;
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
  text(): string {
    return this.parts.join(',');
  }
}
