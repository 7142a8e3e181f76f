// The deterministic scheduler and interpreter of SPEC §3.5. Threads round-robin one
// statement at a time in declaration order; deferred items run at quiesce / rcu_barrier /
// flush_work and when the script ends; `schedule` fixes the order explicitly. All runtime
// state is plain data so the session can checkpoint it and the explorer can branch from it.

import { isFailure } from '../errno';
import { ExecContext } from '../exec/context';
import type { DeferredItem, DeferredQueue } from '../exec/deferred';
import { Kernel } from '../kernel/kernel';
import { cloneKernelState, type KernelState } from '../kernel/state';
import type { DeliveryRecord, KernelSink } from '../kernel/sink';
import { heldSpinlocks, lockHolder } from '../kernel/lockOps';
import { runKernelWork } from '../consumers/deferredWork';
import { checkAccounting } from '../invariants/accounting';
import { checkBindingLeaks, checkLeaks } from '../invariants/leak';
import type { ModelConfig } from '../model';
import type { Stmt } from '../scenario/ast';
import type { ContextName, ViolationKind } from '../trace';
import type { CompiledProgram } from './program';
import { dispatchKernel } from './dispatch';
import { emptyExpectationLog, evaluate, type ExpectationLog } from './expectations';
import type { Recorder } from './recorder';

export const DEFAULT_MAX_STEPS = 5_000_000;

/** Thrown out of a replay when it reaches `stopAt` steps: the state is then exactly "after N steps". */
export const STOP_REPLAY = Symbol('stop-replay');
/** Statements passed over without a step (expects, block entries, empty repeats) also count. */
const OPS_PER_STEP_BUDGET = 4;

export interface Frame {
  block: number;
  pc: number;
  /** Iterations left including the current one (repeat); 1 otherwise. */
  left: number;
  atomic: boolean;
}

export type ThreadStatus = 'idle' | 'ready' | 'done' | 'stuck';

export interface ThreadState {
  name: string;
  base: ContextName;
  frames: Frame[];
  status: ThreadStatus;
  lastResult: number;
  lastWarned: boolean;
  ran: boolean;
}

export type Phase = 'running' | 'done';

export interface MachineSnapshot {
  kernel: KernelState;
  threads: ThreadState[];
  started: boolean;
  rr: number;
  schedule: string[];
  phase: Phase;
  steps: number;
  ops: number;
  error?: string;
}

export interface MachineOptions {
  maxSteps?: number;
  recorder?: Recorder;
  /** Replaying an explorer schedule: the file's own `schedule` lines would replace it. */
  ignoreScheduleStatements?: boolean;
}

/** decide() shifts a schedule in place but leaves an empty one alone: only a non-empty one is copied. */
function copySchedule(s: string[]): string[] {
  return s.length ? [...s] : s;
}

function cloneThread(t: ThreadState): ThreadState {
  const frames: Frame[] = [];
  for (const f of t.frames) frames.push({ block: f.block, pc: f.pc, left: f.left, atomic: f.atomic });
  return { name: t.name, base: t.base, frames, status: t.status, lastResult: t.lastResult, lastWarned: t.lastWarned, ran: t.ran };
}

/** Forwards to the recorder (if any) and counts warnings for `expect ok`. */
class StepSink implements KernelSink {
  warnings = 0;
  constructor(private readonly rec: Recorder | undefined) {}
  warn(message: string): void {
    this.warnings++;
    this.rec?.warn(message);
  }
  violation(kind: ViolationKind, message: string): void {
    this.rec?.violation(kind, message);
  }
  delivery(d: DeliveryRecord): void {
    this.rec?.delivery(d);
  }
  touch(id: number): void {
    this.rec?.touch(id);
  }
}

