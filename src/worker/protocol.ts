// Every message between the UI and the engine worker (DESIGN example 2): a discriminated
// union with a `type` tag and a request `id`. Each request type names its response type in
// ResponseOf, so a mismatch between the two sides is a compile error.

import type { ModelConfig } from '../engine/model';
import type { Diagnostic } from '../engine/scenario';
import type { Breakpoint } from '../engine/run/breakpoints';
import type { FrameData, IdDetails } from '../engine/run/frame';
import type { TraceDelivery, TraceStep, TraceViolation, ExpectationFailure } from '../engine/trace';

export interface SessionInfo {
  title: string;
  model: ModelConfig;
  stepCount: number;
  done: boolean;
  /** Why the run stopped early (step budget), if it did. */
  error?: string;
  expectations: { passed: number; failed: number; failures: ExpectationFailure[] };
  violations: TraceViolation[];
  notes: [step: number, text: string][];
  threads: string[];
  checkpointInterval: number;
  checkpointCount: number;
  checkpointMemory: number;
  checkpointCap: number;
  /** Source line of every step (for the editor highlight and scrubber), transferred. */
  lines: Int32Array;
}

export interface MatrixRow {
  preset: string;
  model: ModelConfig;
  violations: Record<string, number>;
  passed: number;
  failed: number;
  error?: string;
}

export type Request =
  | { type: 'load'; id: number; source: string; model: ModelConfig; maxSteps?: number }
  | { type: 'seek'; id: number; position: number }
  | { type: 'steps'; id: number; from: number; to: number }
  | { type: 'describe-id'; id: number; position: number; pasid: number }
  | { type: 'find-breakpoint'; id: number; position: number; direction: 1 | -1; breakpoints: Breakpoint[] }
  | { type: 'console'; id: number; text: string }
  | { type: 'matrix'; id: number; source: string }
  | { type: 'export'; id: number; format: 'trace-json' | 'chrome-trace' }
  | { type: 'watch'; id: number; expressions: string[]; samples: number };

export type Response =
  | { type: 'loaded'; id: number; ok: true; info: SessionInfo }
  | { type: 'loaded'; id: number; ok: false; errors: Diagnostic[] }
  | { type: 'frame'; id: number; frame: FrameData; idState: Uint8Array; current?: TraceStep; touched: number[] }
  | { type: 'steps'; id: number; steps: TraceStep[]; deliveries: TraceDelivery[] }
  | { type: 'id-details'; id: number; details: IdDetails }
  | { type: 'breakpoint'; id: number; position: number }
  | { type: 'console'; id: number; ok: true; info: SessionInfo; added: number }
  | { type: 'console'; id: number; ok: false; errors: Diagnostic[] }
  | { type: 'matrix'; id: number; rows: MatrixRow[] }
  | { type: 'export'; id: number; text: string }
  | { type: 'watch'; id: number; positions: number[]; series: { expression: string; values: (number | null)[]; error?: string }[] }
  | { type: 'error'; id: number; error: string };

/** Unsolicited progress of a long load (steps recorded so far). */
export interface Progress {
  type: 'progress';
  id: number;
  steps: number;
}

export type WorkerMessage = Response | Progress;

type RequestType = Request['type'];
type ResponseTypeOf = {
  load: 'loaded';
  seek: 'frame';
  steps: 'steps';
  'describe-id': 'id-details';
  'find-breakpoint': 'breakpoint';
  console: 'console';
  matrix: 'matrix';
  export: 'export';
  watch: 'watch';
};

export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;
export type ResponseOf<T extends RequestType> = Extract<Response, { type: ResponseTypeOf[T] }>;
/** What a caller sends: the request without its id (the client assigns ids). */
export type RequestBody<T extends RequestType> = Omit<RequestOf<T>, 'id'>;

/** Validates an incoming request shape: the worker never trusts a message blindly. */
export function isRequest(m: unknown): m is Request {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Record<string, unknown>;
  if (typeof r.id !== 'number' || typeof r.type !== 'string') return false;
  switch (r.type) {
    case 'load':
      return typeof r.source === 'string' && typeof r.model === 'object' && r.model !== null;
    case 'seek':
      return typeof r.position === 'number';
    case 'steps':
      return typeof r.from === 'number' && typeof r.to === 'number';
    case 'describe-id':
      return typeof r.position === 'number' && typeof r.pasid === 'number';
    case 'find-breakpoint':
      return typeof r.position === 'number' && (r.direction === 1 || r.direction === -1) && Array.isArray(r.breakpoints);
    case 'console':
      return typeof r.text === 'string';
    case 'matrix':
      return typeof r.source === 'string';
    case 'export':
      return r.format === 'trace-json' || r.format === 'chrome-trace';
    case 'watch':
      return Array.isArray(r.expressions) && typeof r.samples === 'number';
    default:
      return false;
  }
}
