// The fields of a 512-bit scalable-mode PASID entry that the lab shows and reasons about
// (struct pasid_entry, drivers/iommu/intel/pasid.h), plus the translation modes that set PGTT.

export type PasidMode = 'nested' | 'fl' | 'sl' | 'pt';

export const PASID_MODES: readonly PasidMode[] = ['nested', 'fl', 'sl', 'pt'];

/** PASID_ENTRY_PGTT_FL_ONLY 1, _SL_ONLY 2, _NESTED 3, _PT 4. */
export const PGTT_OF_MODE: Record<PasidMode, number> = { fl: 1, sl: 2, nested: 3, pt: 4 };

/** FL-only and pass-through entries carry FLPT_DEFAULT_DID (KERNEL-NOTES: believed to be 1). */
export const FLPT_DEFAULT_DID = 1;

/** Domain IDs are 16 bits (entry bits 79:64). */
export const MAX_DID = 0xffff;

/** AW (agaw) for a 48-bit, 4-level address width; 3 would be 57-bit, 5-level. */
export const AW_48BIT = 2;

export function pgttName(pgtt: number): string {
  switch (pgtt) {
    case 1: return 'FL-only';
    case 2: return 'SL-only';
    case 3: return 'nested';
    case 4: return 'pass-through';
    default: return 'none';
  }
}

export function isPasidMode(mode: unknown): mode is PasidMode {
  return typeof mode === 'string' && (PASID_MODES as readonly string[]).includes(mode);
}

export interface PasidEntry {
  p: boolean;
  fpd: boolean;
  pgtt: number;
  did: number;
  flptptr: number;
  slptptr: number;
  sre: boolean;
  aw: number;
  flpm: number;
  /** Opaque address-space tag supplied by the caller (the ID's allocation generation); the lab compares it on DMA. */
  owner: number;
}

export function copyEntry(e: Readonly<PasidEntry>): PasidEntry {
  return {
    p: e.p, fpd: e.fpd, pgtt: e.pgtt, did: e.did, flptptr: e.flptptr, slptptr: e.slptptr,
    sre: e.sre, aw: e.aw, flpm: e.flpm, owner: e.owner,
  };
}
