// Puts an explorer schedule into a scenario's text for replay: the `schedule …` line goes first
// after the header (title, model, comments), and every other `schedule` statement is removed,
// because a later one would replace the list. An empty schedule (the default one reaches the
// violation) only removes them.

import { isScheduleLine, scheduleLine } from '../../engine/run/explore/replay';

const HEADER = /^\s*(title(\s|$)|model(\s|$)|#)/;

/**
 * The text without its `schedule` statements. The explorer searches (and trims) this text: the
 * search ignores them anyway, but a replay during trimming would run them and take their order
 * for the explorer's, so a schedule could be trimmed to one that only works with them.
 */
export function withoutScheduleLines(text: string): string {
  return text
    .split(/(?<=\n)/)
    .filter((l) => !isScheduleLine(l))
    .join('');
}

/** A replay's edit: the new text, and where each old line went (for breakpoints). */
export interface ScheduleEdit {
  text: string;
  /** Per 1-based old line, its 1-based new line; absent for a removed schedule line. */
  moved: Map<number, number>;
  /** The 1-based line of the inserted schedule line, if one was inserted. */
  inserted?: number;
  /** Schedule lines the text had were removed. */
  removed: boolean;
}

export function insertScheduleLine(text: string, schedule: string[]): ScheduleEdit {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const old = text.split(/\r?\n/);
  const lines: string[] = [];
  /** The old line number of each kept line. */
  const from: number[] = [];
  old.forEach((l, i) => {
    if (isScheduleLine(l)) return;
    lines.push(l);
    from.push(i + 1);
  });
  // The header is the leading run of title/model/comment lines (blank lines between them too);
  // the schedule goes after its last non-blank line, so a blank line after the header stays.
  let at = 0;
  for (let i = 0; i < lines.length; i++) {
    if (HEADER.test(lines[i])) at = i + 1;
    else if (lines[i].trim() !== '') break;
  }
  const insert = schedule.length > 0;
  if (insert) lines.splice(at, 0, scheduleLine(schedule));
  const moved = new Map<number, number>();
  from.forEach((oldLine, i) => moved.set(oldLine, i + 1 + (insert && i >= at ? 1 : 0)));
  return { text: lines.join(eol), moved, removed: from.length < old.length, ...(insert ? { inserted: at + 1 } : {}) };
}

/** Breakpoint lines carried through an edit: those on removed lines go. */
export function moveLines(lines: readonly number[], moved: ReadonlyMap<number, number>): number[] {
  return lines.flatMap((l) => {
    const to = moved.get(l);
    return to === undefined ? [] : [to];
  });
}

/** The inverse of an edit's line map (for undoing it). */
export function movedBack(edit: Pick<ScheduleEdit, 'moved'>): Map<number, number> {
  return new Map([...edit.moved].map(([a, b]) => [b, a]));
}
