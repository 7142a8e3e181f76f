// Big data that must not enter the zustand store (DESIGN example 5): the current frame, the
// one-byte-per-ID state array, the session info and the timeline's steps. The store holds
// version numbers; components read from here when a version moves.

import type { FrameData } from '../../engine/run/frame';
import type { TraceDelivery, TraceStep } from '../../engine/trace';
import type { SessionInfo } from '../../worker/protocol';

export interface FrameSnapshot {
  frame: FrameData;
  idState: Uint8Array;
  current?: TraceStep;
  touched: readonly number[];
  /**
   * This frame is the one right after the frame shown before it, in the same run: `touched`
   * is then all that changed since (the heatmap patches just those IDs).
   */
  followsShown?: boolean;
  /** The watch expressions' values at exactly this frame's position (the sparklines are sampled). */
  watches?: ReadonlyMap<string, number | null>;
}

export interface TraceWindow {
  steps: TraceStep[];
  deliveries: TraceDelivery[];
  /** True when the session has more steps than the window holds. */
  truncated: boolean;
  /** The step indices held: [from, to). */
  from: number;
  to: number;
}

const EMPTY_TRACE: TraceWindow = { steps: [], deliveries: [], truncated: false, from: 0, to: 0 };

let snapshot: FrameSnapshot | undefined;
let info: SessionInfo | undefined;
let trace: TraceWindow = EMPTY_TRACE;

export const frameCache = {
  get snapshot(): FrameSnapshot | undefined {
    return snapshot;
  },
  get info(): SessionInfo | undefined {
    return info;
  },
  get trace(): TraceWindow {
    return trace;
  },
  setSnapshot(s: FrameSnapshot): void {
    snapshot = s;
  },
  setInfo(i: SessionInfo | undefined): void {
    info = i;
  },
  setTrace(t: TraceWindow): void {
    trace = t;
  },
  clearTrace(): void {
    trace = EMPTY_TRACE;
  },
  clear(): void {
    snapshot = undefined;
    info = undefined;
    trace = EMPTY_TRACE;
  },
};
