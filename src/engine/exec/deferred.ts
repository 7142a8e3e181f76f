// Deferred work as plain data (so checkpoints can copy it): RCU callbacks and items on the
// ordered workqueue `ioasid_wq`. Scenario blocks refer to the compiled block table by index.

export type DeferredQueue = 'rcu' | 'wq';

export type DeferredAction =
  /** A `call_rcu { … }` or `work { … }` block of the scenario. */
  | { kind: 'block'; block: number }
  /** VT-d: tear down every device entry of (id, gen), then drop the driver's reference (intel_svm_free_async_fn). */
  | { kind: 'iommu-teardown'; id: number; gen: number }
  /** Device model: clear the device's PASID and drop its reference. */
  | { kind: 'vdcm-clear'; id: number; gen: number }
  /**
   * mmu_notifier_put → call_srcu(mmu_notifier_free_rcu) → free the mm's PASID in atomic context.
   * `id`/`gen` are the PASID the mm had when the put was queued (-1: none).
   */
  | { kind: 'srcu-free'; mm: string; id: number; gen: number };

export interface DeferredItem {
  readonly seq: number;
  readonly queue: DeferredQueue;
  readonly action: Readonly<DeferredAction>;
  /** Where it was queued, for step lines and messages. */
  readonly line: number;
  readonly label: string;
}

export class DeferredQueues {
  rcu: DeferredItem[] = [];
  wq: DeferredItem[] = [];
  seq = 0;

  push(queue: DeferredQueue, action: DeferredAction, line: number, label: string): DeferredItem {
    const item: DeferredItem = { seq: this.seq++, queue, action, line, label };
    this[queue].push(item);
    return item;
  }

  /** Oldest first across both queues (the order `quiesce` runs them in). */
  oldest(): DeferredItem | undefined {
    const a = this.rcu[0];
    const b = this.wq[0];
    if (!a) return b;
    if (!b) return a;
    return a.seq < b.seq ? a : b;
  }

  take(queue: DeferredQueue): DeferredItem | undefined {
    return this[queue].shift();
  }

  get pending(): number {
    return this.rcu.length + this.wq.length;
  }

  clone(): DeferredQueues {
    const q = new DeferredQueues();
    // Items are never changed once queued: copies share them.
    q.rcu = this.rcu.slice();
    q.wq = this.wq.slice();
    q.seq = this.seq;
    return q;
  }
}
