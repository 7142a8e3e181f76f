// Every user action the commands, buttons and panels may invoke. The real implementation
// drives the worker (labController.ts); component tests pass a recording fake.

import type { IdDetails } from '../../engine/run/frame';
import type { ModelConfig } from '../../engine/model';
import type { Breakpoint } from '../../engine/run/breakpoints';

export type ExportKind = 'scenario' | 'trace-json' | 'chrome-trace' | 'png-heatmap' | 'png-timeline';

export interface LabActions {
  /** Applies the editor text: parse in the worker, run, show the position kept if possible. */
  run(): void;
  openScenario(name: string, text: string): void;
  setModel(model: ModelConfig, pinned: boolean): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  step(delta: number): void;
  seek(position: number): void;
  toStart(): void;
  toEnd(): void;
  setSpeed(speed: number): void;
  runToBreakpoint(direction: 1 | -1): void;
  toggleLineBreakpoint(line: number): void;
  addBreakpoint(bp: Breakpoint): void;
  removeBreakpoint(index: number): void;
  selectId(id: number): void;
  /** The full story of one ID at the current position (set, refs, SPID, devices, KVM), for tooltips. */
  describeId(id: number): Promise<IdDetails>;
  selectSet(name: string): void;
  selectDevice(name: string): void;
  runConsole(text: string): void;
  /** Adds the statements the console ran to the end of the editor text. */
  keepConsole(): void;
  setWatches(expressions: string[]): void;
  runMatrix(): void;
  share(): void;
  importFile(file: File): void;
  exportAs(kind: ExportKind): void;
  /** A short message at the bottom of the window that goes away by itself. */
  toast(text: string): void;
}
