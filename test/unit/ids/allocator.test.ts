// The rules of IdAllocator one by one (SPEC §3.2): inclusive bounds, clamping, exhaustion,
// the cyclic cursor, reserve/release results, live-ID iteration, checkpoints, odd inputs.
import { describe, expect, it } from 'vitest';
import { IdAllocator, MAX_IDS, isValidCapacity } from '../../../src/engine/ids/allocator';

function liveIds(a: IdAllocator): number[] {
  const out: number[] = [];
  for (let id = a.nextUsed(0); id >= 0; id = a.nextUsed(id + 1)) out.push(id);
  return out;
}

describe('IdAllocator construction', () => {
  it('accepts capacities 1 ... 2^20 and starts empty', () => {
    expect(MAX_IDS).toBe(1_048_576);
    for (const cap of [1, 31, 32, 33, 1024, 1025, MAX_IDS]) {
      const a = new IdAllocator(cap);
      expect(a.capacity).toBe(cap);
      expect(a.count).toBe(0);
      expect(a.lastAllocated).toBe(-1);
      expect(a.audit()).toBeNull();
    }
  });

  it('rejects other capacities with RangeError; isValidCapacity says which in advance', () => {
    for (const cap of [0, -1, MAX_IDS + 1, 1.5, NaN, Infinity]) {
      expect(isValidCapacity(cap)).toBe(false);
      expect(() => new IdAllocator(cap)).toThrow(RangeError);
    }
  });
});

describe('allocLowest (xa_alloc, first fit)', () => {
  it('hands out the smallest free id, bounds inclusive', () => {
    const a = new IdAllocator(100);
    expect([3, 4, 5, 6, 7].map(() => a.allocLowest(3, 7))).toEqual([3, 4, 5, 6, 7]);
    expect(a.allocLowest(3, 7)).toBe(-1);
    expect(a.allocLowest(5, 5)).toBe(-1);
    expect(a.allocLowest(8, 8)).toBe(8);
    expect(a.count).toBe(6);
  });

  it('returns a freed id straight away: the ID-reuse hazard of first fit', () => {
    const a = new IdAllocator(64);
    for (let i = 1; i <= 10; i++) a.allocLowest(1, 63);
    expect(a.release(5)).toBe(true);
    expect(a.allocLowest(1, 63)).toBe(5);
  });

  it('clamps max to capacity-1, Infinity included', () => {
    const a = new IdAllocator(10);
    expect(a.allocLowest(9, 1000)).toBe(9);
    expect(a.allocLowest(9, Infinity)).toBe(-1);
    expect(a.allocLowest(0, Infinity)).toBe(0);
    expect(a.allocLowest(0, 2 ** 40)).toBe(1);
  });

  it('returns -1 when min > max, min < 0 or min >= capacity', () => {
    const a = new IdAllocator(10);
    expect(a.allocLowest(5, 4)).toBe(-1);
    expect(a.allocLowest(-1, 4)).toBe(-1);
    expect(a.allocLowest(10, 20)).toBe(-1);
    expect(a.count).toBe(0);
  });

  it('returns -1 when the space is full and changes nothing', () => {
    const a = new IdAllocator(33);
    for (let i = 0; i < 33; i++) expect(a.allocLowest(0, 32)).toBe(i);
    expect(a.allocLowest(0, 32)).toBe(-1);
    expect(a.count).toBe(33);
    expect(a.lastAllocated).toBe(32);
  });

  it('finds the one free id of a full 2^20 space through every summary level', () => {
    const a = new IdAllocator(MAX_IDS);
    for (let i = 1; i < MAX_IDS; i++) a.allocLowest(1, MAX_IDS - 1);
    expect(a.count).toBe(MAX_IDS - 1);
    expect(a.allocLowest(1, MAX_IDS - 1)).toBe(-1);
    for (const id of [MAX_IDS - 1, 1, 31, 32, 1023, 1024, 32767, 32768, 777_777]) {
      expect(a.release(id)).toBe(true);
      expect(a.allocLowest(1, MAX_IDS - 1)).toBe(id);
    }
    expect(a.allocLowest(0, 0)).toBe(0);
    expect(a.count).toBe(MAX_IDS);
    expect(a.audit()).toBeNull();
  });
});

