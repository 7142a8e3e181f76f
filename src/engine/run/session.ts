// A recorded run the player can move through (DESIGN example 6): the frontier machine runs
// and records once, taking checkpoints every K steps; seeking restores the nearest
// checkpoint into a view machine and replays silently to the exact step. Checkpoint memory
// is capped: past the cap every other checkpoint is dropped and K doubles (history itself is
// never dropped, only seeking gets slower).

import type { ModelConfig } from '../model';
import { Machine, STOP_REPLAY, type MachineSnapshot } from './machine';
import type { CompiledProgram } from './program';
import { Recorder } from './recorder';

export const DEFAULT_CHECKPOINT_BYTES = 192 * 1024 * 1024;
export const INITIAL_CHECKPOINT_INTERVAL_STEPS = 256;

export interface SessionOptions {
  maxSteps?: number;
  checkpointBytes?: number;
}

interface Checkpoint {
  steps: number;
  snap: MachineSnapshot;
  bytes: number;
}

function snapshotBytes(s: MachineSnapshot): number {
  // The typed arrays dominate; the maps are small next to them.
  return s.kernel.ids.byteLength() + Math.ceil(s.kernel.alloc.covered / 8) + 4096;
}

export class Session {
  readonly recorder = new Recorder();
  readonly frontier: Machine;
  private readonly view: Machine;
  private checkpoints: Checkpoint[] = [];
  private checkpointBytesUsed = 0;
  interval = INITIAL_CHECKPOINT_INTERVAL_STEPS;
  readonly checkpointCap: number;
  /** Position of the view machine and whether it sits on a unit boundary (resumable). */
  private viewAt = 0;
  private viewClean = true;

  constructor(public program: CompiledProgram, readonly model: ModelConfig, opts: SessionOptions = {}) {
    this.checkpointCap = opts.checkpointBytes ?? DEFAULT_CHECKPOINT_BYTES;
    this.frontier = new Machine(program, model, { maxSteps: opts.maxSteps, recorder: this.recorder });
    this.view = new Machine(program, model, { maxSteps: opts.maxSteps });
    this.addCheckpoint();
  }

  get done(): boolean {
    return this.frontier.phase === 'done';
  }

  get stepCount(): number {
    return this.recorder.stepCount;
  }

  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  get checkpointMemory(): number {
    return this.checkpointBytesUsed;
  }

  private addCheckpoint(): void {
    const snap = this.frontier.snapshot();
    const bytes = snapshotBytes(snap);
    this.checkpoints.push({ steps: this.frontier.steps, snap, bytes });
    this.checkpointBytesUsed += bytes;
    while (this.checkpointBytesUsed > this.checkpointCap && this.checkpoints.length > 2) {
      // Keep the first (start of run) and every other one after it.
      const kept = this.checkpoints.filter((_, i) => i === 0 || i % 2 === 0);
      this.checkpoints = kept;
      this.checkpointBytesUsed = kept.reduce((n, c) => n + c.bytes, 0);
      this.interval *= 2;
    }
  }

  /** Runs the frontier for up to `budgetMs`; returns true when the run is complete. */
  advance(budgetMs = Infinity): boolean {
    const t0 = performance.now();
    let last = this.checkpoints[this.checkpoints.length - 1].steps;
    let n = 0;
    while (this.frontier.step()) {
      if (this.frontier.steps - last >= this.interval) {
        this.addCheckpoint();
        last = this.frontier.steps;
      }
      if ((++n & 255) === 0 && performance.now() - t0 > budgetMs) return false;
    }
    return true;
  }

  /** The machine positioned exactly after `n` steps (0 = before the first). */
  at(n: number): Machine {
    const target = Math.max(0, Math.min(Math.floor(n), this.stepCount));
    if (target === this.viewAt) return this.view;
    let best = this.checkpoints[0];
    for (const c of this.checkpoints) if (c.steps <= target && c.steps >= best.steps) best = c;
    const resumable = this.viewClean && this.viewAt <= target && this.viewAt >= best.steps;
    if (!resumable) {
      this.view.restore(best.snap);
      this.viewAt = best.steps;
      this.viewClean = true;
    }
    this.view.stopAt = target;
    try {
      while (this.view.steps < target && this.view.step()) {
        /* replay silently */
      }
      this.viewClean = true;
    } catch (e) {
      if (e !== STOP_REPLAY) throw e;
      this.viewClean = false;
    }
    this.view.stopAt = undefined;
    this.viewAt = target;
    return this.view;
  }
}
