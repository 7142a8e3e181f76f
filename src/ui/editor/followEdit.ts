// Line breakpoints follow their lines through an edit in the editor: lines inserted or
// removed above move them, a line removed takes its breakpoint with it, and none is left
// past the end. (They stayed on fixed line numbers, pointing at other statements.)

/**
 * The breakpoint lines (1-based) after `before` became `after`. The edit is what lies
 * between the longest common run of leading lines and of trailing lines; inside it a
 * breakpoint keeps its line while the edited part still has that many lines.
 */
export function followEdit(before: string, after: string, lines: readonly number[]): number[] {
  if (lines.length === 0 || before === after) return [...lines];
  const a = before.split('\n');
  const b = after.split('\n');
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const editedAfter = b.length - prefix - suffix;
  const out: number[] = [];
  for (const line of lines) {
    const i = line - 1;
    if (i < prefix) out.push(line);
    else if (i >= a.length - suffix) out.push(line + b.length - a.length);
    else if (i - prefix < editedAfter) out.push(line);
    // else: its line was removed
  }
  return out.filter((l) => l >= 1 && l <= b.length);
}