describe('allocCyclic (xa_alloc_cyclic)', () => {
  it('starts at min and then goes up from the last id handed out', () => {
    const a = new IdAllocator(100);
    expect(a.allocCyclic(10, 20)).toBe(10);
    expect(a.allocCyclic(10, 20)).toBe(11);
    expect(a.lastAllocated).toBe(11);
  });

  it('does not return a just-released id until it wraps', () => {
    const a = new IdAllocator(100);
    for (let i = 0; i < 5; i++) a.allocCyclic(1, 8); // 1..5
    expect(a.release(3)).toBe(true);
    expect(a.allocCyclic(1, 8)).toBe(6);
    expect(a.allocCyclic(1, 8)).toBe(7);
    expect(a.allocCyclic(1, 8)).toBe(8);
    expect(a.allocCyclic(1, 8)).toBe(3); // wrapped to min, 1 and 2 are still used
    expect(a.allocCyclic(1, 8)).toBe(-1);
    expect(a.lastAllocated).toBe(3);
  });

  it('wraps to min when the cursor is at or past max', () => {
    const a = new IdAllocator(100);
    expect(a.allocCyclic(50, 60)).toBe(50);
    expect(a.allocCyclic(1, 10)).toBe(1);
    expect(a.reserve(2)).toBe(true);
    expect(a.allocCyclic(1, 10)).toBe(3);
  });

  it('starts at min when min is above the cursor', () => {
    const a = new IdAllocator(100);
    a.allocCyclic(1, 99);
    expect(a.allocCyclic(40, 99)).toBe(40);
  });

  it('shares its cursor with allocLowest, not with reserve or release', () => {
    const a = new IdAllocator(100);
    expect(a.allocLowest(20, 99)).toBe(20);
    expect(a.allocCyclic(1, 99)).toBe(21);
    expect(a.reserve(50)).toBe(true);
    expect(a.release(21)).toBe(true);
    expect(a.lastAllocated).toBe(21);
    expect(a.allocCyclic(1, 99)).toBe(22);
  });

  it('leaves the cursor alone when it fails', () => {
    const a = new IdAllocator(4);
    for (let i = 0; i < 4; i++) a.allocCyclic(0, 3);
    expect(a.allocCyclic(0, 3)).toBe(-1);
    expect(a.allocCyclic(7, 3)).toBe(-1);
    expect(a.lastAllocated).toBe(3);
  });

  it('walks a 2^20 space to the top and wraps to min', () => {
    const a = new IdAllocator(MAX_IDS);
    expect(a.reserve(MAX_IDS - 2)).toBe(true);
    a.allocLowest(MAX_IDS - 3, MAX_IDS - 3);
    expect(a.allocCyclic(1, MAX_IDS - 1)).toBe(MAX_IDS - 1);
    expect(a.allocCyclic(1, MAX_IDS - 1)).toBe(1);
  });
});

describe('reserve and release', () => {
  it('reserve marks a free id used and refuses a used or out-of-range one', () => {
    const a = new IdAllocator(40);
    expect(a.reserve(33)).toBe(true);
    expect(a.isUsed(33)).toBe(true);
    expect(a.reserve(33)).toBe(false);
    expect(a.reserve(40)).toBe(false);
    expect(a.reserve(-1)).toBe(false);
    expect(a.count).toBe(1);
    expect(a.lastAllocated).toBe(-1);
    expect(a.allocLowest(33, 39)).toBe(34);
  });

  it('release returns true once, then false; out of range is false', () => {
    const a = new IdAllocator(40);
    a.reserve(7);
    expect(a.release(7)).toBe(true);
    expect(a.release(7)).toBe(false);
    expect(a.release(8)).toBe(false);
    expect(a.release(40)).toBe(false);
    expect(a.count).toBe(0);
    expect(a.isUsed(7)).toBe(false);
  });
});

describe('nextUsed', () => {
  it('walks live ids in order without touching free space', () => {
    const a = new IdAllocator(MAX_IDS);
    const ids = [0, 31, 32, 1023, 1024, 40_000, 32_767, 32_768, MAX_IDS - 1];
    for (const id of ids) a.reserve(id);
    expect(liveIds(a)).toEqual([...ids].sort((x, y) => x - y));
    expect(a.nextUsed(1025)).toBe(32_767);
    expect(a.nextUsed(40_001)).toBe(MAX_IDS - 1);
    a.release(MAX_IDS - 1);
    expect(a.nextUsed(40_001)).toBe(-1);
  });

  it('returns -1 on an empty allocator and past the end', () => {
    const a = new IdAllocator(50);
    expect(a.nextUsed(0)).toBe(-1);
    a.reserve(49);
    expect(a.nextUsed(49)).toBe(49);
    expect(a.nextUsed(50)).toBe(-1);
  });
});

