// Argument handling shared by every statement: splitting positional arguments from
// key=value options and converting tokens to the values the schema asks for.

import type { Loc } from './ast';
import type { Token } from './lexer';
import type { Namespace } from './verbs';

/** Where a statement reports its errors; `line` is the statement's line. */
export interface LineContext {
  line: number;
  error(col: number, message: string): void;
}

export interface KeyValue {
  key: Token;
  value: Token;
}

export interface SplitArgs {
  positional: Token[];
  keys: KeyValue[];
  /** Keys written without a value (`quota=`): already reported, not "missing" again. */
  valueless: Set<string>;
}

const VALUE_KINDS = new Set(['name', 'word', 'errno', 'number', 'string']);

/** Separates `key=value` (written without spaces) from positional arguments. */
export function splitArgs(tokens: readonly Token[], ctx: LineContext): SplitArgs {
  const positional: Token[] = [];
  const keys: KeyValue[] = [];
  const valueless = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const eq = tokens[i + 1];
    if (t.kind === 'name' && eq?.kind === 'eq') {
      const v = tokens[i + 2];
      if (v === undefined || !VALUE_KINDS.has(v.kind)) {
        ctx.error(t.col, `missing value after '${t.text}='`);
        valueless.add(t.text);
        i += 1;
        continue;
      }
      // A spaced pair still counts as given, so no "missing key" follows the hint.
      if (t.end !== eq.col || eq.end !== v.col) ctx.error(t.col, `write key=value without spaces: '${t.text}=${v.text}'`);
      keys.push({ key: t, value: v });
      i += 2;
    } else if (t.kind === 'eq' || t.kind === 'eqeq') {
      ctx.error(t.col, `unexpected '${t.text}'`);
    } else {
      positional.push(t);
    }
  }
  return { positional, keys, valueless };
}

export function locOf(ctx: LineContext, t: Token): Loc {
  return { line: ctx.line, col: t.col };
}

const NOUN: Record<Namespace | 'lock', string> = {
  id: 'an ID',
  set: 'a set name',
  subscriber: 'a notifier name',
  device: 'a device name',
  mm: 'an mm name',
  thread: 'a thread name',
  lock: 'a lock name',
};

export function describeExpected(ns: Namespace | undefined): string {
  return NOUN[ns ?? 'lock'];
}

/** How a token is quoted in a message: long pasted tokens are cut. */
export function shown(t: Token): string {
  const text = t.text.length > 40 ? `${t.text.slice(0, 37)}...` : t.text;
  return `'${text}'`;
}
