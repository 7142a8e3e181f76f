// The line loop of the scenario parser: one statement per line, block structure ({ … }),
// header placement, `-> NAME`, then name resolution; every error is collected, none thrown.

import type { Program, Stmt } from './ast';
import { type LineContext } from './args';
import { DiagnosticSink, finishDiagnostics, type Diagnostic } from './diagnostics';
import { parseExpectation } from './expect';
import { parseModel, parseTitle } from './header';
import { lexLine, type Token } from './lexer';
import { resolveNames } from './resolve';
import { buildStatement } from './statement';
import { didYouMean } from './suggest';
import { KNOWN_VERBS, MAX_BLOCK_DEPTH, MAX_THREADS, SCHEDULE_BUILTINS, schemaOf } from './verbs';

export type ParseResult = { ok: true; program: Program } | { ok: false; errors: Diagnostic[] };

/** Larger input is refused with one error at 1:1 before any work. */
export const MAX_SCENARIO_CHARS = 4 * 1024 * 1024;

interface Frame {
  verb: string;
  line: number;
  col: number;
  body: Stmt[];
}

/** The syntax pass: the program, plus names written on lines that failed (see resolve.ts). */
export interface SyntaxResult {
  program: Program;
  /**
   * Names a failed line may have declared, with that line: uses from there on are not
   * reported as unknown, so one mistake gives one message.
   */
  lenient: Map<string, number>;
  /** The pass stopped before the end after too many errors. */
  stopped: boolean;
}

function quoteWord(t: Token): string {
  return t.text.length > 40 ? `'${t.text.slice(0, 37)}...'` : `'${t.text}'`;
}

/** Splits off a trailing `-> NAME`; reports it where it is not allowed or malformed. */
function trailingBind(
  verb: string,
  bindable: boolean,
  inner: Token[],
  ctx: LineContext,
): { args: Token[]; bind: Stmt['bind'] } {
  const at = inner.findIndex((t) => t.kind === 'arrow');
  if (at < 0) return { args: inner, bind: undefined };
  const arrow = inner[at];
  const target = inner[at + 1];
  const args = inner.slice(0, at);
  if (!bindable) ctx.error(arrow.col, `'-> NAME' is not allowed on '${verb}'`);
  else if (target === undefined) ctx.error(arrow.col, "expected a name after '->'");
  else if (target.kind !== 'name') ctx.error(target.col, `expected a name after '->', got ${quoteWord(target)}`);
  else if (inner[at + 2] !== undefined) ctx.error(inner[at + 2].col, "'-> NAME' must end the statement");
  else return { args, bind: { name: target.text, loc: { line: ctx.line, col: target.col } } };
  return { args, bind: undefined };
}

