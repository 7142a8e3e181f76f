// Random op sequences run on IdAllocator and on ReferenceAllocator side by side: every result
// must agree, and after every op the kept count, isUsed, the cursor and the bitmap summaries
// must agree with a from-scratch recount (on 2^20 ids: after the last op). Seeds are fixed;
// a seed that ever fails gets pinned in this file as a named regression test.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IdAllocator, MAX_IDS } from '../../../src/engine/ids/allocator';
import { ReferenceAllocator } from './reference-allocator';

type Op =
  | { kind: 'lowest' | 'cyclic'; min: number; max: number }
  | { kind: 'burst'; cyclic: boolean; n: number; min: number; max: number }
  | { kind: 'reserve' | 'release' | 'next'; id: number }
  | { kind: 'span'; reserve: boolean; from: number; n: number };

const ODD = [NaN, -1, 0.5, -0, Infinity, -Infinity, 2 ** 32, 2 ** 53];

/** Mostly in-range integers, some just outside, some odd values that must be refused. */
function numberArb(cap: number, hot: fc.Arbitrary<number>): fc.Arbitrary<number> {
  return fc.oneof(
    { arbitrary: hot, weight: 12 },
    { arbitrary: fc.integer({ min: -2, max: cap + 2 }), weight: 3 },
    { arbitrary: fc.constantFrom(0, cap - 1, cap, ...ODD), weight: 1 },
  );
}

function opArb(cap: number, hot: fc.Arbitrary<number>, maxSpan: number): fc.Arbitrary<Op> {
  const n = numberArb(cap, hot);
  const range = fc.oneof(
    fc.tuple(n, fc.nat({ max: 64 })).map(([min, d]) => ({ min, max: min + d })), // a narrow window
    n.map((min) => ({ min, max: Infinity })), // everything from min up
    fc.tuple(n, n).map(([min, max]) => ({ min, max })), // independent ends, often min > max
  );
  return fc.oneof(
    { arbitrary: fc.record({ kind: fc.constantFrom('lowest' as const, 'cyclic' as const), r: range }).map(({ kind, r }) => ({ kind, ...r })), weight: 6 },
    { arbitrary: fc.record({ cyclic: fc.boolean(), n: fc.integer({ min: 1, max: 80 }), r: range }).map(({ cyclic, n: k, r }) => ({ kind: 'burst' as const, cyclic, n: k, ...r })), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constantFrom('reserve' as const, 'release' as const, 'next' as const), id: n }), weight: 6 },
    { arbitrary: fc.record({ reserve: fc.boolean(), from: n, n: fc.integer({ min: 1, max: maxSpan }) }).map((s) => ({ kind: 'span' as const, ...s })), weight: 2 },
  );
}

/** Fails with the op when the engine and the reference disagree (cheaper than expect() per id). */
function same(got: number | boolean, want: number | boolean, op: Op): void {
  if (!Object.is(got, want)) expect.fail(`${JSON.stringify(op)}: engine gave ${got}, reference ${want}`);
}

/** Applies op to both; every individual result must be equal. */
function apply(a: IdAllocator, r: ReferenceAllocator, op: Op): void {
  switch (op.kind) {
    case 'lowest':
      return same(a.allocLowest(op.min, op.max), r.allocLowest(op.min, op.max), op);
    case 'cyclic':
      return same(a.allocCyclic(op.min, op.max), r.allocCyclic(op.min, op.max), op);
    case 'burst':
      for (let i = 0; i < op.n; i++) {
        if (op.cyclic) same(a.allocCyclic(op.min, op.max), r.allocCyclic(op.min, op.max), op);
        else same(a.allocLowest(op.min, op.max), r.allocLowest(op.min, op.max), op);
      }
      return;
    case 'span': // fills or empties a block, so whole summary words above it turn over
      for (let i = 0; i < op.n; i++) {
        const id = op.from + i; // counted by i: from may be 2^53, where id + 1 === id
        if (op.reserve) same(a.reserve(id), r.reserve(id), op);
        else same(a.release(id), r.release(id), op);
      }
      return;
    case 'reserve':
      return same(a.reserve(op.id), r.reserve(op.id), op);
    case 'release':
      return same(a.release(op.id), r.release(op.id), op);
    case 'next':
      return same(a.nextUsed(op.id), r.nextUsed(op.id), op);
  }
}

