// Execution contexts of SPEC §3.5: what the code running a step may do. A step starts in its
// thread's base context; atomic blocks, held spinlocks and atomic-chain handlers push onto
// an "atomic because …" stack that might_sleep consults.

import type { ContextName } from '../trace';

export class ExecContext {
  /** Why the current code is atomic, innermost last ("RCU callback", "spinlock L held"). */
  private readonly atomicReasons: string[] = [];
  /** Kernel functions on the simulated call stack, outermost first, for splat messages. */
  private readonly calls: string[] = [];

  constructor(readonly thread: string, readonly base: ContextName) {
    this.reset();
  }

  /** Back to the thread's base context with an empty call stack (reused across steps). */
  reset(): this {
    if (this.atomicReasons.length > 0) this.atomicReasons.length = 0;
    if (this.calls.length > 0) this.calls.length = 0;
    if (this.base === 'atomic') this.atomicReasons.push(this.thread === 'rcu' ? 'RCU callback' : 'atomic context');
    return this;
  }

  get context(): ContextName {
    return this.atomicReasons.length > 0 ? 'atomic' : this.base;
  }

  get isAtomic(): boolean {
    return this.atomicReasons.length > 0;
  }

  get atomicReason(): string | undefined {
    return this.atomicReasons[this.atomicReasons.length - 1];
  }

  enterAtomic(reason: string): void {
    this.atomicReasons.push(reason);
  }

  leaveAtomic(): void {
    this.atomicReasons.pop();
  }

  enter(fn: string): void {
    this.calls.push(fn);
  }

  leave(): void {
    this.calls.pop();
  }

  /** "mutex_lock ← ioasid_free ← mmu_notifier_free_rcu": innermost first, like a splat. */
  backtrace(innermost: string): string {
    return [innermost, ...[...this.calls].reverse()].join(' ← ');
  }
}
