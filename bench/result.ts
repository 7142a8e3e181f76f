// One measured figure. Benchmarks print ratios measured side by side in one run, never
// absolute pass/fail thresholds: machines are noisy.
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** Optional target, printed beside the figure for the closing note; never asserted. */
  target?: string;
}

/** Runs fn repeatedly for at least minMs and returns the best (lowest) ms per call. */
export function timeBest(fn: () => void, minMs = 300, minRuns = 3): number {
  let best = Infinity;
  let runs = 0;
  const start = performance.now();
  while (runs < minRuns || performance.now() - start < minMs) {
    const t0 = performance.now();
    fn();
    const dt = performance.now() - t0;
    if (dt < best) best = dt;
    runs++;
  }
  return best;
}