export class Machine {
  readonly kernel: Kernel;
  threads: ThreadState[];
  started = false;
  rr = 0;
  schedule: string[] = [];
  phase: Phase = 'running';
  /** Steps executed so far (= the recorder's step count when recording from the start). */
  steps = 0;
  ops = 0;
  error?: string;
  readonly expectations: ExpectationLog = emptyExpectationLog();
  /** The `expect` statements checked at least once (see failUnreachedExpectations). */
  private readonly expectationsReached = new Set<Stmt>();
  /** Set by restore(): the run did not start here. */
  private restored = false;
  readonly maxSteps: number;
  recorder?: Recorder;
  private readonly ignoreSchedule: boolean;
  /** Replays for seeking stop (by throwing STOP_REPLAY) when a step would begin at this count. */
  stopAt?: number;
  private readonly sink: StepSink;
  private itemDepth = 0;
  /** One reusable execution context per thread (reset before each step). */
  private readonly contexts = new Map<string, ExecContext>();
  private pendingWarnings: string[] = [];
  /**
   * Which entries of `threads` this machine may change in place; the others are shared with
   * snapshots and copied before a step changes them (copy-on-write, like KernelState).
   */
  private threadOwned: boolean[] = [];

  constructor(readonly program: CompiledProgram, model: ModelConfig, opts: MachineOptions = {}) {
    this.kernel = new Kernel(model);
    this.kernel.trackDelivered = program.stmts.some((st) => st.verb === 'expect' && st.expectation.kind === 'delivered');
    this.maxSteps = opts.maxSteps ?? DEFAULT_MAX_STEPS;
    this.recorder = opts.recorder;
    this.ignoreSchedule = opts.ignoreScheduleStatements ?? false;
    this.sink = new StepSink(this.recorder);
    const main: ThreadState = { name: 'main', base: 'task', frames: [{ block: 0, pc: 0, left: 1, atomic: false }], status: 'ready', lastResult: 0, lastWarned: false, ran: false };
    this.threads = [main, ...program.threads.map((t): ThreadState => ({ name: t.name, base: 'task', frames: [{ block: t.block, pc: 0, left: 1, atomic: false }], status: 'idle', lastResult: 0, lastWarned: false, ran: false }))];
    this.threadOwned = this.threads.map(() => true);
    this.settle(main);
  }

  // ---- checkpoints -------------------------------------------------------------------

  snapshot(): MachineSnapshot {
    return {
      kernel: cloneKernelState(this.kernel.state),
      threads: this.shareThreads(),
      started: this.started,
      rr: this.rr,
      schedule: copySchedule(this.schedule),
      phase: this.phase,
      steps: this.steps,
      ops: this.ops,
      error: this.error,
    };
  }

  /** The live state as a snapshot without copying; the machine must be restored before it runs again. */
  detach(): MachineSnapshot {
    return {
      kernel: this.kernel.state,
      threads: this.threads,
      started: this.started,
      rr: this.rr,
      schedule: this.schedule,
      phase: this.phase,
      steps: this.steps,
      ops: this.ops,
      error: this.error,
    };
  }

  /** Like restore, but takes ownership of the snapshot instead of copying it (it must not be reused). */
  adopt(s: MachineSnapshot): void {
    this.kernel.state = s.kernel;
    this.threads = s.threads;
    this.threadOwned.fill(false);
    this.started = s.started;
    this.rr = s.rr;
    this.schedule = s.schedule;
    this.phase = s.phase;
    this.steps = s.steps;
    this.ops = s.ops;
    this.error = s.error;
    this.pendingWarnings = [];
  }

  restore(s: MachineSnapshot): void {
    this.restored = true;
    this.kernel.state = cloneKernelState(s.kernel);
    this.threads = s.threads.slice();
    this.threadOwned.fill(false);
    this.started = s.started;
    this.rr = s.rr;
    this.schedule = copySchedule(s.schedule);
    this.phase = s.phase;
    this.steps = s.steps;
    this.ops = s.ops;
    this.error = s.error;
    this.pendingWarnings = [];
  }

