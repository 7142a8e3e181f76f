// The replay text transform: the schedule line goes first after the header (title, model,
// comments), every other schedule statement goes, comments and the rest stay.
import { describe, expect, it } from 'vitest';
import { insertScheduleLine, moveLines, movedBack, withoutScheduleLines } from '../../../src/ui/explore/scheduleText';

describe('insertScheduleLine', () => {
  it('puts the line after the header and removes the old schedule line, keeping comments', () => {
    const text = ['title "t"', 'model cyclic alloc=lowest', '# why this scenario', '#', '', 'set vm1 quota=8', '# a schedule comment stays', 'schedule vm1 vm2 wq', 'thread vm1 {', '  alloc vm1 -> g1', '}', 'join'].join('\n');
    const out = insertScheduleLine(text, ['vm1', 'wq', 'vm2']).text;
    expect(out.split('\n')).toEqual(['title "t"', 'model cyclic alloc=lowest', '# why this scenario', '#', 'schedule vm1 wq vm2', '', 'set vm1 quota=8', '# a schedule comment stays', 'thread vm1 {', '  alloc vm1 -> g1', '}', 'join']);
  });

  it('removes every schedule statement, indented ones too, and keeps notes that mention schedules', () => {
    const text = 'title "t"\nschedule a\nnote "the schedule matters"\n  schedule b b\nthread a {\n  alloc s -> x\n}\n';
    const out = insertScheduleLine(text, ['a']).text;
    expect(out).toBe('title "t"\nschedule a\nnote "the schedule matters"\nthread a {\n  alloc s -> x\n}\n');
  });

  it('puts the line first when there is no header, and keeps CRLF line ends', () => {
    expect(insertScheduleLine('set vm1 quota=1\r\nalloc vm1 -> g\r\n', ['main']).text).toBe('schedule main\r\nset vm1 quota=1\r\nalloc vm1 -> g\r\n');
  });

  it('does not treat a word starting with "schedule" as the statement', () => {
    expect(insertScheduleLine('title "x"\nscheduled_thing\n', ['t']).text).toBe('title "x"\nschedule t\nscheduled_thing\n');
  });

  it('is idempotent per schedule: a second replay replaces the first line', () => {
    const once = insertScheduleLine('title "x"\nmodel v1\nalloc s -> g\n', ['a', 'b']).text;
    expect(insertScheduleLine(once, ['c']).text).toBe('title "x"\nmodel v1\nschedule c\nalloc s -> g\n');
  });
});

describe('insertScheduleLine: where the lines went', () => {
  const text = ['title "t"', 'set vm1 quota=8', 'schedule t1 t1', 'thread t1 {', '  alloc vm1 -> g', '}', 'join'].join('\n');

  it('moves the lines below the inserted line down and drops the old schedule line', () => {
    const edit = insertScheduleLine(text, ['t1']);
    expect(edit.text.split('\n')).toEqual(['title "t"', 'schedule t1', 'set vm1 quota=8', 'thread t1 {', '  alloc vm1 -> g', '}', 'join']);
    expect(edit.inserted).toBe(2);
    expect(edit.removed).toBe(true);
    // title stays; set 2 -> 3; the old schedule line 3 goes; thread 4 -> 4; alloc 5 -> 5.
    expect(moveLines([1, 2, 3, 5], edit.moved)).toEqual([1, 3, 5]);
    // Undone: each moved line goes back where it was.
    expect(moveLines([1, 3, 5], movedBack(edit))).toEqual([1, 2, 5]);
  });

  it('inserts nothing for the empty schedule (the default one reaches the violation)', () => {
    const edit = insertScheduleLine(text, []);
    expect(edit.text).toBe(withoutScheduleLines(text));
    expect(edit.inserted).toBeUndefined();
    expect(moveLines([2, 4, 7], edit.moved)).toEqual([2, 3, 6]);
    const plain = 'title "t"\nalloc s -> g\n';
    expect(insertScheduleLine(plain, []).text).toBe(plain);
    expect(insertScheduleLine(plain, []).removed).toBe(false);
    expect(insertScheduleLine(plain, ['t1']).removed).toBe(false);
  });
});

describe('withoutScheduleLines', () => {
  it('drops schedule statements only, keeping every other byte', () => {
    expect(withoutScheduleLines('title "x"\r\nschedule a b\r\n# schedule note\r\n  schedule c\nalloc s -> g')).toBe('title "x"\r\n# schedule note\r\nalloc s -> g');
  });
});