/** Kept state against a from-scratch recount over every id of the space. */
function expectFullRecount(a: IdAllocator, r: ReferenceAllocator): void {
  const expected = new Uint8Array(a.capacity); // the reference as flags: faster than Set.has on 2^20 ids
  for (const id of r.used) expected[id] = 1;
  let recount = 0;
  for (let id = 0; id < a.capacity; id++) {
    const used = a.isUsed(id);
    if (used !== (expected[id] === 1)) expect.fail(`isUsed(${id}) is ${used}, reference says ${!used}`);
    if (used) recount++;
  }
  expect(a.count).toBe(recount);
  expect(a.count).toBe(r.count);
  expect(a.lastAllocated).toBe(r.lastAllocated);
  expect(a.audit()).toBeNull();
}

/** Runs ops, recounting after each, and checks the snapshot taken halfway restores exactly. */
function runSmall(cap: number, ops: Op[]): void {
  const a = new IdAllocator(cap);
  const r = new ReferenceAllocator(cap);
  let snap: { at: ReturnType<IdAllocator['snapshot']>; used: number[]; last: number } | undefined;
  ops.forEach((op, i) => {
    apply(a, r, op);
    expectFullRecount(a, r);
    if (i === ops.length >> 1) snap = { at: a.snapshot(), used: [...r.used].sort((x, y) => x - y), last: r.lastAllocated };
  });
  if (!snap) return;
  a.restore(snap.at);
  const back = new ReferenceAllocator(cap);
  for (const id of snap.used) back.reserve(id);
  back.lastAllocated = snap.last;
  expectFullRecount(a, back);
}

const smallCapacity = fc.oneof(fc.integer({ min: 1, max: 300 }), fc.constantFrom(1, 31, 32, 33, 64, 1024, 1025));
const smallCase = smallCapacity.chain((cap) =>
  fc.tuple(fc.constant(cap), fc.array(opArb(cap, fc.integer({ min: 0, max: cap - 1 }), Math.max(1, cap >> 1)), { maxLength: 120 })),
);

describe('IdAllocator against the reference model', () => {
  it('agrees on every op over capacities 1..300, 32, 1024 and 1025', () => {
    fc.assert(fc.property(smallCase, ([cap, ops]) => runSmall(cap, ops)), { seed: 0x10a5_1d, numRuns: 300 });
  });

  it('agrees on every op over the full 2^20 space (fewer ops)', () => {
    // Hot ids sit at word and summary-level edges, where a climb or descent can go wrong.
    const edges = [0, 1, 31, 32, 33, 1023, 1024, 1025, 32_767, 32_768, 65_535, 65_536, MAX_IDS - 33, MAX_IDS - 32, MAX_IDS - 2, MAX_IDS - 1];
    const hot = fc.oneof(fc.constantFrom(...edges), fc.integer({ min: 0, max: MAX_IDS - 1 }), fc.integer({ min: 32_700, max: 33_900 }));
    const ops = fc.array(opArb(MAX_IDS, hot, 70_000), { maxLength: 40 });
    fc.assert(
      fc.property(ops, (list) => {
        const a = new IdAllocator(MAX_IDS);
        const r = new ReferenceAllocator(MAX_IDS);
        for (const op of list) {
          apply(a, r, op);
          expect(a.count).toBe(r.count);
          expect(a.lastAllocated).toBe(r.lastAllocated);
        }
        expect(a.audit()).toBeNull();
        expectFullRecount(a, r);
      }),
      { seed: 0x20_0325, numRuns: 80 },
    );
  });
});