  /** The threads as a snapshot holds them: the entries are shared until either side changes one. */
  private shareThreads(): ThreadState[] {
    this.threadOwned.fill(false);
    return this.threads.slice();
  }

  /** The thread at `idx`, copied first if a snapshot shares it. */
  private ownThread(idx: number): ThreadState {
    if (!this.threadOwned[idx]) {
      this.threads[idx] = cloneThread(this.threads[idx]);
      this.threadOwned[idx] = true;
    }
    return this.threads[idx];
  }

  // ---- scheduling --------------------------------------------------------------------

  private thread(name: string): ThreadState | undefined {
    return this.threads.find((t) => t.name === name);
  }

  /** The statement a thread runs next, if it can run at all. */
  peekNext(name: string): Stmt | undefined {
    const t = this.thread(name);
    return t ? this.peek(t) : undefined;
  }

  private peek(t: ThreadState): Stmt | undefined {
    if (t.status !== 'ready' || t.frames.length === 0) return undefined;
    const f = t.frames[t.frames.length - 1];
    return this.program.blocks[f.block][f.pc];
  }

  runnable(t: ThreadState): boolean {
    const st = this.peek(t);
    if (!st) return false;
    if (st.verb === 'join') return this.threads.every((o) => o === t || o.status === 'done');
    if (st.verb === 'spin_lock' || st.verb === 'mutex_lock') {
      const holder = lockHolder(this.kernel, st.lock);
      return holder === null || holder === t.name;
    }
    return true;
  }

  /** Every unit that could run next: runnable threads, then the oldest RCU callback and work item. */
  choices(): string[] {
    if (this.phase !== 'running') return [];
    // Loops rather than filter/map: the explorer asks at every state.
    const out: string[] = [];
    for (const t of this.threads) if (this.runnable(t)) out.push(t.name);
    const q = this.kernel.state.view.deferred;
    if (q.rcu.length > 0) out.push('rcu');
    if (q.wq.length > 0) out.push('wq');
    return out;
  }

  /** The unit the default (or explicit) schedule picks next, consuming `schedule` entries. */
  decide(): string | undefined {
    const q = this.kernel.state.view.deferred;
    while (this.schedule.length > 0) {
      const head = this.schedule[0];
      if (head === 'rcu' || head === 'wq') {
        if (q[head].length > 0) {
          this.schedule.shift();
          return head;
        }
        if (!this.threads.some((t) => this.runnable(t))) {
          this.schedule.shift();
          this.pendingWarnings.push(`schedule: no ${head === 'rcu' ? 'RCU callback' : 'work item'} is pending; entry skipped`);
          continue;
        }
        break;
      }
      const t = this.thread(head);
      if (!t || t.status === 'done' || t.status === 'stuck') {
        this.schedule.shift();
        this.pendingWarnings.push(`schedule: thread ${head} has finished; entry skipped`);
        continue;
      }
      if (this.runnable(t)) {
        this.schedule.shift();
        return head;
      }
      break;
    }
    const n = this.threads.length;
    for (let k = 1; k <= n; k++) {
      const t = this.threads[(this.rr + k) % n];
      if (this.runnable(t)) return t.name;
    }
    return undefined;
  }

  /** One scheduling decision and its unit; false once the run is over. */
  step(): boolean {
    if (this.phase !== 'running') return false;
    const choice = this.decide();
    if (choice === undefined) this.finish();
    else this.runUnit(choice);
    return this.phase === 'running';
  }

  run(): void {
    while (this.step()) {
      /* until done */
    }
  }

  /** Runs until at least `target` steps exist or the run ends. */
  runUntilSteps(target: number): void {
    while (this.steps < target && this.step()) {
      /* until target */
    }
  }

  runUnit(choice: string): void {
    if (choice === 'rcu' || choice === 'wq') {
      const item = this.kernel.state.deferred.take(choice);
      if (item) this.runItem(item);
      return;
    }
    let idx = 0;
    while (idx < this.threads.length && this.threads[idx].name !== choice) idx++;
    if (idx === this.threads.length) return;
    this.rr = idx;
    this.advance(this.ownThread(idx));
  }

