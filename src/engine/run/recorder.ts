// The event log of a run (DESIGN example 6): steps in typed columns, deliveries and
// violations as records with per-step offsets, warnings and notes sparse. It is the
// KernelSink of the step being recorded.

import { CONTEXT_NAMES, type ContextName, type TraceViolation, type ViolationKind } from '../trace';
import type { DeliveryRecord, KernelSink } from '../kernel/sink';
import { Column } from './growable';
import { DeliveryLog } from './deliveryLog';
import { StringTable } from './stringTable';

export interface StepView {
  index: number;
  line: number;
  thread: string;
  context: ContextName;
  /** Statement index in the compiled program, or -1 for kernel work (see label). */
  stmt: number;
  label?: string;
  result: number;
  warnings: string[];
  deliveries: number[];
  violations: number[];
  note?: string;
  touched: number[];
}

export class Recorder implements KernelSink {
  readonly line = new Column((n) => new Int32Array(n));
  readonly thread = new Column((n) => new Uint8Array(n));
  readonly context = new Column((n) => new Uint8Array(n));
  readonly stmt = new Column((n) => new Int32Array(n));
  readonly result = new Column((n) => new Float64Array(n));
  /** Offsets: step i owns deliveries [delivStart[i], delivStart[i+1]). */
  readonly delivStart = new Column((n) => new Int32Array(n));
  readonly violStart = new Column((n) => new Int32Array(n));
  readonly touchStart = new Column((n) => new Int32Array(n));
  readonly touchedIds = new Column((n) => new Int32Array(n));
  readonly deliveries = new DeliveryLog();
  readonly violations: TraceViolation[] = [];
  /** Warnings in step order (few steps warn): the step and the interned text of each. */
  private readonly warnStep = new Column((n) => new Int32Array(n));
  private readonly warnText = new Column((n) => new Int32Array(n));
  private readonly warnTexts = new StringTable();
  readonly notes = new Map<number, string>();
  readonly labels = new Map<number, string>();
  readonly threadNames: string[] = [];
  private readonly threadIdx = new Map<string, number>();
  private current = -1;
  private lastTouched = -1;

  get stepCount(): number {
    return this.line.length;
  }

  begin(line: number, thread: string, context: ContextName, stmt: number, label?: string): number {
    let t = this.threadIdx.get(thread);
    if (t === undefined) {
      t = this.threadNames.length;
      this.threadNames.push(thread);
      this.threadIdx.set(thread, t);
    }
    const i = this.line.length;
    this.line.push(line);
    this.thread.push(t);
    this.context.push(CONTEXT_NAMES.indexOf(context));
    this.stmt.push(stmt);
    this.result.push(0);
    this.delivStart.push(this.deliveries.length);
    this.violStart.push(this.violations.length);
    this.touchStart.push(this.touchedIds.length);
    if (label !== undefined) this.labels.set(i, label);
    this.current = i;
    this.lastTouched = -1;
    return i;
  }

  end(result: number): void {
    this.result.set(this.current, result);
  }

  /** Index of the first warning of `step` or later (warnings are in step order). */
  private firstWarningAt(step: number): number {
    let lo = 0;
    let hi = this.warnStep.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.warnStep.get(mid) < step) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  warningCount(step: number): number {
    return this.firstWarningAt(step + 1) - this.firstWarningAt(step);
  }

  warningsOf(step: number): string[] {
    const out: string[] = [];
    for (let i = this.firstWarningAt(step); i < this.warnStep.length && this.warnStep.get(i) === step; i++) out.push(this.warnTexts.at(this.warnText.get(i)));
    return out;
  }

  note(text: string): void {
    this.notes.set(this.current, text);
  }

  warn(message: string): void {
    // Always the newest step (begin() came first), so warnStep stays ascending.
    this.warnStep.push(this.current);
    this.warnText.push(this.warnTexts.intern(message));
  }

  violation(kind: ViolationKind, message: string): void {
    this.violations.push({ kind, step: this.current, line: this.line.get(this.current), message });
  }

  delivery(d: DeliveryRecord): void {
    this.deliveries.push({
      step: this.current, event: d.event, id: d.id, set: d.set, subscriber: d.subscriber,
      priority: d.priority, chain: d.chain, context: d.context, reply: d.reply,
    });
  }

  touch(id: number): void {
    if (id === this.lastTouched) return;
    this.lastTouched = id;
    this.touchedIds.push(id);
  }

  private range(start: Column<Int32Array>, i: number, total: number): [number, number] {
    return [start.get(i), i + 1 < this.stepCount ? start.get(i + 1) : total];
  }

  deliveryRange(i: number): [number, number] {
    return this.range(this.delivStart, i, this.deliveries.length);
  }

  violationRange(i: number): [number, number] {
    return this.range(this.violStart, i, this.violations.length);
  }

  touchedOf(i: number): number[] {
    const [a, b] = this.range(this.touchStart, i, this.touchedIds.length);
    return Array.from(this.touchedIds.data.subarray(a, b));
  }

  step(i: number): StepView {
    const [da, db] = this.deliveryRange(i);
    const [va, vb] = this.violationRange(i);
    const idx = (a: number, b: number) => Array.from({ length: b - a }, (_, k) => a + k);
    return {
      index: i,
      line: this.line.get(i),
      thread: this.threadNames[this.thread.get(i)],
      context: CONTEXT_NAMES[this.context.get(i)],
      stmt: this.stmt.get(i),
      label: this.labels.get(i),
      result: this.result.get(i),
      warnings: this.warningsOf(i),
      deliveries: idx(da, db),
      violations: idx(va, vb),
      note: this.notes.get(i),
      touched: this.touchedOf(i),
    };
  }

  byteLength(): number {
    return (
      this.line.byteLength() + this.thread.byteLength() + this.context.byteLength() + this.stmt.byteLength() +
      this.result.byteLength() + this.delivStart.byteLength() + this.violStart.byteLength() +
      this.touchStart.byteLength() + this.touchedIds.byteLength() + this.warnStep.byteLength() +
      this.warnText.byteLength() + this.deliveries.byteLength()
    );
  }
}

/** A sink for replays (seek): state changes happen, history is not written again. */
export class SilentSink implements KernelSink {
  warnings = 0;
  warn(): void {
    this.warnings++;
  }
  violation(): void {}
  delivery(): void {}
}
