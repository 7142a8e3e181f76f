// Properties (fixed seeds): the parser never throws on any string, nor on valid scenarios
// mutated character by character or line by line, and its diagnostics stay well formed.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Diagnostic } from '../../../src/engine/scenario';
import { parseScenarioUnguarded, type ParseResult } from '../../../src/engine/scenario/parser';
import { SAMPLE } from './sample';

/** What is wrong with a diagnostic list, or undefined (plain checks: `expect` per item is slow). */
function problemWith(errors: readonly Diagnostic[], lineCount: number): string | undefined {
  if (errors.length < 1 || errors.length > 51) return `${errors.length} errors`;
  let prev: Diagnostic | undefined;
  for (const e of errors) {
    if (!Number.isInteger(e.line) || e.line < 1 || e.line > lineCount + 1) return `line ${e.line} of ${lineCount}`;
    if (!Number.isInteger(e.col) || e.col < 1) return `column ${e.col}`;
    if (typeof e.message !== 'string' || e.message.length === 0 || e.message.startsWith('internal')) return `message '${e.message}'`;
    if (prev && (prev.line > e.line || (prev.line === e.line && prev.col > e.col))) return 'not sorted';
    prev = e;
  }
  return undefined;
}

/** The invariants every result must satisfy. Uses the unguarded parser so a throw fails. */
function checkWellFormed(source: string): ParseResult {
  const r = parseScenarioUnguarded(source);
  if (r.ok) {
    expect(Array.isArray(r.program.body)).toBe(true);
  } else {
    expect(problemWith(r.errors, source.split('\n').length)).toBeUndefined();
  }
  return r;
}

const SCENARIO_CHARS = [...'abcdefghijklmnopqrstuvwxyz_ABEFILNOSTUVX0123456789x #"\\{}=->\n\r\t.;', '\u00a0', '😀', '\uFEFF'];
const scenarioish = fc.string({ unit: fc.constantFrom(...SCENARIO_CHARS), maxLength: 300 });
const tokenish = fc
  .array(
    fc.constantFrom(
      'alloc', 'set', 'vm1', 'g1', 'quota=4', 'quota', '=', '==', '->', '{', '}', '"', '"s"', 'expect', 'thread', 't1',
      'schedule', 'join', 'atomic', 'repeat', '3', '0x', '12ab', '#', 'free', 'title', 'model', 'v4', 'lock=mutex',
      'used', 'ok', '-EINVAL', 'state', '\n', '\n', '\n', 'destroy', 'free_set', 'device', 'dev0', 'bind', 'note',
    ),
    { maxLength: 60 },
  )
  .map((ws) => ws.join(' '));

type Mutation =
  | { op: 'insert'; at: number; ch: string }
  | { op: 'delete'; at: number }
  | { op: 'replace'; at: number; ch: string }
  | { op: 'dropLine'; at: number }
  | { op: 'dupLine'; at: number }
  | { op: 'swapLines'; at: number; with: number }
  | { op: 'insertLine'; at: number; text: string };

const position = fc.nat({ max: 10000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: position, ch: fc.constantFrom(...SCENARIO_CHARS) }),
  fc.record({ op: fc.constant('delete' as const), at: position }),
  fc.record({ op: fc.constant('replace' as const), at: position, ch: fc.constantFrom(...SCENARIO_CHARS) }),
  fc.record({ op: fc.constant('dropLine' as const), at: position }),
  fc.record({ op: fc.constant('dupLine' as const), at: position }),
  fc.record({ op: fc.constant('swapLines' as const), at: position, with: position }),
  fc.record({ op: fc.constant('insertLine' as const), at: position, text: fc.oneof(tokenish, scenarioish) }),
);

function mutate(source: string, m: Mutation): string {
  const lines = source.split('\n');
  const li = (n: number): number => n % lines.length;
  const ci = (n: number): number => n % (source.length + 1);
  switch (m.op) {
    case 'insert':
      return source.slice(0, ci(m.at)) + m.ch + source.slice(ci(m.at));
    case 'delete':
      return source.slice(0, ci(m.at)) + source.slice(ci(m.at) + 1);
    case 'replace':
      return source.slice(0, ci(m.at)) + m.ch + source.slice(ci(m.at) + 1);
    case 'dropLine':
      lines.splice(li(m.at), 1);
      return lines.join('\n');
    case 'dupLine':
      lines.splice(li(m.at), 0, lines[li(m.at)]);
      return lines.join('\n');
    case 'swapLines': {
      const [a, b] = [li(m.at), li(m.with)];
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 'insertLine':
      lines.splice(li(m.at), 0, m.text);
      return lines.join('\n');
  }
}

describe('fuzz: the parser never throws and reports well-formed errors', () => {
  it('the sample itself parses', () => {
    expect(checkWellFormed(SAMPLE).ok).toBe(true);
  });

  it('arbitrary UTF-16 strings (lone surrogates included)', () => {
    // Code units rather than fc's 'binary' unit: as thorough here and much faster to generate.
    const utf16 = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 }).map((us) => String.fromCharCode(...us));
    fc.assert(fc.property(utf16, (s) => void checkWellFormed(s)), { seed: 42, numRuns: 300 });
  });

  it('arbitrary full-unicode strings', () => {
    const cps = fc.array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 200 }).map((cs) => String.fromCodePoint(...cs));
    fc.assert(fc.property(cps, (s) => void checkWellFormed(s)), { seed: 42, numRuns: 200 });
  });

  it('strings over the characters of the language', () => {
    fc.assert(fc.property(scenarioish, (s) => void checkWellFormed(s)), { seed: 42, numRuns: 300 });
  });

  it('sequences of the language tokens', () => {
    fc.assert(fc.property(tokenish, (s) => void checkWellFormed(s)), { seed: 42, numRuns: 300 });
  });

  it('valid scenarios mutated by inserting, deleting, replacing characters and lines', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean(), (ms, crlf) => {
        const base = crlf ? SAMPLE.replace(/\n/g, '\r\n') : SAMPLE;
        checkWellFormed(ms.reduce(mutate, base));
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('parsing is deterministic and the guarded entry agrees with the unguarded one', () => {
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 4 }), (ms) => {
        const src = ms.reduce(mutate, SAMPLE);
        expect(parseScenario(src)).toStrictEqual(parseScenarioUnguarded(src));
      }),
      { seed: 7, numRuns: 100 },
    );
  });

  it('pathological inputs: long lines, deep nesting, many lines, lone surrogates', () => {
    for (const s of [
      'a'.repeat(100000),
      `alloc ${'x'.repeat(50000)}`,
      '{\n'.repeat(5000),
      '}\n'.repeat(5000),
      'atomic {\n'.repeat(3000),
      `note "${'\\'.repeat(1001)}`,
      '\uD800 \uDC00 alloc',
      '\n'.repeat(100000),
      'expect',
      '->',
      '\r',
      '\uFEFF',
      '"',
    ]) {
      checkWellFormed(s);
    }
  });

  it('a 1 MiB scenario is parsed within the time budget', () => {
    const line = 'free 0x10   # a fairly ordinary line\n';
    const src = line.repeat(Math.floor((1024 * 1024) / line.length));
    const t0 = Date.now();
    const r = checkWellFormed(src);
    expect(r.ok && r.program.body.length).toBe(src.split('\n').length - 1);
    // Generous: the CI box is shared; locally this takes a few hundred milliseconds.
    expect(Date.now() - t0).toBeLessThan(4000);
  });
});
