// Where the kernel reports what a step did. The recorder implements it; replays for seeking
// use a sink that drops history but keeps the state-relevant counters in KernelState.

import type { ContextName, EventName, NotifyReply, ViolationKind } from '../trace';

export interface DeliveryRecord {
  event: EventName;
  id: number;
  set: string;
  subscriber: string;
  priority: number;
  chain: 'global' | 'set';
  context: ContextName;
  reply: NotifyReply;
}

export interface KernelSink {
  warn(message: string): void;
  violation(kind: ViolationKind, message: string): void;
  delivery(d: DeliveryRecord): void;
  /** PASID-table and cache activity for the inspectors ("dev0: clear PASID 5"). */
  touch?(id: number): void;
}

export const NULL_SINK: KernelSink = {
  warn() {},
  violation() {},
  delivery() {},
};
