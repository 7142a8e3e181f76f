// Token classes for the editor's highlighted overlay. A forgiving regex scan (not the parser):
// it must colour half-typed lines too, and never throw.

import { KNOWN_VERBS } from '../../engine/scenario';

export type TokenClass = 'verb' | 'key' | 'number' | 'string' | 'comment' | 'errno' | 'name' | 'op' | 'space' | 'other';

export interface HlToken {
  cls: TokenClass;
  text: string;
}

const VERBS = new Set<string>([...KNOWN_VERBS, 'title', 'model', 'note', 'expect']);
const SCAN = /(\s+)|(#.*$)|("(?:[^"\\]|\\.)*"?)|(-E[A-Z0-9]+\b|INVALID_IOASID\b)|(0x[0-9a-fA-F]+\b|\d+\b)|([A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*)|(->|==|=|\{|\})|(.)/gy;

export function highlightLine(line: string): HlToken[] {
  const out: HlToken[] = [];
  let first = true;
  SCAN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (SCAN.lastIndex < line.length && (m = SCAN.exec(line))) {
    const text = m[0];
    let cls: TokenClass;
    if (m[1]) cls = 'space';
    else if (m[2]) cls = 'comment';
    else if (m[3]) cls = 'string';
    else if (m[4]) cls = 'errno';
    else if (m[5]) cls = 'number';
    else if (m[6]) {
      const next = line[SCAN.lastIndex];
      cls = first && VERBS.has(text) ? 'verb' : next === '=' && line[SCAN.lastIndex + 1] !== '=' ? 'key' : 'name';
    } else if (m[7]) cls = 'op';
    else cls = 'other';
    if (cls !== 'space' && cls !== 'comment') first = false;
    const last = out[out.length - 1];
    if (last && last.cls === cls && cls === 'other') last.text += text;
    else out.push({ cls, text });
  }
  return out;
}
