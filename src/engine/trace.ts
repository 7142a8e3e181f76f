// The trace document of SPEC §6: what `--json` prints, what the UI exports and imports, and
// the record shapes the views draw. Fields may be added, never renamed or removed.

import type { ModelConfig } from './model';

export type EventName = 'ALLOC' | 'FREE' | 'BIND' | 'UNBIND';
export const EVENT_NAMES: readonly EventName[] = ['ALLOC', 'FREE', 'BIND', 'UNBIND'];

export type ContextName = 'task' | 'atomic' | 'work';
export const CONTEXT_NAMES: readonly ContextName[] = ['task', 'atomic', 'work'];
export type NotifyReply = 'NOTIFY_OK' | 'NOTIFY_DONE' | 'NOTIFY_STOP' | 'NOTIFY_BAD';
export const NOTIFY_REPLIES: readonly NotifyReply[] = ['NOTIFY_OK', 'NOTIFY_DONE', 'NOTIFY_STOP', 'NOTIFY_BAD'];

export type ViolationKind =
  | 'sleep-in-atomic'
  | 'reuse-before-cleanup'
  | 'stale-translation'
  | 'teardown-order'
  | 'accounting'
  | 'lock-order'
  | 'deadlock'
  | 'leak';

export const VIOLATION_KINDS: readonly ViolationKind[] = [
  'sleep-in-atomic',
  'reuse-before-cleanup',
  'stale-translation',
  'teardown-order',
  'accounting',
  'lock-order',
  'deadlock',
  'leak',
];

export interface TraceStep {
  index: number;
  line: number;
  thread: string;
  context: ContextName;
  text: string;
  result: number;
  resultName: string;
  warnings: string[];
  deliveries: number[];
  violations: number[];
  /** Extension: the caption of a `note` statement. */
  note?: string;
}

export interface TraceDelivery {
  index: number;
  step: number;
  event: EventName;
  id: number;
  set: string;
  subscriber: string;
  priority: number;
  chain: 'global' | 'set';
  context: ContextName;
  reply: NotifyReply;
}

export interface TraceViolation {
  kind: ViolationKind;
  step: number;
  line: number;
  message: string;
}

export interface ExpectationFailure {
  line: number;
  text: string;
  actual: string;
}

export interface TraceFinal {
  capacity: number;
  available: number;
  allocated: number;
  sets: { name: string; sid: number; quota: number; used: number }[];
  ids: { id: number; set: string; state: 'active' | 'free_pending'; refs: number }[];
  entries: { device: string; id: number; pgtt: number; did: number }[];
}

export interface TraceDocument {
  version: 1;
  title: string;
  model: ModelConfig;
  steps: TraceStep[];
  deliveries: TraceDelivery[];
  violations: TraceViolation[];
  expectations: { passed: number; failed: number; failures: ExpectationFailure[] };
  final: TraceFinal;
}