export function parseSyntax(source: string, sink: DiagnosticSink): SyntaxResult {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const lines = text.split('\n');
  const program: Program = { body: [], threads: [] };
  const threadLines = new Map<string, number>();
  const lenient = new Map<string, number>();
  const frames: Frame[] = [];
  let seenStatement = false;
  let stopped = false;

  for (let index = 0; index < lines.length; index++) {
    if (sink.full) {
      stopped = true;
      break;
    }
    const raw = lines[index];
    const lineText = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const lineNo = index + 1;
    const lexed = lexLine(lineText);
    let failed = false;
    const ctx: LineContext = {
      line: lineNo,
      error: (col, message) => {
        failed = true;
        sink.add(lineNo, col, message);
      },
    };
    for (const e of lexed.errors) ctx.error(e.col, e.message);
    const tokens = lexed.tokens;
    if (tokens.length === 0) continue;
    const first = tokens[0];
    const last = tokens[tokens.length - 1];
    const body = frames.length > 0 ? frames[frames.length - 1].body : program.body;

    if (first.kind === 'rbrace') {
      if (tokens.length > 1) ctx.error(tokens[1].col, "'}' must stand alone on its line");
      if (frames.length === 0) ctx.error(first.col, "'}' without a block to close");
      else frames.pop();
      continue;
    }

    const opens = last.kind === 'lbrace' && tokens.length > 1;
    const inner = tokens.slice(1, opens ? -1 : undefined);
    let misplacedBrace = false;
    for (const t of inner) {
      if (t.kind === 'lbrace') ctx.error(t.col, "'{' in the middle of a line: a block opener ends its line with '{'");
      if (t.kind === 'rbrace') ctx.error(t.col, "'}' must stand alone on its line");
      misplacedBrace ||= t.kind === 'lbrace' || t.kind === 'rbrace';
    }
    if (first.kind === 'lbrace') {
      ctx.error(first.col, "'{' must end the line of a block opener such as 'atomic {'");
      misplacedBrace = true;
    }
    // `atomic { free g1` still opens a block, so its `}` further down matches it.
    const opensAnyway = opens || tokens.some((t) => t.kind === 'lbrace');
    const frameFor = (real: Stmt[] | undefined): void => {
      if (!opensAnyway) return;
      // Once per too-deep chain: the blocks inside it are as deep or deeper, and would each say so.
      if (frames.length === MAX_BLOCK_DEPTH) ctx.error(first.col, `blocks nested deeper than ${MAX_BLOCK_DEPTH} levels`);
      frames.push({ verb: first.text, line: lineNo, col: first.col, body: real ?? [] });
    };
    const mayDeclare = (name: string): void => {
      if (!lenient.has(name)) lenient.set(name, lineNo);
    };
    // What a failed line may have declared: its `-> NAME`, the NAME of a declaring verb, or,
    // when the verb itself is unrecognisable, any name on it.
    const spoil = (): void => {
      const verbSchema = first.kind === 'name' ? schemaOf(first.text) : undefined;
      const arrow = tokens.findIndex((t) => t.kind === 'arrow');
      if (arrow >= 0 && tokens[arrow + 1]?.kind === 'name') mayDeclare(tokens[arrow + 1].text);
      if (verbSchema === undefined) {
        for (const t of tokens) if (t.kind === 'name') mayDeclare(t.text);
      } else if (verbSchema.args[0]?.declares && tokens[1]?.kind === 'name') {
        mayDeclare(tokens[1].text);
      } else if (first.text === 'system_set') {
        mayDeclare('system');
      }
    };

    const schema = first.kind === 'name' ? schemaOf(first.text) : undefined;
    if (lexed.errors.length > 0 || misplacedBrace) {
      // The tokens of a line with a bad number, string or brace are not worth a second message.
      if (first.text !== 'title' && first.text !== 'model') seenStatement = true;
      spoil();
      frameFor(undefined);
      continue;
    }
    if (schema === undefined) {
      if (first.kind === 'name') ctx.error(first.col, `unknown verb ${quoteWord(first)}${didYouMean(first.text, KNOWN_VERBS)}`);
      else ctx.error(first.col, `expected a verb at the start of the line, got ${quoteWord(first)}`);
      seenStatement = true;
      spoil();
      frameFor(undefined);
      continue;
    }
    const verb = first.text;

    if (verb === 'title' || verb === 'model') {
      if (seenStatement || frames.length > 0) {
        ctx.error(first.col, `header statement '${verb}' must come before the first statement`);
      } else if (verb === 'title' && program.title !== undefined) {
        ctx.error(first.col, "duplicate header statement 'title'");
      } else if (verb === 'model' && program.model !== undefined) {
        ctx.error(first.col, "duplicate header statement 'model'");
      } else if (!failed) {
        const arrow = inner.findIndex((t) => t.kind === 'arrow');
        if (arrow >= 0) ctx.error(inner[arrow].col, `'-> NAME' is not allowed on '${verb}'`);
        else if (verb === 'title') program.title = parseTitle(first, inner, ctx);
        else program.model = parseModel(first, inner, ctx);
      }
      if (opens) ctx.error(last.col, `'${verb}' does not open a block`);
      frameFor(undefined);
      continue;
    }
    seenStatement = true;

    const { args, bind } = trailingBind(verb, schema.bindable, inner, ctx);

    if (schema.block && !opens) ctx.error(first.col, `'${verb}' opens a block: end its line with '{'`);
    if (!schema.block && opens) ctx.error(last.col, `'${verb}' does not open a block`);
    if (schema.placement === 'top' && frames.length > 0) {
      ctx.error(first.col, `'${verb}' is only allowed at the top level, not inside '${frames[frames.length - 1].verb}'`);
    }
    if (schema.placement === 'main-top' && frames.length > 0) {
      ctx.error(first.col, `'${verb}' is only allowed at the top level of main`);
    }

    let stmt: Stmt | undefined;
    if (verb === 'expect') {
      const e = parseExpectation(first, args, ctx);
      if (e) stmt = { verb, expectation: e.expectation, line: lineNo, col: first.col, text: lexed.text, source: lexed.text, argLocs: e.argLocs };
    } else {
      const s = buildStatement(first, schema, args, ctx);
      if (s) {
        // Filled in place: spreading bodies of a dozen shapes is slow on a 4 MiB file.
        const st = s.body as Stmt;
        st.line = lineNo;
        st.col = first.col;
        // A note's caption is its `text` (the contract names both fields so); `source` keeps the line.
        if (st.verb !== 'note') st.text = lexed.text;
        st.source = lexed.text;
        st.argLocs = s.argLocs;
        stmt = st;
      }
    }

    if (stmt?.verb === 'thread') {
      const nameCol = stmt.argLocs?.name?.col ?? first.col;
      const earlier = threadLines.get(stmt.name);
      if ((SCHEDULE_BUILTINS as readonly string[]).includes(stmt.name)) {
        ctx.error(nameCol, `'${stmt.name}' is a reserved name: a thread cannot be called ${SCHEDULE_BUILTINS.join(', ')}`);
      } else if (earlier !== undefined) {
        ctx.error(nameCol, `duplicate thread '${stmt.name}' (first declared at line ${earlier})`);
      } else if (frames.length === 0 && program.threads.length >= MAX_THREADS) {
        ctx.error(nameCol, `too many threads: a scenario may declare at most ${MAX_THREADS}; '${stmt.name}' is one too many`);
      } else if (frames.length === 0) {
        threadLines.set(stmt.name, lineNo);
        program.threads.push(stmt.name);
      }
    }

    if (failed || stmt === undefined) {
      spoil();
      frameFor(undefined);
      continue;
    }
    if (bind) stmt.bind = bind;
    body.push(stmt);
    frameFor('body' in stmt ? stmt.body : undefined);
  }

  if (!stopped) {
    for (const f of frames) sink.add(f.line, f.col, 'block opened here is never closed');
  }
  return { program, lenient, stopped };
}

/** The whole front end; may only throw on a bug (parseScenario guards it). */
export function parseScenarioUnguarded(source: string): ParseResult {
  if (source.length > MAX_SCENARIO_CHARS) {
    return {
      ok: false,
      errors: [{ line: 1, col: 1, message: `scenario is too large: ${source.length} characters (the limit is ${MAX_SCENARIO_CHARS})` }],
    };
  }
  const syntax = new DiagnosticSink();
  const { program, lenient } = parseSyntax(source, syntax);
  const names = new DiagnosticSink();
  resolveNames(program, lenient, names);
  const all = [...syntax.items, ...names.items];
  if (all.length > 0) return { ok: false, errors: finishDiagnostics(all) };
  return { ok: true, program };
}

export function parseScenario(source: string): ParseResult {
  try {
    return parseScenarioUnguarded(typeof source === 'string' ? source : String(source));
  } catch (e) {
    // Never throw to the editor or the CLI: a parser bug becomes one diagnostic.
    return { ok: false, errors: [{ line: 1, col: 1, message: `internal parser error: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}
