// Which sets the quota view draws: the top N by quota (then used), the rest folded into one
// "+K more sets" row so thousands of sets stay one screen. Pure, so it is tested in Node.

import type { FrameSet } from '../../engine/run/frame';

/** What the quota view needs of a set: these fields of the frame's set. */
export type QuotaSet = Pick<FrameSet, 'name' | 'sid' | 'quota' | 'used' | 'pending' | 'token'>;

export interface QuotaRow {
  key: string;
  name: string;
  sid: number;
  quota: number;
  used: number;
  active: number;
  pending: number;
  token: string;
  /** Sets folded into this row; 0 for a real set. */
  folded: number;
}

export const DEFAULT_MAX_ROWS = 10;

function toRow(s: QuotaSet): QuotaRow {
  const pending = Math.max(0, Math.min(s.pending, s.used));
  return { key: `set:${s.name}`, name: s.name, sid: s.sid, quota: s.quota, used: s.used, active: s.used - pending, pending, token: s.token, folded: 0 };
}

/** Largest first: quota, then used, then name for a stable order. */
export function compareSets(a: QuotaSet, b: QuotaSet): number {
  return b.quota - a.quota || b.used - a.used || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/**
 * The rows to draw. `pinned` (the set being flashed) is always shown, taking the last slot
 * if it would otherwise be folded away.
 */
export function selectRows(sets: readonly QuotaSet[], maxRows = DEFAULT_MAX_ROWS, pinned?: string): { rows: QuotaRow[]; hidden: number } {
  const sorted = [...sets].sort(compareSets);
  if (sorted.length <= maxRows) return { rows: sorted.map(toRow), hidden: 0 };
  const shownCount = Math.max(1, maxRows - 1);
  let shown = sorted.slice(0, shownCount);
  let rest = sorted.slice(shownCount);
  const pinIdx = pinned === undefined ? -1 : rest.findIndex((s) => s.name === pinned);
  if (pinIdx >= 0) {
    const evicted = shown[shown.length - 1];
    shown = [...shown.slice(0, -1), rest[pinIdx]];
    rest = [evicted, ...rest.slice(0, pinIdx), ...rest.slice(pinIdx + 1)];
  }
  const more: QuotaRow = { key: 'more', name: `+${rest.length} more sets`, sid: -1, quota: 0, used: 0, active: 0, pending: 0, token: '', folded: rest.length };
  for (const s of rest) {
    const r = toRow(s);
    more.quota += r.quota;
    more.used += r.used;
    more.active += r.active;
    more.pending += r.pending;
  }
  return { rows: [...shown.map(toRow), more], hidden: rest.length };
}

export interface CapacitySummary {
  capacity: number;
  available: number;
  /** capacity − available: what quotas took out of the system. */
  reserved: number;
  quotaSum: number;
  used: number;
  active: number;
  pending: number;
}

export function summarizeCapacity(capacity: number, available: number, sets: readonly QuotaSet[]): CapacitySummary {
  let quotaSum = 0;
  let used = 0;
  let pending = 0;
  for (const s of sets) {
    quotaSum += s.quota;
    used += s.used;
    pending += Math.max(0, Math.min(s.pending, s.used));
  }
  return { capacity, available, reserved: Math.max(0, capacity - available), quotaSum, used, active: used - pending, pending };
}

/** Segment widths of one bar in its own units, clamped so an over-full set never overflows. */
export interface BarSegments {
  active: [number, number];
  pending: [number, number];
  over: boolean;
}

export function barSegments(total: number, active: number, pending: number, x: (v: number) => number): BarSegments {
  const a = Math.min(active, total);
  const p = Math.min(pending, Math.max(0, total - a));
  return { active: [x(0), x(a)], pending: [x(a), x(a + p)], over: active + pending > total };
}
