// Interned strings for the recorder's columns: each distinct text is kept once and a column
// stores its index.

export class StringTable {
  private readonly byText = new Map<string, number>();
  private readonly texts: string[] = [];

  intern(text: string): number {
    let i = this.byText.get(text);
    if (i === undefined) {
      i = this.texts.length;
      this.texts.push(text);
      this.byText.set(text, i);
    }
    return i;
  }

  at(i: number): string {
    return this.texts[i];
  }

  get size(): number {
    return this.texts.length;
  }
}
