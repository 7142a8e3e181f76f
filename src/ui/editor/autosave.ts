// Autosave of the editor (debounced) to localStorage and its restore on start. What is saved
// is the user's own work: a shared link or a failed import never writes here by itself, and
// a tab writes only what changed in it. The work a shared link replaced on screen is also
// kept apart (BEFORE_LINK_KEY): editing the link's text, in any tab, takes over the autosave.

import { useLab } from '../store/labStore';
import { decodeModel, encodeModel } from '../share/shareLink';
import type { ModelConfig } from '../../engine/model';
import { isOwnWork } from '../session/library';

export const AUTOSAVE_KEY = 'ioasid-lab:autosave:v1';
export const AUTOSAVE_DEBOUNCE_MS = 400;

export interface SavedWork {
  text: string;
  name: string;
  model?: ModelConfig;
  lineBreakpoints: number[];
}

export const BEFORE_LINK_KEY = 'ioasid-lab:before-link:v1';

export function readAutosave(): SavedWork | undefined {
  return readWork(AUTOSAVE_KEY);
}

/** The user's work from before a share link replaced it, if kept. */
export function readBeforeLink(): SavedWork | undefined {
  return readWork(BEFORE_LINK_KEY);
}

/** Keeps `w` as the work a share link replaced (undefined: forget it). */
export function keepBeforeLink(w: SavedWork | undefined): void {
  try {
    if (w) localStorage.setItem(BEFORE_LINK_KEY, encodeWork(w));
    else localStorage.removeItem(BEFORE_LINK_KEY);
  } catch {
    // Storage full or disabled: nothing more can be kept.
  }
}

/** The editor's work as autosave keeps it: the model only when pinned (else the file's line decides). */
export function workOf(s: { text: string; name: string; model: ModelConfig; modelPinned: boolean; lineBreakpoints: number[] }): SavedWork {
  return { text: s.text, name: s.name, model: s.modelPinned ? s.model : undefined, lineBreakpoints: s.lineBreakpoints };
}

function encodeWork(w: SavedWork): string {
  return JSON.stringify({ text: w.text, name: w.name, model: w.model ? encodeModel(w.model) : undefined, lineBreakpoints: w.lineBreakpoints });
}

function readWork(key: string): SavedWork | undefined {
  try {
    const raw = localStorage.getItem(key);
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
  if (held !== undefined) {
    // This tab opened a link and now replaces what the autosave holds (an edit of the link's
    // text, a library pick): the user's own scenario there is kept apart first. At this moment,
    // not only when the link opened: another tab may have put newer work there since.
    const before = readAutosave();
    if (before && before.name !== 'shared' && before.text !== s.text && isOwnWork(before)) keepBeforeLink(before);
  }
  try {
    localStorage.setItem(AUTOSAVE_KEY, encodeWork(workOf(s)));
  } catch {
    // Storage full or disabled: the text stays in memory; nothing else to do.
  }
}

const savedModel = (s: { model: ModelConfig; modelPinned: boolean }) => (s.modelPinned ? encodeModel(s.model) : undefined);

/** Starts saving on every change of the text, name, pinned model or breakpoints. */
export function startAutosave(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = useLab.subscribe((s, prev) => {
    // The model counts only when pinned, and by value: Run sets the file's model again as a new
    // object, and a Run that changed nothing must not write (it would put this tab's text over
    // another tab's newer one).
    if (s.text === prev.text && s.name === prev.name && savedModel(s) === savedModel(prev) && s.lineBreakpoints === prev.lineBreakpoints) return;
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
    // The step belongs to the run on show, of the text last run (not of unrun edits).
    sessionStorage.setItem(POSITION_KEY, JSON.stringify({ position: s.position, text: digest(s.loadedText) }));
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
