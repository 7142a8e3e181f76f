// How events and contexts look on the timeline. Okabe–Ito colours (safe for the common colour
// vision deficiencies) plus a distinct shape per event, so colour is never the only cue.
import type { ContextName, EventName } from '../../engine/trace';

export const EVENT_COLOURS: Record<EventName, string> = {
  ALLOC: '#0072B2',
  FREE: '#E69F00',
  BIND: '#009E73',
  UNBIND: '#CC79A7',
};

/** Lighter variants for the dark theme, where the Okabe–Ito blue is too dim on near-black. */
export const EVENT_COLOURS_DARK: Record<EventName, string> = {
  ALLOC: '#56B4E9',
  FREE: '#E69F00',
  BIND: '#2BC48A',
  UNBIND: '#E08CC0',
};

export type MarkShape = 'circle' | 'square' | 'triangle-up' | 'triangle-down';

export const EVENT_SHAPES: Record<EventName, MarkShape> = {
  ALLOC: 'circle',
  FREE: 'square',
  BIND: 'triangle-up',
  UNBIND: 'triangle-down',
};

export const VIOLATION_COLOUR = '#e8112d';
/** The violations lane's name on the dark background: the mark red is 3.9:1 there, this 5.9:1. */
export const VIOLATION_TEXT_DARK = '#ff5a6a';

/** atomic = filled (cannot sleep), task = outlined, work = outlined and dashed (deferred). */
export const CONTEXT_STYLE: Record<ContextName, { filled: boolean; dashed: boolean; label: string }> = {
  atomic: { filled: true, dashed: false, label: 'atomic (filled)' },
  task: { filled: false, dashed: false, label: 'task (outlined)' },
  work: { filled: false, dashed: true, label: 'workqueue (dashed)' },
};
