// Subscribers on the global chain or a set's chain. A chain calls handlers in descending
// priority, registration order among equals (notifier_chain_register keeps that order).

export type SubscriberKind = 'iommu' | 'kvm' | 'vdcm' | 'log';

export interface Subscriber {
  name: string;
  kind: SubscriberKind;
  /** -1 for the global chain. */
  sid: number;
  prio: number;
  seq: number;
  /** The handler's frame name in splat backtraces. */
  callName: string;
}

export class SubscriberTable {
  list: Subscriber[] = [];
  private seq = 0;
  private cache = new Map<number, Subscriber[]>();

  add(name: string, kind: SubscriberKind, sid: number, prio: number): void {
    this.list.push({ name, kind, sid, prio, seq: this.seq++, callName: `${name}_notifier_call` });
    this.cache.clear();
  }

  remove(name: string): boolean {
    const before = this.list.length;
    this.list = this.list.filter((s) => s.name !== name);
    this.cache.clear();
    return this.list.length !== before;
  }

  has(name: string): boolean {
    return this.list.some((s) => s.name === name);
  }

  /** Drops a destroyed set's chain. */
  dropChain(sid: number): void {
    this.list = this.list.filter((s) => s.sid !== sid);
    this.cache.clear();
  }

  chain(sid: number): Subscriber[] {
    let c = this.cache.get(sid);
    if (!c) {
      c = this.list.filter((s) => s.sid === sid).sort((a, b) => b.prio - a.prio || a.seq - b.seq);
      this.cache.set(sid, c);
    }
    return c;
  }

  get size(): number {
    return this.list.length;
  }

  clone(): SubscriberTable {
    const t = new SubscriberTable();
    t.list = this.list.map((s) => ({ ...s }));
    t.seq = this.seq;
    return t;
  }
}