  // ---- interpretation ----------------------------------------------------------------

  private tick(): boolean {
    this.ops++;
    if (this.ops > this.maxSteps * OPS_PER_STEP_BUDGET || this.steps >= this.maxSteps) {
      this.abort(`step budget of ${this.maxSteps.toLocaleString('en-US')} steps exhausted (a runaway repeat?); the run stopped here`);
      return false;
    }
    return true;
  }

  private abort(message: string): void {
    if (this.phase === 'done') return;
    this.error = message;
    // As at a deadlock: the expectations the stopped run never got to did not hold.
    if (this.recorder && !this.restored) this.failUnreachedExpectations('budget');
    this.phase = 'done';
  }

  /** Runs expects, enters blocks and leaves finished ones until the next real statement. */
  private settle(t: ThreadState): void {
    while (this.phase === 'running') {
      if (t.frames.length === 0) {
        if (t.status === 'ready') t.status = 'done';
        return;
      }
      const f = t.frames[t.frames.length - 1];
      const block = this.program.blocks[f.block];
      if (f.pc >= block.length) {
        if (f.left > 1) {
          f.left--;
          f.pc = 0;
          if (!this.tick()) return;
          continue;
        }
        t.frames.pop();
        if (t.frames.length > 0) t.frames[t.frames.length - 1].pc++;
        continue;
      }
      const st = block[f.pc];
      switch (st.verb) {
        case 'expect':
          if (this.recorder) this.checkExpectation(t, st);
          f.pc++;
          if (!this.tick()) return;
          continue;
        case 'atomic':
          t.frames.push({ block: this.program.blockOf.get(st)!, pc: 0, left: 1, atomic: true });
          continue;
        case 'repeat':
          if (st.count === 0) f.pc++;
          else t.frames.push({ block: this.program.blockOf.get(st)!, pc: 0, left: st.count, atomic: false });
          if (!this.tick()) return;
          continue;
        case 'thread':
          if (!this.started && t.name === 'main') this.startThreads();
          f.pc++;
          continue;
        default:
          return;
      }
    }
  }

  private startThreads(): void {
    this.started = true;
    this.rr = 0;
    for (let i = 0; i < this.threads.length; i++) {
      if (this.threads[i].name === 'main') continue;
      const t = this.ownThread(i);
      t.status = 'ready';
      this.settle(t);
    }
  }

  private checkExpectation(t: ThreadState, st: Extract<Stmt, { verb: 'expect' }>): void {
    this.expectationsReached.add(st);
    const actual = evaluate(this.kernel, st.expectation, { result: t.lastResult, warned: t.lastWarned, any: t.ran });
    if (actual === undefined) this.expectations.passed++;
    else {
      this.expectations.failed++;
      this.expectations.failures.push({ line: st.line, text: st.text, actual });
    }
  }

  private contextFor(t: ThreadState): ExecContext {
    // A thread's base context never changes (main/threads task, rcu atomic, wq work).
    let ctx = this.contexts.get(t.name);
    if (!ctx || ctx.base !== t.base) this.contexts.set(t.name, (ctx = new ExecContext(t.name, t.base)));
    ctx.reset();
    for (const f of t.frames) if (f.atomic) ctx.enterAtomic('atomic { } block');
    if (this.kernel.state.view.lockdep.locks.size > 0) for (const l of heldSpinlocks(this.kernel, t.name)) ctx.enterAtomic(`spinlock ${l} held`);
    return ctx;
  }

  private beginStep(ctx: ExecContext, line: number, stmt: number, label?: string): number {
    if (this.steps === this.stopAt) throw STOP_REPLAY;
    const rec = this.recorder;
    const index = rec ? rec.begin(line, ctx.thread, ctx.context, stmt, label) : this.steps;
    this.steps++;
    this.kernel.begin(ctx, line, this.sink);
    if (this.pendingWarnings.length > 0) {
      for (const w of this.pendingWarnings) this.sink.warn(w);
      this.pendingWarnings = [];
    }
    // The scheduler's warnings (a skipped `schedule` entry) are shown on the step it chose,
    // but are not the statement's: `expect ok` after it asks about the statement alone.
    this.sink.warnings = 0;
    return index;
  }

