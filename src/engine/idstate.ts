// One byte per ID, the bulk state the heatmap draws and the worker transfers.
// Layout: bits 0-1 lifecycle state, bit 2 "a device has a present PASID entry for this ID",
// bits 3-7 the owning set's colour class (sid mod 32).

export const ID_FREE = 0;
export const ID_ACTIVE = 1;
export const ID_FREE_PENDING = 2;
export const ID_STATE_MASK = 0b11;
export const ID_BOUND_BIT = 0b100;
export const ID_COLOUR_SHIFT = 3;
export const ID_COLOUR_CLASSES = 32;

export function encodeIdState(state: number, bound: boolean, sid: number): number {
  const colour = sid >= 0 ? sid % ID_COLOUR_CLASSES : 0;
  return (colour << ID_COLOUR_SHIFT) | (bound ? ID_BOUND_BIT : 0) | (state & ID_STATE_MASK);
}

export function idStateOf(byte: number): number {
  return byte & ID_STATE_MASK;
}

export function isBound(byte: number): boolean {
  return (byte & ID_BOUND_BIT) !== 0;
}

export function colourClassOf(byte: number): number {
  return byte >>> ID_COLOUR_SHIFT;
}

/** A free ID that a device still holds a present entry for: the stale state drawn in red. */
export function isStale(byte: number): boolean {
  return idStateOf(byte) === ID_FREE && isBound(byte);
}
