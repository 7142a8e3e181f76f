// Reads of the current position from frameCache that components subscribe to through the
// store's version numbers: the shown step, its caption and the scrubber's markers.

import { useLab } from '../store/labStore';
import { frameCache } from '../store/frameCache';
import type { TraceStep } from '../../engine/trace';

export function useCurrentStep(): TraceStep | undefined {
  return useLab((s) => {
    void s.frameVersion;
    return s.position > 0 ? frameCache.snapshot?.current : undefined;
  });
}

/** The caption in force at a position: the last `note` at or before its step. */
export function noteAt(notes: readonly [number, string][], position: number): string | undefined {
  const step = position - 1;
  let lo = 0;
  let hi = notes.length - 1;
  let found: string | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (notes[mid][0] <= step) {
      found = notes[mid][1];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function useNote(): string | undefined {
  return useLab((s) => {
    void s.sessionVersion;
    return noteAt(frameCache.info?.notes ?? [], s.position);
  });
}
