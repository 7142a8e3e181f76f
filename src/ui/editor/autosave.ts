// Autosave of the editor (debounced) to localStorage and its restore on start. What is saved
// is the user's own work: a shared link or a failed import never writes here by itself, and
// a tab writes only what changed in it.

import { useLab } from '../store/labStore';
import { decodeModel, encodeModel } from '../share/shareLink';
import type { ModelConfig } from '../../engine/model';

export const AUTOSAVE_KEY = 'ioasid-lab:autosave:v1';
export const AUTOSAVE_DEBOUNCE_MS = 400;

export interface SavedWork {
  text: string;
  name: string;
  model?: ModelConfig;
  lineBreakpoints: number[];
}

export function readAutosave(): SavedWork | undefined {
  try {
    const raw = localStorage.getItem(AUTOSAVE_KEY);
    if (!raw) return undefined;
    const v = JSON.parse(raw) as Record<string, unknown>;
    if (typeof v.text !== 'string') return undefined;
    const model = typeof v.model === 'string' ? (decodeModel(v.model) ?? undefined) : undefined;
    const lineBreakpoints = Array.isArray(v.lineBreakpoints) ? v.lineBreakpoints.filter((n): n is number => Number.isInteger(n) && n > 0) : [];
    return { text: v.text, name: typeof v.name === 'string' ? v.name : 'untitled', model, lineBreakpoints };
  } catch {
    return undefined;
  }
}

/**
 * A text opened from a share link: not the user's work until they edit it, so it neither
 * overwrites the autosave (their own scenario, possibly open in another tab) nor drops the
 * link from the address bar (a reload opens the link again).
 */
let held: string | undefined;
/** A change not written yet (the debounce is running). */
let pending = false;

export function holdAutosave(text: string | undefined): void {
  held = text;
}

function write(): void {
  pending = false;
  const s = useLab.getState();
  if (held !== undefined && s.text === held) return;
  try {
    localStorage.setItem(AUTOSAVE_KEY, JSON.stringify({ text: s.text, name: s.name, model: s.modelPinned ? encodeModel(s.model) : undefined, lineBreakpoints: s.lineBreakpoints }));
  } catch {
    // Storage full or disabled: the text stays in memory; nothing else to do.
  }
}

/** Starts saving on every change of the text, name, pinned model or breakpoints. */
export function startAutosave(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = useLab.subscribe((s, prev) => {
    if (s.text === prev.text && s.name === prev.name && s.model === prev.model && s.modelPinned === prev.modelPinned && s.lineBreakpoints === prev.lineBreakpoints) return;
    // Edited after sharing: the address bar's link no longer describes the editor.
    if (s.text !== prev.text && s.text !== held && location.hash) history.replaceState(null, '', location.pathname + location.search);
    clearTimeout(timer);
    pending = true;
    timer = setTimeout(write, AUTOSAVE_DEBOUNCE_MS);
  });
  window.addEventListener('beforeunload', flushAutosave);
  window.addEventListener('pagehide', savePosition);
  return () => {
    unsubscribe();
    clearTimeout(timer);
    pending = false;
    window.removeEventListener('beforeunload', flushAutosave);
    window.removeEventListener('pagehide', savePosition);
  };
}

const POSITION_KEY = 'ioasid-lab:position:v1';

/** FNV-1a over the UTF-16 units: tells "the same text" without storing it twice. */
function digest(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The step on show, kept per tab (sessionStorage outlives a reload of this tab only, so tabs
 * do not overwrite each other's), with a digest of the text it belongs to.
 */
function savePosition(): void {
  const s = useLab.getState();
  try {
    sessionStorage.setItem(POSITION_KEY, JSON.stringify({ position: s.position, text: digest(s.text) }));
  } catch {
    // Storage disabled: a reload starts at step 0.
  }
}

/** Where a reload of this tab left `text` (0 for another text, or nothing saved). */
export function savedPosition(text: string): number {
  try {
    const v = JSON.parse(sessionStorage.getItem(POSITION_KEY) ?? 'null') as { position?: unknown; text?: unknown } | null;
    return v && v.text === digest(text) && Number.isInteger(v.position) && (v.position as number) > 0 ? (v.position as number) : 0;
  } catch {
    return 0;
  }
}

/**
 * Writes a change the debounce still holds. Only then: a tab that changed nothing must not
 * write on close, or it would put back its old copy over a newer one from another tab.
 */
export function flushAutosave(): void {
  if (pending) write();
}
