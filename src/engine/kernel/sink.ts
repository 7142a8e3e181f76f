// Where the kernel reports what a step did. The recorder implements it; replays for seeking
// use a sink that drops history but keeps the state-relevant counters in KernelState.

import type { TraceDelivery, ViolationKind } from '../trace';

/** A delivery as the kernel reports it; the recorder adds its index and step. */
export type DeliveryRecord = Omit<TraceDelivery, 'index' | 'step'>;

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
