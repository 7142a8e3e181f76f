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
/**
 * A backward move at most this long (a step back, a short scrub) keeps a snapshot of every
 * unit boundary it replays through, back to the checkpoint, so the next steps back are O(1);
 * a longer jump keeps none (a random seek would only make garbage).
 */
export const DENSE_WINDOW_STEPS = 64;

export interface SessionOptions {
  maxSteps?: number;
  checkpointBytes?: number;
}

interface Checkpoint {
  steps: number;
  snap: MachineSnapshot;
  bytes: number;
}

/** A rough but conservative size: typed arrays exactly, ~200 bytes per map entry. */
const ENTRY_BYTES = 200;

function snapshotBytes(s: MachineSnapshot): number {
  const k = s.kernel.view;
  const entries =
    k.sets.bySid.size + k.subs.size + k.hold.iommu.size + k.hold.kvm.size + k.hold.vdcm.size + k.hold.mms.size +
    k.bindings.size + k.reported.size + k.deferred.pending + k.lockdep.locks.size +
    k.vtd.deviceCount + k.vtd.devices().reduce((n, d) => n + d.table.presentCount, 0);
  return k.ids.byteLength() + Math.ceil(k.alloc.covered / 8) + entries * ENTRY_BYTES + 4096;
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
  /** Snapshots of every unit boundary in the window just behind the last backward seek. */
  private dense = new Map<number, MachineSnapshot>();

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

  /** Positions held as snapshots for cheap steps back (0 after a long jump). */
  get stepBackSnapshots(): number {
    return this.dense.size;
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

  /** Largest checkpoint at or before `target` (binary search; checkpoints ascend). */
  private checkpointAtOrBefore(target: number): Checkpoint {
    let lo = 0;
    let hi = this.checkpoints.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.checkpoints[mid].steps <= target) lo = mid;
      else hi = mid - 1;
    }
    return this.checkpoints[lo];
  }

  /** The machine positioned exactly after `n` steps (0 = before the first). */
  at(n: number): Machine {
    const target = Math.max(0, Math.min(Math.floor(n), this.stepCount));
    if (target === this.viewAt) return this.view;
    const backward = target < this.viewAt;
    // A short move back (a step back, a short scrub): see denseFrom below.
    const stepBack = backward && this.viewAt - target <= DENSE_WINDOW_STEPS;
    const cached = this.dense.get(target);
    if (cached) {
      // Each dense snapshot serves one step back: handed over, not copied.
      this.dense.delete(target);
      this.view.adopt(cached);
      this.viewAt = target;
      this.viewClean = true;
      return this.view;
    }
    const best = this.checkpointAtOrBefore(target);
    const resumable = this.viewClean && this.viewAt <= target && this.viewAt >= best.steps;
    if (!resumable) {
      this.view.restore(best.snap);
      this.viewAt = best.steps;
      this.viewClean = true;
    }
    // A short move back: remember every unit boundary between the checkpoint and the target
    // (the replay passes them anyway; copy-on-write snapshots cost what the next step changes).
    const denseFrom = stepBack ? best.steps : Infinity;
    if (backward) this.dense.clear();
    this.view.stopAt = target;
    try {
      while (this.view.steps < target) {
        if (this.view.steps >= denseFrom && !this.dense.has(this.view.steps)) this.dense.set(this.view.steps, this.view.snapshot());
        if (!this.view.step()) break;
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