describe('snapshot and restore', () => {
  it('round-trips ids, count and cursor, and the snapshot is a copy', () => {
    const a = new IdAllocator(1025);
    for (let i = 0; i < 700; i++) a.allocCyclic(1, 1024);
    for (let id = 3; id < 700; id += 7) a.release(id);
    const snap = a.snapshot();
    const before = { live: liveIds(a), count: a.count, last: a.lastAllocated };

    const next = a.allocCyclic(1, 1024);
    a.release(1);
    a.reserve(1024);
    expect(liveIds(a)).not.toEqual(before.live);

    a.restore(snap);
    expect({ live: liveIds(a), count: a.count, last: a.lastAllocated }).toEqual(before);
    expect(a.audit()).toBeNull();
    expect(a.allocCyclic(1, 1024)).toBe(next);

    a.restore(snap); // the snapshot survives being restored from
    expect(liveIds(a)).toEqual(before.live);
  });

  it('restores a snapshot of another capacity exactly', () => {
    const small = new IdAllocator(33);
    small.allocLowest(0, 32);
    small.allocLowest(0, 32);
    const big = new IdAllocator(MAX_IDS);
    big.reserve(MAX_IDS - 1);
    big.restore(small.snapshot());
    expect(big.capacity).toBe(33);
    expect(liveIds(big)).toEqual([0, 1]);
    expect(big.lastAllocated).toBe(1);
    expect(big.allocLowest(0, Infinity)).toBe(2);
  });

  it('keeps only the words up to the highest used id', () => {
    const a = new IdAllocator(MAX_IDS);
    expect(a.snapshot().words.length).toBe(0);
    for (let i = 0; i < 100; i++) a.allocLowest(1, Infinity);
    expect(a.snapshot().words.length).toBe(4); // ids 1..100 end in word 3
    a.reserve(MAX_IDS - 1);
    expect(a.snapshot().words.length).toBe(MAX_IDS / 32);
    const snap = a.snapshot();
    a.release(MAX_IDS - 1);
    a.reserve(5000);
    a.restore(snap);
    expect(a.nextUsed(101)).toBe(MAX_IDS - 1);
    a.restore({ ...snap, words: snap.words.slice(0, 4) });
    expect(a.nextUsed(101)).toBe(-1);
    expect(a.count).toBe(100);
  });

  it('refuses a malformed snapshot with RangeError and keeps its state', () => {
    const a = new IdAllocator(40);
    a.reserve(5);
    const good = a.snapshot();
    const bad = [
      { ...good, capacity: 0 },
      { ...good, words: new Uint32Array(3) }, // capacity 40 has 2 words
      { ...good, words: Uint32Array.of(0, 1 << 9) }, // bit 41 lies past capacity 40
      { ...good, lastAllocated: 40 },
      { ...good, lastAllocated: 1.5 },
    ];
    for (const s of bad) expect(() => a.restore(s)).toThrow(RangeError);
    expect(liveIds(a)).toEqual([5]);
    expect(a.audit()).toBeNull();
  });
});

describe('odd numeric inputs', () => {
  const odd = [NaN, -1, -0.5, 0.5, 2 ** 31, 2 ** 32, 2 ** 32 + 1, 2 ** 53, -Infinity, Infinity, Number.MAX_VALUE, -Number.MAX_VALUE];

  it('never throw and never change state', () => {
    const a = new IdAllocator(70);
    a.reserve(3);
    a.allocLowest(10, 10);
    const before = a.snapshot();
    for (const x of odd) {
      expect(a.isUsed(x)).toBe(false);
      expect(a.reserve(x)).toBe(false);
      expect(a.release(x)).toBe(false);
      expect(a.nextUsed(x)).toBe(-1);
      expect(a.allocLowest(x, 5)).toBe(-1);
      expect(a.allocCyclic(x, 5)).toBe(-1);
    }
    expect(a.snapshot()).toEqual(before);
  });

  it('treat a non-integer or NaN max as no fit, and a huge max as the top', () => {
    const a = new IdAllocator(70);
    for (const max of [NaN, -1, -Infinity, 10.5]) {
      expect(a.allocLowest(0, max)).toBe(-1);
      expect(a.allocCyclic(0, max)).toBe(-1);
    }
    expect(a.count).toBe(0);
    expect(a.allocLowest(69, 2 ** 32)).toBe(69);
    expect(a.allocCyclic(0, Number.MAX_VALUE)).toBe(0);
  });

  it('-0 counts as id 0', () => {
    const a = new IdAllocator(8);
    expect(a.allocLowest(-0, -0)).toBe(0);
    expect(a.isUsed(-0)).toBe(true);
    expect(a.release(-0)).toBe(true);
  });
});
