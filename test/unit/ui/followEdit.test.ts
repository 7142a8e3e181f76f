// Line breakpoints follow their lines through edits in the editor.
import { describe, expect, it } from 'vitest';
import { followEdit } from '../../../src/ui/editor/followEdit';

const text = (...lines: string[]) => lines.join('\n');
const ABC = text('alloc vm1 -> a', 'bind dev0 a', 'free a', 'quiesce');

describe('followEdit', () => {
  it('lines inserted above move a breakpoint down with its statement', () => {
    expect(followEdit(ABC, text('# one', '# two', '# three', ...ABC.split('\n')), [2, 4])).toEqual([5, 7]);
    // Enter at the start of the breakpoint's own line: the statement moves down, and so does it.
    expect(followEdit(ABC, text('alloc vm1 -> a', '', 'bind dev0 a', 'free a', 'quiesce'), [2])).toEqual([3]);
  });

  it('a removed line takes its breakpoint, and the lines below move up', () => {
    expect(followEdit(ABC, text('alloc vm1 -> a', 'free a', 'quiesce'), [2, 3, 4])).toEqual([2, 3]);
  });

  it('typing on a line, or splitting it, keeps the breakpoint on it; lines below follow', () => {
    expect(followEdit(ABC, text('alloc vm1 -> a', 'bind dev0 a # x', 'free a', 'quiesce'), [2, 3])).toEqual([2, 3]);
    expect(followEdit(ABC, text('alloc vm1 -> a', 'bind dev0', ' a', 'free a', 'quiesce'), [2, 3])).toEqual([2, 4]);
  });

  it('drops breakpoints past the end of the text', () => {
    expect(followEdit(ABC, text('alloc vm1 -> a'), [1, 3, 40])).toEqual([1]);
  });

  it('leaves them alone when nothing changed, and does no work without any', () => {
    expect(followEdit(ABC, ABC, [2])).toEqual([2]);
    expect(followEdit(ABC, 'x', [])).toEqual([]);
  });
});
