// The simulated kernel: state plus the execution context of the step being run. Operations
// live in their own modules (ioasidOps, setOps, vtdOps, svaOps, lockOps) and all funnel
// through the helpers here for might_sleep, the allocator lock and event publication.

import type { ModelConfig } from '../model';
import { VIOLATION_KINDS, type ViolationKind } from '../trace';
import { ExecContext } from '../exec/context';
import { recordAcquire } from '../exec/lockdep';
import { createKernelState, type KernelState } from './state';
import { NULL_SINK, type KernelSink } from './sink';

export const ALLOCATOR_LOCK = 'ioasid_allocator_lock';
export const PASID_MUTEX = 'pasid_mutex';

const spinReasons = new Map<string, string>();
function spinReason(name: string): string {
  let r = spinReasons.get(name);
  if (r === undefined) spinReasons.set(name, (r = `${name} (spinlock) held`));
  return r;
}

export class Kernel {
  state: KernelState;
  sink: KernelSink = NULL_SINK;
  ctx: ExecContext = new ExecContext('main', 'task');
  /** Whether `expect delivered` needs the set of deliveries (the machine turns it on when used). */
  trackDelivered = false;
  /** Source line of the statement being run (queued work remembers it). */
  line = 0;
  /** Internal locks held by the running code, outermost first (for lockdep edges). */
  private internalHeld: string[] = [];
  /** Distinct sleeping operations already flagged in this step. */
  private sleptThisStep = new Set<string>();

  constructor(public model: ModelConfig, state?: KernelState) {
    this.state = state ?? createKernelState();
  }

  /** Called by the runner before each step. */
  begin(ctx: ExecContext, line: number, sink: KernelSink): void {
    this.ctx = ctx;
    this.line = line;
    this.sink = sink;
    if (this.internalHeld.length > 0) this.internalHeld.length = 0;
    if (this.sleptThisStep.size > 0) this.sleptThisStep.clear();
  }

  warn(message: string): void {
    this.sink.warn(message);
  }

  violation(kind: ViolationKind, message: string): void {
    this.state.violationCounts.set(kind, (this.state.violationCounts.get(kind) ?? 0) + 1);
    this.state.violationBits |= 1 << VIOLATION_KINDS.indexOf(kind);
    this.sink.violation(kind, message);
  }

  /** Locks the running thread holds by hand (spin_lock/mutex_lock statements). */
  handHeld(): string[] {
    const out: string[] = [];
    const locks = this.state.view.lockdep.locks;
    if (locks.size === 0) return out;
    for (const [name, l] of locks) if (l.holder === this.ctx.thread) out.push(name);
    return out;
  }

  /**
   * might_sleep(): a sleeping operation in atomic context records sleep-in-atomic, naming
   * the call chain like the kernel's "sleeping function called from invalid context" splat,
   * and the step goes on.
   */
  mightSleep(what: string): void {
    if (!this.ctx.isAtomic || this.sleptThisStep.has(what)) return;
    this.sleptThisStep.add(what);
    this.violation(
      'sleep-in-atomic',
      `sleeping function called from invalid context: ${this.ctx.backtrace(what)} runs in atomic context (${this.ctx.atomicReason})`,
    );
  }

  /** Takes an internal lock (pair with unlock); a spinlock makes what follows atomic. */
  lock(name: string, kind: 'spin' | 'mutex'): void {
    if (kind === 'mutex' && this.ctx.isAtomic) this.mightSleep(`mutex_lock(${name})`);
    const hand = this.handHeld();
    // No lock held: no lockdep edge can form (the common case on hot paths).
    if (hand.length > 0 || this.internalHeld.length > 0) {
      const inversion = recordAcquire(this.state.view.lockdep, () => this.state.lockdep, hand.length ? [...hand, ...this.internalHeld] : this.internalHeld, name, this.line);
      if (inversion) this.violation('lock-order', inversion);
    }
    this.internalHeld.push(name);
    if (kind === 'spin') this.ctx.enterAtomic(spinReason(name));
  }

  unlock(kind: 'spin' | 'mutex'): void {
    if (kind === 'spin') this.ctx.leaveAtomic();
    this.internalHeld.pop();
  }

  /** Takes an internal lock for the duration of fn. */
  withLock<T>(name: string, kind: 'spin' | 'mutex', fn: () => T): T {
    this.lock(name, kind);
    try {
      return fn();
    } finally {
      this.unlock(kind);
    }
  }

  get allocatorLockKind(): 'spin' | 'mutex' {
    return this.model.lock === 'mutex' ? 'mutex' : 'spin';
  }

  /** ioasid_allocator_lock: a spinlock (upstream, v2+) or a mutex (v1 patch 7). */
  withAllocatorLock<T>(fn: () => T): T {
    return this.withLock(ALLOCATOR_LOCK, this.allocatorLockKind, fn);
  }

  /** A kernel function frame for splat backtraces. */
  call<T>(fn: string, body: () => T): T {
    this.ctx.enter(fn);
    try {
      return body();
    } finally {
      this.ctx.leave();
    }
  }

  /** Label of an allocation generation's owner for messages. */
  ownerLabel(gen: number): string {
    const who = this.state.hold.owners.get(gen);
    return who ? `${who} (allocation #${gen})` : `allocation #${gen}`;
  }
}
