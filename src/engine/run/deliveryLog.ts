// Notifier deliveries of a recorded run in typed columns with interned names: a million-step
// run delivers hundreds of thousands of events, and as objects they filled the heap
// (~270 bytes each) and made every full garbage collection pause a seek for tens of ms.

import { CONTEXT_NAMES as CONTEXTS, EVENT_NAMES, NOTIFY_REPLIES as REPLIES, type TraceDelivery } from '../trace';
import { Column } from './growable';
import { StringTable } from './stringTable';

const CHAINS: readonly TraceDelivery['chain'][] = ['global', 'set'];

export class DeliveryLog {
  private readonly step = new Column((n) => new Int32Array(n));
  private readonly id = new Column((n) => new Float64Array(n));
  private readonly priority = new Column((n) => new Float64Array(n));
  private readonly set = new Column((n) => new Int32Array(n));
  private readonly subscriber = new Column((n) => new Int32Array(n));
  /** event | chain << 2 | context << 3 | reply << 5 */
  private readonly codes = new Column((n) => new Uint8Array(n));
  private readonly names = new StringTable();

  get length(): number {
    return this.step.length;
  }

  push(d: Omit<TraceDelivery, 'index'>): void {
    this.step.push(d.step);
    this.id.push(d.id);
    this.priority.push(d.priority);
    this.set.push(this.names.intern(d.set));
    this.subscriber.push(this.names.intern(d.subscriber));
    this.codes.push(EVENT_NAMES.indexOf(d.event) | (CHAINS.indexOf(d.chain) << 2) | (CONTEXTS.indexOf(d.context) << 3) | (REPLIES.indexOf(d.reply) << 5));
  }

  get(i: number): TraceDelivery {
    const c = this.codes.get(i);
    return {
      index: i,
      step: this.step.get(i),
      event: EVENT_NAMES[c & 3],
      id: this.id.get(i),
      set: this.names.at(this.set.get(i)),
      subscriber: this.names.at(this.subscriber.get(i)),
      priority: this.priority.get(i),
      chain: CHAINS[(c >> 2) & 1],
      context: CONTEXTS[(c >> 3) & 3],
      reply: REPLIES[(c >> 5) & 3],
    };
  }

  /** Deliveries [from, to) as records. */
  slice(from: number, to = this.length): TraceDelivery[] {
    const out: TraceDelivery[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.length); i++) out.push(this.get(i));
    return out;
  }

  clear(): void {
    for (const c of [this.step, this.id, this.priority, this.set, this.subscriber, this.codes]) c.length = 0;
  }

  byteLength(): number {
    return this.step.byteLength() + this.id.byteLength() + this.priority.byteLength() + this.set.byteLength() + this.subscriber.byteLength() + this.codes.byteLength();
  }
}
