// The design axes of SPEC §2: every run has one ModelConfig; presets name the three designs
// the mailing list argued about.

export type LockModel = 'spinlock' | 'mutex';
export type ChainModel = 'atomic' | 'blocking';
export type AllocModel = 'lowest' | 'cyclic';
export type FreeModel = 'immediate' | 'refcount';
export type CleanupModel = 'sync' | 'deferred';

export interface ModelConfig {
  readonly lock: LockModel;
  readonly chain: ChainModel;
  readonly alloc: AllocModel;
  readonly free: FreeModel;
  readonly cleanup: CleanupModel;
}

export type PresetName = 'v1' | 'cyclic' | 'v4';
export type ModelAxis = keyof ModelConfig;

export const PRESETS: Readonly<Record<PresetName, ModelConfig>> = {
  // The v1 series as posted (March 2020): allocator mutex, blocking chain, sync cleanup.
  v1: { lock: 'mutex', chain: 'blocking', alloc: 'lowest', free: 'immediate', cleanup: 'sync' },
  // Jacob's cyclic-allocator alternative from the v1 review.
  cyclic: { lock: 'spinlock', chain: 'atomic', alloc: 'cyclic', free: 'immediate', cleanup: 'deferred' },
  // The last posted design (v4, February 2021): spinlock, atomic chains, refcount + FREE_PENDING.
  v4: { lock: 'spinlock', chain: 'atomic', alloc: 'lowest', free: 'refcount', cleanup: 'deferred' },
};

export const DEFAULT_PRESET: PresetName = 'v1';
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export const AXIS_VALUES: Readonly<Record<ModelAxis, readonly string[]>> = {
  lock: ['spinlock', 'mutex'],
  chain: ['atomic', 'blocking'],
  alloc: ['lowest', 'cyclic'],
  free: ['immediate', 'refcount'],
  cleanup: ['sync', 'deferred'],
};

export const MODEL_AXES = Object.keys(AXIS_VALUES) as ModelAxis[];

export function isPresetName(s: string): s is PresetName {
  return Object.prototype.hasOwnProperty.call(PRESETS, s);
}

export function isModelAxis(s: string): s is ModelAxis {
  return Object.prototype.hasOwnProperty.call(AXIS_VALUES, s);
}

/** Applies one `axis=value` override; returns an error message instead of throwing. */
export function withAxis(model: ModelConfig, axis: string, value: string): ModelConfig | string {
  if (!isModelAxis(axis)) return `unknown model axis '${axis}' (axes: ${MODEL_AXES.join(', ')})`;
  if (!AXIS_VALUES[axis].includes(value)) {
    return `'${value}' is not a value of axis '${axis}' (values: ${AXIS_VALUES[axis].join(', ')})`;
  }
  return { ...model, [axis]: value };
}

/** The preset a config equals, if any (for labels). */
export function presetOf(model: ModelConfig): PresetName | undefined {
  return PRESET_NAMES.find((p) => MODEL_AXES.every((a) => PRESETS[p][a] === model[a]));
}
