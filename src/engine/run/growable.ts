// Append-only typed columns for the recorder: a million steps cost a few megabytes, not a
// million objects.

type TypedArray = Int32Array | Uint8Array | Float64Array | Uint32Array;

export class Column<T extends TypedArray> {
  data: T;
  length = 0;

  constructor(private readonly make: (n: number) => T, initial = 1024) {
    this.data = make(initial);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next as T;
    }
    this.data[this.length++] = v;
  }

  get(i: number): number {
    return this.data[i];
  }

  set(i: number, v: number): void {
    this.data[i] = v;
  }

  byteLength(): number {
    return this.data.byteLength;
  }
}
