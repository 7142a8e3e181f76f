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
    if (base === 'atomic') this.atomicReasons.push(thread === 'rcu' ? 'RCU callback' : 'atomic context');
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
