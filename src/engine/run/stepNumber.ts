// People count steps from 1: "step N" is the N-th step applied, so the player's position N is
// the state right after it and the two always agree; the CLI's step log counts the same way.
// The engine and the trace JSON (SPEC §6) count from 0: step N is index N - 1.

export const stepNumber = (index: number): number => index + 1;
