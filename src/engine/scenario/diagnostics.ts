// Parse and name errors of a scenario: the positions, the `FILE:LINE:COL: error:` format and
// the cap that keeps a garbage file from producing a million messages.

export interface Diagnostic {
  /** 1-based line. */
  line: number;
  /** 1-based column in UTF-16 code units. */
  col: number;
  message: string;
}

export const MAX_REPORTED_ERRORS = 50;
export const TOO_MANY_ERRORS = 'too many errors; stopping';

export function formatDiagnostic(file: string, d: Diagnostic): string {
  return `${file}:${d.line}:${d.col}: error: ${d.message}`;
}

/** Collects diagnostics of one pass; `full` tells the pass it may stop early. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];

  add(line: number, col: number, message: string): void {
    this.items.push({ line, col, message });
  }

  get count(): number {
    return this.items.length;
  }

  /** More than the cap: whatever comes later cannot be among the errors reported. */
  get full(): boolean {
    return this.items.length > MAX_REPORTED_ERRORS;
  }
}

/** Sorted by line then column (stable), cut at the cap with one final "too many errors". */
export function finishDiagnostics(all: Diagnostic[]): Diagnostic[] {
  const sorted = all
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.line - b.d.line || a.d.col - b.d.col || a.i - b.i)
    .map((x) => x.d);
  if (sorted.length <= MAX_REPORTED_ERRORS) return sorted;
  const next = sorted[MAX_REPORTED_ERRORS];
  return [...sorted.slice(0, MAX_REPORTED_ERRORS), { line: next.line, col: next.col, message: TOO_MANY_ERRORS }];
}
