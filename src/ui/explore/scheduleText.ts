// Puts an explorer schedule into a scenario's text for replay: the `schedule …` line goes first
// after the header (title, model, comments), and every other `schedule` statement is removed,
// because a later one would replace the list.

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

export function insertScheduleLine(text: string, schedule: string[]): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/).filter((l) => !isScheduleLine(l));
  // The header is the leading run of title/model/comment lines (blank lines between them too);
  // the schedule goes after its last non-blank line, so a blank line after the header stays.
  let at = 0;
  for (let i = 0; i < lines.length; i++) {
    if (HEADER.test(lines[i])) at = i + 1;
    else if (lines[i].trim() !== '') break;
  }
  lines.splice(at, 0, scheduleLine(schedule));
  return lines.join(eol);
}
