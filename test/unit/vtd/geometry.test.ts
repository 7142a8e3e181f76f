import { describe, expect, it } from 'vitest';
import {
  dirIndex, directoryBytesFor, kernelTableMaxPasid, LEAF_TABLE_BYTES, MAX_PASIDS, PASID_DIR_ENTRY_BYTES,
  PASID_ENTRY_BYTES, PASID_PDE_SHIFT, PASID_TBL_ENTRIES, tableIndex,
} from '../../../src/engine/vtd/geometry';
import { FLPT_DEFAULT_DID, PGTT_OF_MODE, pgttName } from '../../../src/engine/vtd/entry';

describe('PASID table geometry', () => {
  it('has the kernel constants', () => {
    expect(PASID_PDE_SHIFT).toBe(6);
    expect(PASID_TBL_ENTRIES).toBe(64);
    expect(PASID_ENTRY_BYTES).toBe(64);
    expect(PASID_DIR_ENTRY_BYTES).toBe(8);
    expect(LEAF_TABLE_BYTES).toBe(4096);
    expect(MAX_PASIDS).toBe(1048576);
  });

  it.each([
    [0, 0, 0],
    [63, 0, 63],
    [64, 1, 0],
    [65, 1, 1],
    [MAX_PASIDS - 1, 16383, 63],
  ])('splits %i into directory %i, table %i', (id, dir, idx) => {
    expect(dirIndex(id)).toBe(dir);
    expect(tableIndex(id)).toBe(idx);
    expect(dir * 64 + idx).toBe(id);
  });

  it('sizes the directory as intel_pasid_alloc_table does', () => {
    // A full 20-bit directory: 16384 PDEs x 8 B = 128 KiB, order 5.
    expect(directoryBytesFor(MAX_PASIDS)).toBe(128 * 1024);
    expect(kernelTableMaxPasid(MAX_PASIDS)).toBe(MAX_PASIDS);
    // max_pasid >> 3 bytes, rounded up to 2^order pages; even 0 bytes gets one page.
    expect(directoryBytesFor(1)).toBe(4096);
    expect(directoryBytesFor(32768)).toBe(4096);
    // The kernel shifts (truncates): 32775 >> 3 is still one page; 32776 >> 3 needs two.
    expect(directoryBytesFor(32775)).toBe(4096);
    expect(directoryBytesFor(32776)).toBe(8192);
    expect(directoryBytesFor(3 * 32768)).toBe(16384);
    // The kernel then widens max_pasid to what the pages cover.
    expect(kernelTableMaxPasid(100)).toBe(32768);
    expect(kernelTableMaxPasid(32776)).toBe(65536);
  });
});

describe('PASID entry modes', () => {
  it('maps modes to PGTT and names them', () => {
    expect(PGTT_OF_MODE).toEqual({ fl: 1, sl: 2, nested: 3, pt: 4 });
    expect([1, 2, 3, 4, 0, 7].map(pgttName)).toEqual(['FL-only', 'SL-only', 'nested', 'pass-through', 'none', 'none']);
    expect(FLPT_DEFAULT_DID).toBe(1);
  });
});
