// The editor never holds more text than the parser accepts. A paste, drop or edit that would
// go past the limit is refused before the textarea takes it: Chromium lays a multi-megabyte
// textarea out again on every style change (a 5 MB one froze the page for seconds per
// click), and the user's text stays exactly as it was.

import { MAX_SCENARIO_CHARS } from '../../engine/scenario';

/**
 * `replay`: the race explorer's Replay, which puts a `schedule …` line into the text;
 * `console`: the console's statements added to the end of the text.
 */
export type EditSource = 'paste' | 'drop' | 'edit' | 'replay' | 'console';

const VERB: Record<EditSource, string> = { paste: 'Paste', drop: 'Drop', edit: 'Edit', replay: 'Replay', console: 'Adding the console statements' };

/** Characters `text` adds to a textarea: line breaks arrive as a single LF. */
export function insertedLength(text: string): number {
  return text.replace(/\r\n?/g, '\n').length;
}

/** The length the text would have after replacing [start, end) of `current` with `inserted`. */
export function lengthAfterInsert(current: number, start: number, end: number, inserted: number): number {
  return current - Math.max(0, end - start) + inserted;
}

/**
 * The banner text for an edit that would make the scenario `length` characters long, or null
 * if it may go ahead. An edit that shortens the text always may: a text already past the
 * limit (restored from an older autosave) must be trimmable.
 */
export function oversizedEditMessage(length: number, source: EditSource, currentLength: number, maxChars = MAX_SCENARIO_CHARS): string | null {
  if (length <= maxChars || length <= currentLength) return null;
  return `${VERB[source]} refused: the scenario would be ${length.toLocaleString('en-US')} characters (the limit is ${maxChars.toLocaleString('en-US')}). Your editor text is unchanged.`;
}
