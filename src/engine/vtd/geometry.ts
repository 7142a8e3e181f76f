// Geometry of the VT-d scalable-mode PASID table (drivers/iommu/intel/pasid.h): a directory
// of 8-byte PDEs, each pointing at a 64-entry leaf table of 64-byte entries.

/** dir_index = pasid >> PASID_PDE_SHIFT; each PDE covers 2^6 PASIDs. */
export const PASID_PDE_SHIFT = 6;
export const PASID_TBL_ENTRIES = 1 << PASID_PDE_SHIFT;
/** PASID_PTE_MASK: the table index within a leaf. */
export const PASID_PTE_MASK = PASID_TBL_ENTRIES - 1;
export const PASID_ENTRY_BYTES = 64;
export const PASID_DIR_ENTRY_BYTES = 8;
/** 64 entries x 64 bytes: a leaf is exactly one 4 KiB page. */
export const LEAF_TABLE_BYTES = PASID_TBL_ENTRIES * PASID_ENTRY_BYTES;
/** PASID_MAX: 20-bit PASIDs. */
export const MAX_PASIDS = 1 << 20;
/** PASID_RID2PASID: the entry that carries DMA without a PASID. */
export const PASID_RID2PASID = 0;
export const PAGE_SHIFT = 12;
export const PAGE_BYTES = 1 << PAGE_SHIFT;

export function dirIndex(id: number): number {
  return id >> PASID_PDE_SHIFT;
}

export function tableIndex(id: number): number {
  return id & PASID_PTE_MASK;
}

/** get_order(): the smallest order with 2^order pages >= bytes (0 for 0 bytes). */
function pageOrder(bytes: number): number {
  let order = 0;
  while (PAGE_BYTES * 2 ** order < bytes) order++;
  return order;
}

/**
 * intel_pasid_alloc_table: the directory needs max_pasid >> 3 bytes (one 8-byte PDE per 64
 * PASIDs) and is allocated as 2^order whole pages; a size of 0 still gets one page.
 */
export function directoryOrder(maxPasid: number): number {
  const size = Math.max(0, Math.floor(maxPasid)) >> (PASID_PDE_SHIFT - 3);
  return size ? pageOrder(size) : 0;
}

export function directoryBytesFor(maxPasid: number): number {
  return PAGE_BYTES << directoryOrder(maxPasid);
}

/**
 * The kernel then recomputes max_pasid = 1 << (order + PAGE_SHIFT + 3): the PASIDs the
 * allocated directory could cover. Capped at PASID_MAX, which a full directory covers.
 */
export function kernelTableMaxPasid(maxPasid: number): number {
  return Math.min(MAX_PASIDS, 2 ** (directoryOrder(maxPasid) + PAGE_SHIFT + 3));
}
