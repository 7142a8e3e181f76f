// How many cases each fuzzer runs: a short run inside `npm test`, the nightly size under
// `npm run fuzz` (FUZZ_RUNS). Seeds are fixed so a failure reproduces.

const fromEnv = Number(process.env.FUZZ_RUNS);

/** `short` in `npm test`; FUZZ_RUNS (scaled by `weight`) when the nightly run sets it. */
export function fuzzRuns(short: number, weight = 1): number {
  return Number.isFinite(fromEnv) && fromEnv > 0 ? Math.max(1, Math.round(fromEnv * weight)) : short;
}

export const FUZZ_SEED = 20_240_611;

/** The nightly size runs for minutes; the short run keeps vitest's default. */
export const FUZZ_TIMEOUT_MS = Number.isFinite(fromEnv) && fromEnv > 0 ? 60 * 60 * 1000 : 30_000;
