// The shape of a command (DESIGN example 7): one record per user action feeds its button,
// its hotkey, its tooltip and its line in the `?` sheet. Keys are KeyboardEvent.code values.

import type { LabState } from '../store/labStore';

export interface KeyBinding {
  /** KeyboardEvent.code, e.g. 'Space', 'ArrowRight', 'KeyD', 'BracketRight'. */
  code: string;
  ctrl?: boolean;
  shift?: boolean;
  alt?: boolean;
  /** Also matches KeyboardEvent.key (layout independence for punctuation such as '?'). */
  char?: string;
}

export type CommandGroup = 'Scenario' | 'Playback' | 'Breakpoints' | 'View' | 'Share and files';

export interface Command {
  id: string;
  title: string;
  group: CommandGroup;
  key?: KeyBinding;
  run: () => void;
  enabled?: (s: LabState) => boolean;
  /** Runs even while typing in the editor or an input (Ctrl+Enter). */
  inEditable?: boolean;
}

const CODE_LABELS: Record<string, string> = {
  Space: 'Space',
  ArrowRight: '→',
  ArrowLeft: '←',
  ArrowUp: '↑',
  ArrowDown: '↓',
  BracketRight: ']',
  BracketLeft: '[',
  Slash: '/',
  Backquote: '`',
  Enter: 'Enter',
  Escape: 'Esc',
  Home: 'Home',
  End: 'End',
  Comma: ',',
  Period: '.',
  Minus: '-',
  Equal: '=',
};

export function formatKey(k: KeyBinding): string {
  const base = k.char ?? CODE_LABELS[k.code] ?? k.code.replace(/^Key|^Digit/, '');
  const mods = [k.ctrl ? 'Ctrl' : '', k.alt ? 'Alt' : '', k.shift && !k.char ? 'Shift' : ''].filter(Boolean);
  return [...mods, base].join('+');
}

/** "Title (key)" for a button's tooltip. */
export function tooltipOf(c: Command): string {
  return c.key ? `${c.title} (${formatKey(c.key)})` : c.title;
}

export function matchesKey(e: Pick<KeyboardEvent, 'code' | 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, k: KeyBinding): boolean {
  const ctrl = e.ctrlKey || e.metaKey;
  if (ctrl !== !!k.ctrl || e.altKey !== !!k.alt) return false;
  if (k.char !== undefined && e.key === k.char) return true;
  return e.code === k.code && e.shiftKey === !!k.shift;
}

export function isEditableTarget(t: EventTarget | null): boolean {
  if (!t || typeof (t as Element).closest !== 'function') return false;
  const el = t as HTMLElement;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    // A range slider or checkbox takes arrows/space itself; text fields take every key.
    return !['button', 'submit', 'reset', 'file', 'color', 'image'].includes(type);
  }
  return false;
}

/**
 * Whether a control the keyboard moved to acts on this key itself: Space and Enter press a
 * button, open a summary or follow a link; arrows, Home and End move between tabs.
 * `byPointer`: the control took focus from a click. It keeps focus then, but a mouse user
 * pressing Space means the player (and :focus-visible cannot tell: a key press makes the
 * focused element match it).
 */
export function controlOwnsKey(t: EventTarget | null, e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, byPointer: boolean): boolean {
  // With a modifier it is a shortcut (Ctrl+Enter runs the text from anywhere), not the control's.
  if (byPointer || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || !t || typeof (t as Element).matches !== 'function') return false;
  const el = t as HTMLElement;
  if (e.key === ' ' || e.key === 'Enter') return el.matches('button, summary, a[href], [role="button"], [role="tab"]');
  if (e.key.startsWith('Arrow') || e.key === 'Home' || e.key === 'End') return el.matches('[role="tab"]');
  return false;
}

/** The command a key event asks for, or undefined (ignored inside editable fields, and for a key a focused control takes). */
export function commandForEvent(commands: readonly Command[], e: KeyboardEvent, focusedByPointer = false): Command | undefined {
  if (controlOwnsKey(e.target, e, focusedByPointer)) return undefined;
  const editable = isEditableTarget(e.target);
  return commands.find((c) => c.key && (!editable || c.inEditable) && matchesKey(e, c.key));
}
