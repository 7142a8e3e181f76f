// Lines, comments, strings and numbers: CRLF, BOM, escapes, hex, ranges, and UTF-16 columns.

import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/engine/scenario';
import { lexLine } from '../../../src/engine/scenario/lexer';
import { errorsOf, lastStmt, parseOk } from './helpers';

describe('lines and comments', () => {
  it('comments, blank lines and indentation are ignored; text excludes the comment', () => {
    const p = parseOk('# header comment\n\n\t  capacity 16   # sixteen\n   \n# end');
    expect(p.body).toHaveLength(1);
    expect(p.body[0]).toMatchObject({ verb: 'capacity', n: 16, line: 3, col: 4, text: 'capacity 16' });
  });

  it('CRLF line endings and a leading BOM give the same program as LF', () => {
    const lf = 'title "t"\nset vm1 quota=2\nalloc vm1 -> g1\nexpect ok\n';
    const crlf = `\uFEFF${lf.replace(/\n/g, '\r\n')}`;
    expect(parseOk(crlf)).toStrictEqual(parseOk(lf));
  });

  it('errors on a CRLF file keep LF columns', () => {
    expect(errorsOf('set vm1 quota=2\r\nalloc vm2\r\n')).toEqual(["2:7: unknown set 'vm2'; did you mean 'vm1'?"]);
  });

  it('# inside a string is not a comment', () => {
    const p = parseOk('note "a # b" # c');
    expect(p.body[0]).toMatchObject({ verb: 'note', text: 'a # b', source: 'note "a # b"' });
  });

  it('source holds the trimmed text without comment for every statement', () => {
    const p = parseOk('  capacity 8 # eight\natomic {  # opener\n}');
    expect(p.body.map((s) => s.source)).toEqual(['capacity 8', 'atomic {']);
  });

  it('a key=value line with tabs between arguments', () => {
    expect(lastStmt('set\tvm1\tquota=2')).toMatchObject({ verb: 'set', name: 'vm1', quota: 2 });
  });
});

describe('strings', () => {
  it('escapes \\" and \\\\', () => {
    const p = parseOk('note "say \\"hi\\" C:\\\\dir"');
    expect(p.body[0]).toMatchObject({ verb: 'note', text: 'say "hi" C:\\dir', source: 'note "say \\"hi\\" C:\\\\dir"' });
    expect(lexLine('note "say \\"hi\\" C:\\\\dir"').tokens[1].str).toBe('say "hi" C:\\dir');
  });

  it('an empty string and non-ASCII content', () => {
    expect(lexLine('note ""').tokens[1].str).toBe('');
    expect(lexLine('note "PASID → ID 😀"').tokens[1].str).toBe('PASID → ID 😀');
  });

  it('an unterminated string is an error at its opening quote', () => {
    expect(errorsOf('note "never closed')).toEqual(['1:6: unterminated string']);
    expect(errorsOf('note "ends in backslash\\"')).toEqual(['1:6: unterminated string']);
  });

  it('an unknown escape is an error at the backslash', () => {
    expect(errorsOf('note "a\\nb"')).toEqual(['1:8: unknown escape \'\\n\' in string (only \\" and \\\\ are allowed)']);
  });
});

describe('numbers', () => {
  it('decimal and 0x hex up to 0xFFFFFFFF', () => {
    expect(lastStmt('capacity 0')).toMatchObject({ n: 0 });
    expect(lastStmt('capacity 007')).toMatchObject({ n: 7 });
    expect(lastStmt('capacity 0xfffff')).toMatchObject({ n: 0xfffff });
    expect(lastStmt('capacity 4294967295')).toMatchObject({ n: 0xffffffff });
    expect(lastStmt('capacity 0xFFFFFFFF')).toMatchObject({ n: 0xffffffff });
  });

  it('out of range and malformed numbers are errors at their column', () => {
    expect(errorsOf('capacity 4294967296')).toEqual(["1:10: number out of range: '4294967296' (the largest is 0xFFFFFFFF)"]);
    expect(errorsOf('capacity 0x100000000')).toEqual(["1:10: number out of range: '0x100000000' (the largest is 0xFFFFFFFF)"]);
    expect(errorsOf('capacity 99999999999999999999999')).toEqual([
      "1:10: number out of range: '99999999999999999999999' (the largest is 0xFFFFFFFF)",
    ]);
    expect(errorsOf('capacity 12ab')).toEqual(["1:10: malformed number '12ab'"]);
    expect(errorsOf('capacity 0x')).toEqual(["1:10: malformed number '0x'"]);
    expect(errorsOf('capacity 0X10')).toEqual(["1:10: malformed number '0X10' (hex is written with a lowercase 0x)"]);
    expect(errorsOf('set s quota=1\nalloc s min=0xg')).toEqual(["2:13: malformed number '0xg'"]);
    expect(errorsOf('capacity -5')).toEqual(["1:10: negative number '-5' is not allowed (write an errno by name, e.g. -EINVAL)"]);
  });

  it('runtime ranges are not parse errors', () => {
    expect(lastStmt('capacity 0x200000')).toMatchObject({ n: 0x200000 });
    expect(lastStmt('set s quota=0')).toMatchObject({ quota: 0 });
    expect(lastStmt('repeat 0 {\n}')).toMatchObject({ count: 0 });
  });
});

describe('characters and columns', () => {
  it('an unexpected character is reported with its code point', () => {
    expect(errorsOf('capacity 5 ;')).toEqual(["1:12: unexpected character ';' (U+003B)"]);
    expect(errorsOf('capacity\u00a05')).toEqual(['1:9: unexpected character U+00A0']);
    expect(errorsOf('capacity 5\u200b')).toEqual(['1:11: unexpected character U+200B']);
    expect(errorsOf('capacity\u00005')).toEqual(['1:9: unexpected character U+0000']);
  });

  it('columns count UTF-16 code units', () => {
    // The emoji takes two code units, so `vm9` starts at column 11, not 10.
    expect(errorsOf('note "😀"\nnote "😀" vm9')).toEqual([
      "2:11: too many arguments for 'note': unexpected 'vm9' (usage: note \"TEXT\")",
    ]);
    expect(errorsOf('note "😀"😀')).toEqual(["1:10: unexpected character '😀' (U+1F600)"]);
  });

  it('`vm1->g1` splits at the arrow; hyphenated words stay whole', () => {
    expect(lexLine('alloc vm1->g1').tokens.map((t) => [t.kind, t.text])).toEqual([
      ['name', 'alloc'], ['name', 'vm1'], ['arrow', '->'], ['name', 'g1'],
    ]);
    expect(lexLine('expect violation sleep-in-atomic').tokens[2]).toMatchObject({ kind: 'word', text: 'sleep-in-atomic', col: 18, end: 33 });
    expect(lexLine('expect -EINVAL').tokens[1]).toMatchObject({ kind: 'errno', text: '-EINVAL' });
  });

  it('a lone CR inside a line is whitespace, not a line break', () => {
    const r = parseScenario('capacity\r5\nquiesce');
    expect(r.ok && r.program.body.map((s) => s.line)).toEqual([1, 2]);
  });
});