  private advance(t: ThreadState): void {
    const st = this.peek(t);
    if (!st || !this.tick()) return;
    const f = t.frames[t.frames.length - 1];
    const ctx = this.contextFor(t);
    const index = this.beginStep(ctx, st.line, this.program.stmtIndex.get(st)!);
    let after: 'all' | DeferredQueue | undefined;
    let result = 0;
    switch (st.verb) {
      case 'note':
        this.recorder?.note(st.text);
        break;
      case 'schedule':
        if (!this.ignoreSchedule) this.schedule = st.names.map((n) => n.name);
        break;
      case 'join':
        break;
      case 'call_rcu':
      case 'work': {
        const queue: DeferredQueue = st.verb === 'call_rcu' ? 'rcu' : 'wq';
        this.kernel.state.deferred.push(queue, { kind: 'block', block: this.program.blockOf.get(st)! }, st.line, `${st.verb} block from line ${st.line}`);
        break;
      }
      case 'quiesce':
      case 'rcu_barrier':
      case 'flush_work': {
        this.kernel.mightSleep(st.verb === 'quiesce' ? 'synchronize_rcu + flush_workqueue(ioasid_wq)' : st.verb === 'rcu_barrier' ? 'rcu_barrier' : 'flush_workqueue(ioasid_wq)');
        if (this.itemDepth > 0) {
          this.kernel.violation('deadlock', `${st.verb} from ${t.name === 'rcu' ? 'an RCU callback' : 'a work item'} waits for deferred work that cannot run until it returns`);
        } else after = st.verb === 'quiesce' ? 'all' : st.verb === 'rcu_barrier' ? 'rcu' : 'wq';
        break;
      }
      case 'spin_lock':
      case 'mutex_lock': {
        const holder = lockHolder(this.kernel, st.lock);
        if (holder !== null && holder !== t.name) {
          // Only deferred items get here (threads wait until the lock is free).
          this.kernel.violation('deadlock', `${t.name === 'rcu' ? 'an RCU callback' : 'a work item'} waits for ${st.lock}, held by ${holder}, which cannot run until it finishes`);
          result = -35;
          break;
        }
        result = dispatchKernel(this.kernel, st);
        if (result === -35) t.status = 'stuck';
        break;
      }
      default:
        result = dispatchKernel(this.kernel, st);
    }
    if (st.bind && !isFailure(result) && this.kernel.state.view.bindings.get(st.bind.name) !== result) this.kernel.state.bindings.set(st.bind.name, result);
    checkAccounting(this.kernel, []);
    this.recorder?.result.set(index, result);
    t.lastResult = result;
    t.lastWarned = this.sink.warnings > 0;
    t.ran = true;
    if (t.status !== 'stuck') f.pc++;
    if (after) this.runDeferred(after);
    if (t.status === 'ready') this.settle(t);
  }

  /** Runs pending deferred items oldest first until the queue(s) are empty. */
  private runDeferred(which: 'all' | DeferredQueue): void {
    const q = this.kernel.state.deferred;
    while (this.phase === 'running') {
      const item = which === 'all' ? q.oldest() : q[which][0];
      if (!item) return;
      q.take(item.queue);
      this.runItem(item);
    }
  }

