// Splits one scenario line into tokens (SPEC §4): names, numbers, strings, errno names,
// hyphenated words (violation kinds), `->`, `==`, `=`, `{`, `}`; `#` starts a comment.

export const MAX_NUMBER = 0xffffffff;

const MAX_LINE_ERRORS = 50;

export type TokenKind =
  | 'name' // [A-Za-z_][A-Za-z0-9_]*
  | 'word' // a name with inner hyphens: sleep-in-atomic
  | 'errno' // -EINVAL
  | 'number'
  | 'string'
  | 'arrow'
  | 'eqeq'
  | 'eq'
  | 'lbrace'
  | 'rbrace';

export interface Token {
  kind: TokenKind;
  /** The source text of the token (for a string: with its quotes). */
  text: string;
  /** 1-based column of the first character. */
  col: number;
  /** 1-based column just after the last character (adjacency test for key=value). */
  end: number;
  /** A number's value. */
  num?: number;
  /** A string's content with escapes resolved. */
  str?: string;
}

export interface LexError {
  col: number;
  message: string;
}

export interface LexedLine {
  tokens: Token[];
  errors: LexError[];
  /** The line without its comment, trimmed: a statement's `text`. */
  text: string;
}

function isWordChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  const k = c.charCodeAt(0);
  return (k >= 48 && k <= 57) || (k >= 65 && k <= 90) || (k >= 97 && k <= 122) || k === 95;
}

function isSpace(c: string): boolean {
  // A stray CR of a mixed line ending counts as space, not as a line break.
  return c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v';
}

/** The character at i as the user sees it: a whole surrogate pair when there is one. */
function charAt(line: string, i: number): string {
  const cp = line.codePointAt(i) ?? 0;
  return String.fromCodePoint(cp);
}

function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  // Control, format and space characters (NBSP, zero-width space …) are invisible when quoted.
  const printable = !/^[\p{C}\p{Z}]$/u.test(ch);
  return printable ? `'${ch}' (U+${hex})` : `U+${hex}`;
}

/** Decimal or 0x hex, 0 … 0xFFFFFFFF; otherwise an error message. */
export function parseNumber(text: string): number | string {
  let value: number;
  if (/^[0-9]+$/.test(text)) value = Number(text);
  else if (/^0x[0-9a-fA-F]+$/.test(text)) value = Number.parseInt(text.slice(2), 16);
  else if (/^0X[0-9a-fA-F]+$/.test(text)) return `malformed number '${text}' (hex is written with a lowercase 0x)`;
  else return `malformed number '${text}'`;
  if (!(value <= MAX_NUMBER)) return `number out of range: '${text}' (the largest is 0xFFFFFFFF)`;
  return value;
}

export function lexLine(line: string): LexedLine {
  const tokens: Token[] = [];
  const errors: LexError[] = [];
  let i = 0;
  let codeEnd = line.length;
  const push = (kind: TokenKind, start: number, end: number, extra?: Partial<Token>): void => {
    tokens.push({ kind, text: line.slice(start, end), col: start + 1, end: end + 1, ...extra });
  };
  // One line of garbage must not produce millions of messages: past the report cap, stop.
  while (i < line.length && errors.length <= MAX_LINE_ERRORS) {
    const c = line[i];
    if (isSpace(c)) {
      i++;
    } else if (c === '#') {
      codeEnd = i;
      break;
    } else if (c === '"') {
      const start = i;
      let value = '';
      let closed = false;
      i++;
      while (i < line.length) {
        const d = line[i];
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\') {
          const e = line[i + 1];
          if (e === '"' || e === '\\') {
            value += e;
            i += 2;
            continue;
          }
          const shown = e === undefined ? 'at the end of the line' : `'\\${charAt(line, i + 1)}'`;
          errors.push({ col: i + 1, message: `unknown escape ${shown} in string (only \\" and \\\\ are allowed)` });
          i += e === undefined ? 1 : 1 + charAt(line, i + 1).length;
          continue;
        }
        value += d;
        i++;
      }
      if (!closed) {
        errors.push({ col: start + 1, message: 'unterminated string' });
        codeEnd = line.length;
      }
      push('string', start, i, { str: value });
    } else if (c === '{') {
      push('lbrace', i, i + 1);
      i++;
    } else if (c === '}') {
      push('rbrace', i, i + 1);
      i++;
    } else if (c === '=') {
      if (line[i + 1] === '=') {
        push('eqeq', i, i + 2);
        i += 2;
      } else {
        push('eq', i, i + 1);
        i++;
      }
    } else if (c === '-' && line[i + 1] === '>') {
      push('arrow', i, i + 2);
      i += 2;
    } else if (isWordChar(c) || (c === '-' && isWordChar(line[i + 1]))) {
      const start = i;
      i++;
      while (i < line.length) {
        if (isWordChar(line[i])) i++;
        else if (line[i] === '-' && isWordChar(line[i + 1])) i++;
        else break;
      }
      const text = line.slice(start, i);
      if (c === '-') {
        if (/^-[0-9]/.test(text)) {
          errors.push({ col: start + 1, message: `negative number '${text}' is not allowed (write an errno by name, e.g. -EINVAL)` });
        }
        push('errno', start, i);
      } else if (/[0-9]/.test(c)) {
        const n = parseNumber(text);
        // After '->' the user meant a name: say what a name may be, not that the number is bad.
        if (typeof n === 'string' && tokens[tokens.length - 1]?.kind === 'arrow' && /[A-Za-z_]/.test(text)) {
          errors.push({ col: start + 1, message: `'${text}' is not a name: a name starts with a letter or '_' (then letters, digits, '_')` });
        } else if (typeof n === 'string') errors.push({ col: start + 1, message: n });
        push('number', start, i, { num: typeof n === 'number' ? n : 0 });
      } else {
        push(text.includes('-') ? 'word' : 'name', start, i);
      }
    } else {
      const ch = charAt(line, i);
      errors.push({ col: i + 1, message: `unexpected character ${describeChar(ch)}` });
      i += ch.length;
    }
  }
  return { tokens, errors, text: line.slice(0, codeEnd).trim() };
}
