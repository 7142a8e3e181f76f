// A parsed scenario flattened for execution: every block gets an index so runtime positions
// (frames) are plain numbers that checkpoints can copy, and every statement an index the
// recorder stores instead of its text.

import type { Program, Stmt } from '../scenario/ast';

export interface CompiledProgram {
  source: Program;
  /** blocks[0] is main's body. */
  blocks: Stmt[][];
  /** Block index of each block statement's body. */
  blockOf: Map<Stmt, number>;
  /** Flat statement table; a step records an index into it. */
  stmts: Stmt[];
  stmtIndex: Map<Stmt, number>;
  /** Declared threads in order, with their body blocks. */
  threads: { name: string; block: number }[];
  /** Highest source line, for the end-of-run step. */
  lastLine: number;
}

export function compileProgram(program: Program): CompiledProgram {
  const blocks: Stmt[][] = [];
  const blockOf = new Map<Stmt, number>();
  const stmts: Stmt[] = [];
  const stmtIndex = new Map<Stmt, number>();
  const threads: { name: string; block: number }[] = [];
  let lastLine = 0;
  const visit = (body: Stmt[]): number => {
    const idx = blocks.length;
    blocks.push(body);
    for (const st of body) {
      stmtIndex.set(st, stmts.length);
      stmts.push(st);
      lastLine = Math.max(lastLine, st.line);
      if ('body' in st) {
        const b = visit(st.body);
        blockOf.set(st, b);
        if (st.verb === 'thread') threads.push({ name: st.name, block: b });
      }
    }
    return idx;
  };
  visit(program.body);
  return { source: program, blocks, blockOf, stmts, stmtIndex, threads, lastLine };
}
