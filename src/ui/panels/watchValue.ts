// Reading a sampled watch series at the player's position (the worker samples sparsely).

/** The value at the last sampled position at or before `position`; undefined before the first sample. */
export function valueAt(positions: number[], values: (number | null)[], position: number): number | null | undefined {
  let best = -1;
  for (let i = 0; i < positions.length && i < values.length; i++) if (positions[i] <= position) best = i;
  return best < 0 ? undefined : values[best];
}
