// Work stealing between the explorer's worker threads, through shared memory: a search is
// synchronous, so a busy worker cannot read messages, but it can look at a flag. A worker
// whose stack ran dry says it is hungry and blocks; a busy one, between expansions, sees the
// flag and writes part of its stack into the hungry worker's mailbox as schedules. When every
// worker is hungry at once there is no work left anywhere, and the search is over.
//
// Layout (Int32Array): [done, idle, then per worker: hungry, mail, count, ...nodes] with a
// node as [sleep, only, length, unit indices (explorer's unitNames)...].

import type { HandedNode } from '../engine/run/explore/explorer';

const DONE = 0;
const IDLE = 1;
const HEADER = 2;
const HUNGRY = 0;
const MAIL = 1;
const COUNT = 2;
const BOX_HEADER = 3;
/** Ints per mailbox: room for a few thousand schedules. */
const BOX_INTS = 1 << 16;
/**
 * The explorer searches depth-first, so its stack is short (depth x branching) and its
 * bottom holds the shallowest states, each the root of a large subtree with a short
 * schedule to replay: a stack of two states is worth sharing (one of them), which is also
 * how a search on several workers gets going (worker 0 starts alone).
 */
const MIN_STACK_TO_GIVE = 2;
const MAX_GIVE = 256;
/** How long a hungry worker sleeps between looks at the done flag (it is also woken). */
const WAIT_MS = 20;

export class WorkSharing {
  private readonly ints: Int32Array;

  static create(workers: number): SharedArrayBuffer {
    return new SharedArrayBuffer((HEADER + workers * BOX_INTS) * 4);
  }

  /** Makes a buffer from create() ready for another search (nobody may be using it). */
  static reset(buffer: SharedArrayBuffer, workers: number): void {
    const ints = new Int32Array(buffer);
    ints.fill(0, 0, HEADER);
    for (let w = 0; w < workers; w++) ints.fill(0, HEADER + w * BOX_INTS, HEADER + w * BOX_INTS + BOX_HEADER);
  }

  /** `choices`: the program's unitNames, the same in every worker. */
  constructor(buffer: SharedArrayBuffer, private readonly me: number, private readonly workers: number, private readonly choices: string[]) {
    this.ints = new Int32Array(buffer);
  }

  private box(w: number): number {
    return HEADER + w * BOX_INTS;
  }

  /** How many states to give a hungry worker now (0: nobody is hungry, or too few stacked). */
  wanted(stacked: number): number {
    if (stacked < MIN_STACK_TO_GIVE) return 0;
    for (let w = 0; w < this.workers; w++) {
      if (w !== this.me && Atomics.load(this.ints, this.box(w) + HUNGRY) === 1) return Math.min(MAX_GIVE, Math.floor(stacked / 2));
    }
    return 0;
  }

  /** Writes a leading part of `nodes` into a hungry worker's mailbox; returns how many. */
  give(nodes: HandedNode[]): number {
    for (let w = 0; w < this.workers; w++) {
      const box = this.box(w);
      if (w === this.me || Atomics.compareExchange(this.ints, box + HUNGRY, 1, 0) !== 1) continue;
      // The recipient counts as busy before it has work, so "all idle" cannot be seen between.
      Atomics.sub(this.ints, IDLE, 1);
      let at = box + BOX_HEADER;
      let count = 0;
      for (const n of nodes) {
        if (at + 3 + n.schedule.length > box + BOX_INTS) break;
        this.ints[at++] = n.sleep;
        this.ints[at++] = n.only;
        this.ints[at++] = n.schedule.length;
        for (const c of n.schedule) this.ints[at++] = this.choices.indexOf(c);
        count++;
      }
      this.ints[box + COUNT] = count;
      Atomics.store(this.ints, box + MAIL, 1);
      Atomics.notify(this.ints, box + MAIL);
      return count;
    }
    return 0;
  }

  /**
   * This worker's stack ran dry: waits for states from another worker (returned) or for
   * every worker to be idle (undefined: the search is over). `stopped`: give up waiting.
   */
  waitForWork(stopped: () => boolean): HandedNode[] | undefined {
    const box = this.box(this.me);
    if (Atomics.add(this.ints, IDLE, 1) + 1 === this.workers) return this.end();
    Atomics.store(this.ints, box + HUNGRY, 1);
    for (;;) {
      Atomics.wait(this.ints, box + MAIL, 0, WAIT_MS);
      if (Atomics.load(this.ints, box + MAIL) === 1) {
        Atomics.store(this.ints, box + MAIL, 0);
        return this.read(box);
      }
      if (Atomics.load(this.ints, DONE) === 1) return undefined;
      if (stopped()) {
        // Leave as if the work had been taken: nobody may wait for this worker.
        if (Atomics.compareExchange(this.ints, box + HUNGRY, 1, 0) === 1) return this.end();
      }
      if (Atomics.load(this.ints, IDLE) === this.workers) return this.end();
    }
  }

  /** The search is over for everyone (no work anywhere, the budget ran out, or it was stopped). */
  end(): undefined {
    Atomics.store(this.ints, DONE, 1);
    for (let w = 0; w < this.workers; w++) Atomics.notify(this.ints, this.box(w) + MAIL);
    return undefined;
  }

  private read(box: number): HandedNode[] {
    const out: HandedNode[] = [];
    let at = box + BOX_HEADER;
    for (let i = 0; i < this.ints[box + COUNT]; i++) {
      const sleep = this.ints[at++];
      const only = this.ints[at++];
      const len = this.ints[at++];
      const schedule: string[] = [];
      for (let j = 0; j < len; j++) schedule.push(this.choices[this.ints[at++]]);
      out.push({ schedule, sleep, only });
    }
    return out;
  }
}