  private runItem(item: DeferredItem): void {
    const name = item.queue;
    const base: ContextName = item.queue === 'rcu' ? 'atomic' : 'work';
    this.itemDepth++;
    try {
      if (item.action.kind !== 'block') {
        if (!this.tick()) return;
        const ctx = new ExecContext(name, base);
        const index = this.beginStep(ctx, item.line, -1, `[${item.queue === 'rcu' ? 'rcu' : 'ioasid_wq'}] ${item.label}`);
        const result = runKernelWork(this.kernel, item.action);
        checkAccounting(this.kernel, []);
        this.recorder?.result.set(index, result);
        return;
      }
      const t: ThreadState = { name, base, frames: [{ block: item.action.block, pc: 0, left: 1, atomic: false }], status: 'ready', lastResult: 0, lastWarned: false, ran: false };
      this.settle(t);
      while (this.phase === 'running' && t.status === 'ready' && this.peek(t)) {
        this.advance(t);
        if ((t.status as ThreadStatus) === 'stuck') break;
      }
    } finally {
      this.itemDepth--;
    }
  }

  /** No unit can run: report a deadlock if threads wait forever, run what is deferred, check leaks. */
  private finish(): void {
    const waiting = this.threads.filter((t) => t.status === 'ready' || t.status === 'stuck');
    if (waiting.length > 0) {
      const why = waiting.map((t) => {
        const st = this.peek(t);
        if (t.status === 'stuck') return `${t.name} is stuck in recursive locking`;
        if (st && (st.verb === 'spin_lock' || st.verb === 'mutex_lock')) return `${t.name} waits for ${st.lock} (held by ${lockHolder(this.kernel, st.lock)})`;
        if (st?.verb === 'join') return `${t.name} waits at join`;
        return `${t.name} cannot run`;
      });
      const alreadyReported = waiting.every((t) => t.status === 'stuck' || this.peek(t)?.verb === 'join');
      this.endStep('(end of run: threads cannot make progress)', () => {
        if (!alreadyReported || !this.kernel.state.view.violationCounts.get('deadlock')) this.kernel.violation('deadlock', `no thread can make progress: ${why.join('; ')}`);
      });
    }
    this.runDeferred('all');
    if (this.phase !== 'running') return;
    this.endStep('(end of run: leak check)', () => {
      checkLeaks(this.kernel);
      checkBindingLeaks(this.kernel);
    });
    // Only a run recorded from its start knows which expectations it never got to (a machine
    // restored from a snapshot, as the explorer's and the player's are, does not).
    if (this.recorder && !this.restored) this.failUnreachedExpectations(waiting.length > 0 ? 'deadlock' : 'end');
    this.phase = 'done';
  }

  /**
   * An `expect` the run never got to did not hold (SPEC §5: exit 0 only when every one
   * held): a deadlock that stops the threads before their expectations used to pass as
   * "0 passed, 0 failed".
   */
  private failUnreachedExpectations(why: 'deadlock' | 'budget' | 'end'): void {
    const unreached = this.program.stmts.filter((st) => st.verb === 'expect' && !this.expectationsReached.has(st));
    const actual = why === 'deadlock' ? 'not reached: the run ended in a deadlock before this line' : why === 'budget' ? 'not reached: the step budget stopped the run before this line' : 'not reached: this line never ran';
    for (const st of unreached.sort((a, b) => a.line - b.line)) {
      this.expectations.failed++;
      this.expectations.failures.push({ line: st.line, text: st.text, actual });
    }
  }

  /** Runs end-of-run checks; a synthetic step is recorded only if they report something. */
  private endStep(label: string, checks: () => void): void {
    const found: { kind: ViolationKind; message: string }[] = [];
    const collect: KernelSink = { warn() {}, delivery() {}, violation: (kind, message) => found.push({ kind, message }) };
    this.kernel.begin(new ExecContext('main', 'task'), this.program.lastLine, collect);
    checks();
    if (found.length === 0) return;
    if (this.steps === this.stopAt) throw STOP_REPLAY;
    const index = this.recorder ? this.recorder.begin(this.program.lastLine, 'main', 'task', -1, label) : this.steps;
    this.steps++;
    for (const v of found) this.recorder?.violation(v.kind, v.message);
    this.recorder?.result.set(index, 0);
  }
}
