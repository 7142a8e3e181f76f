// The checks every scenario text from outside passes before it is parsed: an
// imported file, a shared link and a file given to the CLI are validated the same way
// (DESIGN example 8).

import { MAX_SCENARIO_CHARS } from './parser';

/** Larger files are refused before reading: the parser's own limit. */
export const MAX_IMPORT_BYTES = MAX_SCENARIO_CHARS;

/** A control character other than tab, LF and CR means the bytes are not a scenario. */
// eslint-disable-next-line no-control-regex
const BINARY_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Why `text` cannot be a scenario, or null when it can. `what` names the source for the message. */
export function scenarioTextProblem(text: string, what: string, maxChars = MAX_SCENARIO_CHARS): string | null {
  if (text.length > maxChars) {
    return `${what} is too large: ${text.length.toLocaleString('en-US')} characters (the limit is ${maxChars.toLocaleString('en-US')}).`;
  }
  if (BINARY_CHAR.test(text)) return `${what} is not text: it contains binary control characters.`;
  return null;
}

/**
 * A lone CR (classic Mac OS line ends) as LF; CRLF stays. An editor shows a lone CR as a line
 * break (a textarea's value even turns it into one), so the parser must too, or its line
 * numbers would count one line where the user sees three.
 */
export function withLineFeeds(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** A file past MAX_IMPORT_BYTES, as the CLI and the lab's import say it: `size` undefined when unknown (a device). */
export function tooLargeMessage(what: string, size: number | undefined): string {
  const limit = MAX_IMPORT_BYTES.toLocaleString('en-US');
  return `${what} is too large: ${size !== undefined ? `${size.toLocaleString('en-US')} bytes` : `more than ${limit} bytes`} (the limit is ${limit}).`;
}

/** Decodes file bytes as UTF-8, refusing anything that is not valid UTF-8 text. */
export function decodeScenarioBytes(bytes: Uint8Array, what: string): { ok: true; text: string } | { ok: false; message: string } {
  if (bytes.length > MAX_IMPORT_BYTES) return { ok: false, message: tooLargeMessage(what, bytes.length) };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: `${what} is not UTF-8 text.` };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = withLineFeeds(text);
  const problem = scenarioTextProblem(text, what);
  return problem ? { ok: false, message: problem } : { ok: true, text };
}
