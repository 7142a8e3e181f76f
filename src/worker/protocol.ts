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
  /** `watches`: expressions to evaluate at exactly this position (the sparklines are sampled). */
  | { type: 'seek'; id: number; position: number; watches?: string[] }
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
  | { type: 'frame'; id: number; frame: FrameData; idState: Uint8Array; current?: TraceStep; touched: number[]; watchValues?: (number | null)[] }
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

/** Request size limits the worker enforces (SPEC §3: no input may exhaust the engine). */
export const MAX_CONSOLE_CHARS = 64 * 1024;
export const MAX_WATCH_EXPRESSIONS = 32;
export const MAX_WATCH_EXPRESSION_CHARS = 200;
export const MAX_BREAKPOINTS = 1000;

const BREAKPOINT_FIELDS: Record<string, [field: string, type: 'string' | 'number', optional?: boolean]> = {
  event: ['event', 'string'],
  id: ['id', 'number'],
  set: ['set', 'string'],
  subscriber: ['subscriber', 'string'],
  violation: ['violation', 'string', true],
  line: ['line', 'number'],
};

const isNum = (v: unknown): v is number => typeof v === 'number' && !Number.isNaN(v);

function breakpointProblem(b: unknown, at: string): string | undefined {
  if (typeof b !== 'object' || b === null) return `${at} must be an object`;
  const r = b as Record<string, unknown>;
  const spec = typeof r.kind === 'string' && Object.prototype.hasOwnProperty.call(BREAKPOINT_FIELDS, r.kind) ? BREAKPOINT_FIELDS[r.kind] : undefined;
  if (!spec) return `${at}.kind must be one of ${Object.keys(BREAKPOINT_FIELDS).join(', ')}`;
  const [field, type, optional] = spec;
  if (optional && r[field] === undefined) return undefined;
  if (type === 'number' ? !isNum(r[field]) : typeof r[field] !== 'string') return `${at}.${field} must be a ${type}`;
  return undefined;
}

function watchListProblem(list: unknown, at: string): string | undefined {
  if (!Array.isArray(list)) return `${at} must be an array`;
  if (list.length > MAX_WATCH_EXPRESSIONS) return `${at}: at most ${MAX_WATCH_EXPRESSIONS} watch expressions`;
  for (let i = 0; i < list.length; i++) {
    const e: unknown = list[i];
    if (typeof e !== 'string') return `${at}[${i}] must be a string`;
    if (e.length > MAX_WATCH_EXPRESSION_CHARS) return `${at}[${i}] is longer than ${MAX_WATCH_EXPRESSION_CHARS} characters`;
  }
  return undefined;
}

/**
 * What is wrong with an incoming request, or undefined: the worker never trusts a message
 * blindly, and a wrong one gets a message naming the field.
 */
export function requestProblem(m: unknown): string | undefined {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return 'a request must be an object';
  const r = m as Record<string, unknown>;
  if (typeof r.id !== 'number' || !Number.isFinite(r.id)) return 'request.id must be a finite number';
  if (typeof r.type !== 'string') return 'request.type must be a string';
  const num = (f: string): string | undefined => (isNum(r[f]) ? undefined : `${r.type}.${f} must be a number`);
  switch (r.type) {
    case 'load':
      if (typeof r.source !== 'string') return 'load.source must be a string';
      if (typeof r.model !== 'object' || r.model === null) return 'load.model must be an object';
      if (r.maxSteps !== undefined && !(isNum(r.maxSteps) && r.maxSteps >= 1)) return 'load.maxSteps must be a number ≥ 1';
      return undefined;
    case 'seek':
      return num('position') ?? (r.watches === undefined ? undefined : watchListProblem(r.watches, 'seek.watches'));
    case 'steps':
      return num('from') ?? num('to');
    case 'describe-id':
      return num('position') ?? num('pasid');
    case 'find-breakpoint': {
      const p = num('position');
      if (p) return p;
      if (r.direction !== 1 && r.direction !== -1) return 'find-breakpoint.direction must be 1 or -1';
      if (!Array.isArray(r.breakpoints)) return 'find-breakpoint.breakpoints must be an array';
      if (r.breakpoints.length > MAX_BREAKPOINTS) return `find-breakpoint.breakpoints: at most ${MAX_BREAKPOINTS} breakpoints`;
      for (let i = 0; i < r.breakpoints.length; i++) {
        const bad = breakpointProblem(r.breakpoints[i], `find-breakpoint.breakpoints[${i}]`);
        if (bad) return bad;
      }
      return undefined;
    }
    case 'console':
      if (typeof r.text !== 'string') return 'console.text must be a string';
      if (r.text.length > MAX_CONSOLE_CHARS) return `console.text is ${r.text.length} characters; a console statement is limited to ${MAX_CONSOLE_CHARS}`;
      return undefined;
    case 'matrix':
      return typeof r.source === 'string' ? undefined : 'matrix.source must be a string';
    case 'export':
      return r.format === 'trace-json' || r.format === 'chrome-trace' ? undefined : "export.format must be 'trace-json' or 'chrome-trace'";
    case 'watch':
      return watchListProblem(r.expressions, 'watch.expressions') ?? num('samples');
    default:
      return `unknown request type '${String(r.type).slice(0, 40)}'`;
  }
}

/** Validates an incoming request shape (see requestProblem for the reason). */
export function isRequest(m: unknown): m is Request {
  return requestProblem(m) === undefined;
}
