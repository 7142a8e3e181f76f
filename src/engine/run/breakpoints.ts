// Breakpoints of the player: a step matches when it delivers an event of a kind, touches an
// ID, involves a set or a subscriber, raises a violation, or stands on a source line.

import type { EventName, ViolationKind } from '../trace';
import type { Recorder } from './recorder';

export type Breakpoint =
  | { kind: 'event'; event: EventName }
  | { kind: 'id'; id: number }
  | { kind: 'set'; set: string }
  | { kind: 'subscriber'; subscriber: string }
  | { kind: 'violation'; violation?: ViolationKind }
  | { kind: 'line'; line: number };

export function stepMatches(rec: Recorder, step: number, bp: Breakpoint): boolean {
  switch (bp.kind) {
    case 'line':
      return rec.line.get(step) === bp.line;
    case 'violation': {
      const [a, b] = rec.violationRange(step);
      for (let i = a; i < b; i++) if (!bp.violation || rec.violations[i].kind === bp.violation) return true;
      return false;
    }
    case 'id':
      if (rec.touchedOf(step).includes(bp.id)) return true;
      break;
    default:
      break;
  }
  const [a, b] = rec.deliveryRange(step);
  for (let i = a; i < b; i++) {
    const d = rec.deliveries.get(i);
    if (bp.kind === 'event' && d.event === bp.event) return true;
    if (bp.kind === 'id' && d.id === bp.id) return true;
    if (bp.kind === 'set' && d.set === bp.set) return true;
    if (bp.kind === 'subscriber' && d.subscriber === bp.subscriber) return true;
  }
  return false;
}

/**
 * The next position (1-based count of steps applied) in `direction` from `position` whose
 * step matches any breakpoint, or -1. Position p shows the state after step p-1.
 */
export function findBreakpoint(rec: Recorder, position: number, direction: 1 | -1, bps: readonly Breakpoint[]): number {
  if (bps.length === 0) return -1;
  const n = rec.stepCount;
  // The step shown at position p is p-1; search the steps after (or before) it.
  for (let step = position - 1 + direction; step >= 0 && step < n; step += direction) {
    for (const bp of bps) if (stepMatches(rec, step, bp)) return step + 1;
  }
  return -1;
}
