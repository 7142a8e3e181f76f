// The one zustand store of the app (DESIGN example 5), made of four slices: scenario,
// playback, selection and view. Only small values live here; big arrays sit in frameCache.

import { create } from 'zustand';
import type { Diagnostic } from '../../engine/scenario';
import type { Breakpoint } from '../../engine/run/breakpoints';
import type { IdDetails } from '../../engine/run/frame';
import { PRESETS, type ModelConfig } from '../../engine/model';
import type { MatrixRow } from '../../worker/protocol';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';
export type Theme = 'light' | 'dark';
export type Dialog = 'shortcuts' | 'matrix' | 'breakpoints' | 'jump' | null;
export type CentreTab = 'all' | 'quota' | 'heatmap' | 'timeline';
export type InspectorTab = 'violations' | 'set' | 'id' | 'pasid' | 'kernel';
export type DockTab = 'console' | 'watch';

export interface ConsoleLine {
  text: string;
  ok: boolean;
  message?: string;
}

export interface WatchSeries {
  expression: string;
  values: (number | null)[];
  error?: string;
}

export interface Banner {
  kind: 'error' | 'warning' | 'info';
  text: string;
  /**
   * A button next to Dismiss (e.g. putting back the text an import replaced). With
   * `whileText`, it is offered only while the editor holds that text: once edited, it would
   * throw the edits away.
   */
  action?: { label: string; run: () => void; whileText?: string };
}

export interface ScenarioSlice {
  /** The editor's text; autosaved; never replaced by a failed load. */
  text: string;
  /** Where the text came from: a library file name, "imported", "shared" or "untitled". */
  name: string;
  model: ModelConfig;
  /** True when the user picked the model; false when it follows the file's `model` line. */
  modelPinned: boolean;
  /** The text the current session ran (to tell an edited editor from the running one). */
  loadedText: string;
  status: LoadStatus;
  progress: number;
  loadErrors: Diagnostic[];
  /** The text whose run failed on loadErrors (the editor may have been fixed since). */
  failedText: string;
  sessionVersion: number;
  title: string;
  stepCount: number;
  violationCount: number;
  expectations: { passed: number; failed: number };
  runError?: string;
}

export interface PlaybackSlice {
  /** The position whose frame is shown (state after `position` steps). */
  position: number;
  /** The position asked for; differs from `position` while a seek is in flight. */
  target: number;
  playing: boolean;
  speed: number;
  frameVersion: number;
  lineBreakpoints: number[];
  breakpoints: Breakpoint[];
}

export interface SelectionSlice {
  selectedId?: number;
  selectedSet?: string;
  selectedDevice?: string;
  idDetails?: IdDetails;
  idLoading: boolean;
}

export interface ViewSlice {
  theme: Theme;
  projector: boolean;
  /** In projector mode, the column beside the views: the editor, or the inspectors instead. */
  projectorSide: 'editor' | 'inspectors';
  dialog: Dialog;
  centreTab: CentreTab;
  inspectorTab: InspectorTab;
  dockTab: DockTab;
  banner: Banner | null;
  toast: string | null;
  consoleHistory: ConsoleLine[];
  consoleBusy: boolean;
  /** Statements the console ran that are not in the editor text yet (keepConsole adds them). */
  consoleUnkept: number;
  watchExpressions: string[];
  watchSeries?: WatchSeries[];
  watchPositions?: number[];
  matrixRows?: MatrixRow[];
  /** The text the matrix rows were run on: the editor's when Compare models ran. */
  matrixText?: string;
  matrixRunning: boolean;
  matrixError?: string;
}

export type LabState = ScenarioSlice & PlaybackSlice & SelectionSlice & ViewSlice;

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8] as const;

function systemTheme(): Theme {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return 'light';
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function initialLabState(): LabState {
  return {
    text: '',
    name: 'untitled',
    model: PRESETS.v1,
    modelPinned: false,
    loadedText: '',
    status: 'idle',
    progress: 0,
    loadErrors: [],
    failedText: '',
    sessionVersion: 0,
    title: '',
    stepCount: 0,
    violationCount: 0,
    expectations: { passed: 0, failed: 0 },
    runError: undefined,

    position: 0,
    target: 0,
    playing: false,
    speed: 1,
    frameVersion: 0,
    lineBreakpoints: [],
    breakpoints: [],

    selectedId: undefined,
    selectedSet: undefined,
    selectedDevice: undefined,
    idDetails: undefined,
    idLoading: false,

    theme: systemTheme(),
    projector: false,
    projectorSide: 'editor',
    dialog: null,
    centreTab: 'all',
    inspectorTab: 'violations',
    dockTab: 'console',
    banner: null,
    toast: null,
    consoleHistory: [],
    consoleBusy: false,
    consoleUnkept: 0,
    watchExpressions: ['avail', 'allocated', 'violations'],
    watchSeries: undefined,
    watchPositions: undefined,
    matrixRows: undefined,
    matrixText: undefined,
    matrixRunning: false,
    matrixError: undefined,
  };
}

export const useLab = create<LabState>()(() => initialLabState());

/** Fresh state for tests and for a clean start. */
export function resetLabStore(overrides: Partial<LabState> = {}): void {
  useLab.setState({ ...initialLabState(), ...overrides }, true);
}
