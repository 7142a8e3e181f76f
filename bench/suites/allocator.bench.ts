// The ID allocator measured side by side with the naive Set + linear-scan reference (the
// same class the property tests check it against): full 2^20 churn, cyclic churn, the
// speed-up on one shared workload, and memory per live ID.
import { IdAllocator, MAX_IDS } from '../../src/engine/ids/allocator';
import { ReferenceAllocator } from '../../test/unit/ids/reference-allocator';
import { timeBest, type BenchResult } from '../result';
import { findGc, usedBytes as heapBytes } from '../gc';

const TOP_ID = MAX_IDS - 1;
const CHURN_PAIRS = 1_000_000;
const CYCLIC_LIVE = 50_000;
const SHARED_LIVE = 1 << 16;
const NAIVE_PAIRS = 200;

/** n pseudo-random integers in [lo, hi] from xorshift32, so every run times the same work. */
function randomInts(n: number, lo: number, hi: number, seed: number): Uint32Array {
  const out = new Uint32Array(n);
  let x = seed | 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = lo + ((x >>> 0) % (hi - lo + 1));
  }
  return out;
}

/** Frees ids[i] and allocates lowest again, pairs times; returns ops (one alloc or one free) per second. */
function churnLowest(alloc: Pick<IdAllocator, 'release' | 'allocLowest'>, ids: Uint32Array, pairs: number): number {
  const ms = timeBest(() => {
    let wrong = 0;
    for (let i = 0; i < pairs; i++) {
      alloc.release(ids[i]);
      wrong |= alloc.allocLowest(1, TOP_ID) ^ ids[i]; // first fit hands the freed id straight back
    }
    if (wrong !== 0) throw new Error('allocLowest did not return the freed id');
  });
  return (2 * pairs) / (ms / 1000);
}

export function run(): BenchResult[] {
  const results: BenchResult[] = [];

  // Memory first, before the other suites leave garbage behind.
  const gc = findGc();
  const before = heapBytes(gc);
  const full = new IdAllocator(MAX_IDS);
  for (let i = 0; i < MAX_IDS; i++) full.allocLowest(0, TOP_ID);
  const bytesPerId = (heapBytes(gc) - before) / full.count;
  results.push({
    name: `heap bytes per live ID, all 2^20 allocated`,
    value: bytesPerId,
    unit: gc ? 'B/ID (heapUsed+arrayBuffers delta, gc forced)' : 'B/ID (heapUsed+arrayBuffers delta, no gc: upper bound)',
    target: '<= 16 B/ID',
  });

  const snapMs = timeBest(() => full.restore(full.snapshot()));
  results.push({ name: 'snapshot + restore, all 2^20 allocated', value: snapMs * 1000, unit: 'us' });

  // Full occupancy: ids 1 .. 2^20-1 live (0 is RID2PASID), 1M random free + allocLowest pairs.
  const lowest = new IdAllocator(MAX_IDS);
  const fillStart = performance.now();
  for (let i = 1; i < MAX_IDS; i++) lowest.allocLowest(1, TOP_ID);
  results.push({ name: 'fill 1 .. 2^20-1 with allocLowest (single pass)', value: TOP_ID / ((performance.now() - fillStart) / 1000), unit: 'ops/s' });
  const fullOps = churnLowest(lowest, randomInts(CHURN_PAIRS, 1, TOP_ID, 0x1d5), CHURN_PAIRS);
  results.push({ name: 'allocLowest churn at full 2^20 occupancy (free+alloc)', value: fullOps, unit: 'ops/s', target: '>= 10,000,000 ops/s' });

  // Cyclic churn: ~50k live ids, free a random live one, allocCyclic; the cursor sweeps and wraps.
  const cyclic = new IdAllocator(MAX_IDS);
  const live = new Int32Array(CYCLIC_LIVE);
  for (let i = 0; i < CYCLIC_LIVE; i++) live[i] = cyclic.allocCyclic(1, TOP_ID);
  const picks = randomInts(CHURN_PAIRS, 0, CYCLIC_LIVE - 1, 0xc7c1);
  const cyclicMs = timeBest(() => {
    let failed = 0;
    for (let i = 0; i < CHURN_PAIRS; i++) {
      const j = picks[i];
      cyclic.release(live[j]);
      live[j] = cyclic.allocCyclic(1, TOP_ID);
      failed |= live[j] >>> 31;
    }
    if (failed) throw new Error('allocCyclic failed with free ids left');
  });
  results.push({ name: `allocCyclic churn, ${CYCLIC_LIVE.toLocaleString('en-US')} live (free+alloc)`, value: (2 * CHURN_PAIRS) / (cyclicMs / 1000), unit: 'ops/s' });

  // One shared workload for the ratio: ids 1 .. 2^16 live in a 2^20 space, random free + lowest alloc.
  const sharedIds = randomInts(CHURN_PAIRS, 1, SHARED_LIVE, 0x5eed);
  const naive = new ReferenceAllocator(MAX_IDS);
  const engine = new IdAllocator(MAX_IDS);
  for (let id = 1; id <= SHARED_LIVE; id++) {
    naive.reserve(id);
    engine.reserve(id);
  }
  const engineOps = churnLowest(engine, sharedIds, CHURN_PAIRS); // first, while churnLowest has seen one class only
  const naiveOps = churnLowest(naive, sharedIds, NAIVE_PAIRS);
  results.push({ name: 'naive Set + linear scan, 2^16 live (free+alloc)', value: naiveOps, unit: 'ops/s' });
  results.push({ name: 'allocator, same workload, 2^16 live (free+alloc)', value: engineOps, unit: 'ops/s' });
  results.push({ name: 'allocator speed-up vs naive reference (x), 2^16 live', value: engineOps / naiveOps, unit: 'x', target: '>= 1000x' });

  return results;
}
