// Test helpers for the scenario parser: parse-or-fail, errors as "LINE:COL: message", and the
// AST without the argLocs extension so tests can compare the contract fields exactly.

import { expect } from 'vitest';
import { parseScenario } from '../../../src/engine/scenario';
import type { Program, Stmt } from '../../../src/engine/scenario';

export function parseOk(source: string): Program {
  const r = parseScenario(source);
  if (!r.ok) {
    expect.fail(`expected a program, got errors:\n${r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n')}`);
  }
  return r.program;
}

export function errorsOf(source: string): string[] {
  const r = parseScenario(source);
  if (r.ok) expect.fail('expected errors, got a program');
  return r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`);
}

/** A statement without the `argLocs` and `source` extensions, recursively (blocks). */
export function bare(s: Stmt): Stmt {
  const { argLocs: _argLocs, source: _source, ...rest } = s;
  if ('body' in rest) return { ...rest, body: rest.body.map(bare) } as Stmt;
  return rest as Stmt;
}

/** The last top-level statement of a scenario, without argLocs. */
export function lastStmt(source: string): Stmt {
  const p = parseOk(source);
  const s = p.body[p.body.length - 1];
  if (s === undefined) expect.fail('no statements');
  return bare(s);
}

/** Declarations most statement tests need on the lines before. */
export const PRELUDE = ['set vm1 quota=4', 'alloc vm1 -> g1', 'device dev0', 'mm proc', 'notifier kvm kind=kvm'].join('\n');
export const PRELUDE_LINES = 5;
