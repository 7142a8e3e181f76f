// The race explorer's own small store: whether its dialog is open, the state budget, the run
// in progress or its outcome, the per-preset table, and the text a replay replaced (for Undo).
// Kept apart from labStore so the explorer stays one removable feature.

import { create } from 'zustand';
import type { ModelConfig, PresetName } from '../../engine/model';
import { DEFAULT_STATE_BUDGET, type ExploreOutcome, type PoolProgress } from './explorePool';

export type ExploreMode = 'current' | 'presets';

export interface CurrentRun {
  model: ModelConfig;
  /** The model as a `model` line says it: "cyclic alloc=lowest". */
  modelLabel: string;
  /** Where the model came from: the scenario's `model` line, the model picker, or neither (the lab's default). */
  modelSource: 'file' | 'picker' | 'default';
  status: 'running' | 'done' | 'error';
  progress?: PoolProgress;
  outcome?: ExploreOutcome;
  error?: string;
}

export interface PresetRow {
  preset: PresetName;
  status: 'waiting' | 'running' | 'done' | 'cancelled' | 'error';
  progress?: PoolProgress;
  outcome?: ExploreOutcome;
  error?: string;
}

export interface ReplayRecord {
  kind: string;
  /** The search was complete: the schedule is the shortest there is. */
  exact: boolean;
  /** The editor text the replay replaced, and the text it put in (Undo only while unedited). */
  text: string;
  replayed: string;
  /** A schedule line was inserted; old schedule lines were removed. */
  inserted: boolean;
  removed: boolean;
  /** Line breakpoints before and after the replay moved them, and the way back for moved ones. */
  lineBreakpoints: { before: number[]; after: number[] };
  back: Map<number, number>;
  /** The model the replay runs under ("cyclic alloc=lowest"). */
  model: string;
  /**
   * Set when that model is pinned in the picker (not the file's model line): what the picker
   * held before, and whether the replay pinned it (Undo then puts the picker back).
   */
  pinned?: { model: ModelConfig; pinned: boolean; byReplay: boolean };
}

export interface ExploreState {
  open: boolean;
  /** What the dialog should start when it mounts (set by the command / the compare dialog). */
  pending: ExploreMode | null;
  mode: ExploreMode;
  budget: number;
  current?: CurrentRun;
  presets?: { running: boolean; rows: PresetRow[] };
  /** After a replay: what it did, and what Undo replay puts back. */
  undo?: ReplayRecord;
}

export const useExplore = create<ExploreState>()(() => ({ open: false, pending: null, mode: 'current', budget: DEFAULT_STATE_BUDGET }));

/** Opens the dialog and asks it to start a search (the "Find races" command). */
export function requestExplore(mode: ExploreMode): void {
  useExplore.setState({ open: true, pending: mode, mode });
}

export function resetExploreStore(patch: Partial<ExploreState> = {}): void {
  useExplore.setState({ open: false, pending: null, mode: 'current', budget: DEFAULT_STATE_BUDGET, current: undefined, presets: undefined, undo: undefined, ...patch }, true);
}
