// Work stealing between explorer workers (src/cli/workSharing.ts), driven from one thread:
// a hungry worker's mailbox receives schedules, "all idle" ends the search, and a worker
// that has been promised work is counted busy until it has it.
import { describe, expect, it } from 'vitest';
import { WorkSharing } from '../../../src/cli/workSharing';
import type { HandedNode } from '../../../src/engine/run/explore/explorer';

const UNITS = ['main', 't1', 't2', 'rcu', 'wq'];
const node = (schedule: string[], sleep = 0, only = 0): HandedNode => ({ schedule, sleep, only });

describe('WorkSharing', () => {
  it('a busy worker hands the bottom half of its stack to a hungry one, as schedules', () => {
    const buf = WorkSharing.create(2);
    const a = new WorkSharing(buf, 0, 2, UNITS);
    const b = new WorkSharing(buf, 1, 2, UNITS);
    expect(b.wanted(1000)).toBe(0); // nobody is hungry
    // Worker 0 runs dry. It blocks in waitForWork, so mark it hungry the way it would.
    const ints = new Int32Array(buf);
    Atomics.add(ints, 1, 1); // idle
    Atomics.store(ints, 2, 1); // worker 0's hungry flag
    expect(b.wanted(1)).toBe(0); // too short a stack to share
    expect(b.wanted(3)).toBe(1);
    expect(b.wanted(10)).toBe(5);
    expect(b.wanted(1000)).toBe(256);
    expect(b.give([node(['main', 't1', 'rcu'], 0b10, 0), node(['t2'], 0, 0b100)])).toBe(2);
    expect(Atomics.load(ints, 1)).toBe(0); // worker 0 counts as busy again
    expect(b.give([node(['t1'])])).toBe(0); // nobody is hungry any more
    // Worker 0 finds its mail without waiting.
    expect(a.waitForWork(() => false)).toEqual([node(['main', 't1', 'rcu'], 0b10, 0), node(['t2'], 0, 0b100)]);
  });

  it('the last worker to run dry ends the search for everyone', () => {
    const buf = WorkSharing.create(2);
    const a = new WorkSharing(buf, 0, 2, UNITS);
    const ints = new Int32Array(buf);
    Atomics.add(ints, 1, 1); // worker 1 is already idle
    expect(a.waitForWork(() => false)).toBeUndefined();
    expect(Atomics.load(ints, 0)).toBe(1); // done
  });

  it('reset, a buffer serves another search as a fresh one would', () => {
    const buf = WorkSharing.create(2);
    const ints = new Int32Array(buf);
    const a = new WorkSharing(buf, 0, 2, UNITS);
    const b = new WorkSharing(buf, 1, 2, UNITS);
    // A search that ended with mail left unread in worker 0's box and the done flag up.
    Atomics.add(ints, 1, 1);
    Atomics.store(ints, 2, 1);
    expect(b.give([node(['t1'])])).toBe(1);
    b.end();
    WorkSharing.reset(buf, 2);
    const fresh = new Int32Array(WorkSharing.create(2));
    expect(ints.every((x, i) => x === fresh[i] || (i > 2 + 3 && i < 2 + (1 << 16)))).toBe(true); // only the old mail's body remains
    expect(b.wanted(100)).toBe(0); // nobody is hungry
    // Worker 1 is idle already: worker 0 running dry ends the new search, not reading old mail.
    Atomics.add(ints, 1, 1);
    expect(a.waitForWork(() => false)).toBeUndefined();
  });

  it('a stopped search stops waiting', () => {
    const a = new WorkSharing(WorkSharing.create(2), 0, 2, UNITS);
    expect(a.waitForWork(() => true)).toBeUndefined();
  });
});
