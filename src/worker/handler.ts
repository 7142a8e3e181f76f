// The engine side of the protocol, framework-free so it runs in a Web Worker and in Node
// tests alike. One session at a time; a newer load cancels an older one between chunks.

import { formatDiagnostic, type Diagnostic } from '../engine/scenario';
import { loadScenario, runScenario } from '../engine/lab';
import { AXIS_VALUES, MODEL_AXES, PRESET_NAMES, PRESETS, type ModelConfig } from '../engine/model';
import { Session } from '../engine/run/session';
import { buildFrame, buildIdState, describeId } from '../engine/run/frame';
import { findBreakpoint } from '../engine/run/breakpoints';
import { buildTrace, traceStep } from '../engine/run/traceJson';
import { toChromeTrace } from '../engine/run/chromeTrace';
import type { TraceDelivery, TraceStep } from '../engine/trace';
import { requestProblem, type MatrixRow, type Request, type Response, type SessionInfo, type WorkerMessage } from './protocol';
import { parseWatch, type WatchFn } from './watch';

/** Chunk of frontier work between checks for newer messages. */
export const CHUNK_BUDGET_MS = 40;
export const MAX_STEPS_PER_REQUEST = 5000;
export const MAX_EXPORT_STEPS = 200_000;
export const MAX_WATCH_SAMPLES = 2000;
/** Distinct watch expressions kept parsed; a UI that keeps inventing new ones just starts over. */
const MAX_CACHED_WATCHES = 256;
/** A scenario's step budget in the lab (a runaway `repeat` stops here with a message). */
export const LAB_MAX_STEPS = 3_000_000;

export type Post = (m: WorkerMessage, transfer?: Transferable[]) => void;

function validModel(m: unknown): ModelConfig | string {
  if (typeof m !== 'object' || m === null) return 'model must be an object';
  const r = m as Record<string, unknown>;
  for (const axis of MODEL_AXES) {
    if (!AXIS_VALUES[axis].includes(r[axis] as string)) return `model.${axis} must be one of ${AXIS_VALUES[axis].join(', ')}`;
  }
  return { lock: r.lock, chain: r.chain, alloc: r.alloc, free: r.free, cleanup: r.cleanup } as ModelConfig;
}

const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class LabHandler {
  private session?: Session;
  private source = '';
  private consoleLines: string[] = [];
  private loadGen = 0;
  private maxSteps = LAB_MAX_STEPS;

  constructor(private readonly post: Post) {}

  /** Every message gets exactly one terminal response; a malformed one an error naming the field. */
  async handle(message: Request | unknown): Promise<void> {
    const problem = requestProblem(message);
    if (problem !== undefined) {
      const id = (message as { id?: unknown } | null)?.id;
      this.post({ type: 'error', id: typeof id === 'number' && Number.isFinite(id) ? id : -1, error: `malformed request: ${problem}` });
      return;
    }
    const req = message as Request;
    try {
      await this.dispatch(req);
    } catch (e) {
      // Our own refusals (plain Error) read as sentences; anything else keeps its class name.
      const error = e instanceof Error ? (e.name === 'Error' ? e.message : `${e.name}: ${e.message}`) : String(e);
      this.post({ type: 'error', id: req.id, error });
    }
  }

  private info(): SessionInfo {
    const s = this.session!;
    const rec = s.recorder;
    const m = s.frontier;
    return {
      title: s.program.source.title ?? '',
      model: s.model,
      stepCount: rec.stepCount,
      done: s.done,
      error: m.error,
      expectations: { passed: m.expectations.passed, failed: m.expectations.failed, failures: [...m.expectations.failures] },
      violations: [...rec.violations],
      notes: [...rec.notes],
      threads: [...rec.threadNames],
      checkpointInterval: s.interval,
      checkpointCount: s.checkpointCount,
      checkpointMemory: s.checkpointMemory,
      checkpointCap: s.checkpointCap,
      lines: rec.line.data.slice(0, rec.stepCount),
    };
  }

  private async start(id: number, source: string, model: ModelConfig, reply: (info: SessionInfo) => Response): Promise<void> {
    const loaded = loadScenario(source);
    if (!loaded.ok) {
      this.post({ type: 'loaded', id, ok: false, errors: loaded.errors });
      return;
    }
    const gen = ++this.loadGen;
    const session = new Session(loaded.program, model, { maxSteps: this.maxSteps });
    this.session = session;
    while (!session.advance(CHUNK_BUDGET_MS)) {
      this.post({ type: 'progress', id, steps: session.stepCount });
      await yieldToMessages();
      if (gen !== this.loadGen) return;
    }
    const r = reply(this.info());
    this.post(r, 'info' in r ? [r.info.lines.buffer] : []);
  }

  /** Parsed watch expressions: every frame evaluates the same few, so each is parsed once. */
  private readonly watchFns = new Map<string, WatchFn | string>();

  private watchFn(expression: string): WatchFn | string {
    let f = this.watchFns.get(expression);
    if (f === undefined) {
      if (this.watchFns.size >= MAX_CACHED_WATCHES) this.watchFns.clear();
      f = parseWatch(expression);
      this.watchFns.set(expression, f);
    }
    return f;
  }

  private need(): Session {
    if (!this.session) throw new Error('no scenario is loaded');
    return this.session;
  }

  private async dispatch(req: Request): Promise<void> {
    switch (req.type) {
      case 'load': {
        const model = validModel(req.model);
        if (typeof model === 'string') throw new Error(model);
        // NaN or Infinity must never switch the step budget off.
        if (req.maxSteps !== undefined) this.maxSteps = Number.isFinite(req.maxSteps) ? Math.max(1, Math.min(LAB_MAX_STEPS, Math.floor(req.maxSteps))) : LAB_MAX_STEPS;
        this.source = req.source;
        this.consoleLines = [];
        await this.start(req.id, req.source, model, (info) => ({ type: 'loaded', id: req.id, ok: true, info }));
        return;
      }
      case 'seek': {
        const s = this.need();
        const position = Math.max(0, Math.min(Math.floor(req.position) || 0, s.stepCount));
        const m = s.at(position);
        const idState = buildIdState(m);
        const current: TraceStep | undefined = position > 0 ? traceStep(s.program, s.recorder, position - 1) : undefined;
        const touched = position > 0 ? s.recorder.touchedOf(position - 1) : [];
        const watchValues = req.watches?.map((e) => {
          const f = this.watchFn(e);
          return typeof f === 'string' ? null : f(m);
        });
        this.post({ type: 'frame', id: req.id, frame: buildFrame(m, position), idState, current, touched, watchValues }, [idState.buffer]);
        return;
      }
      case 'steps': {
        const s = this.need();
        const from = Math.max(0, Math.floor(req.from) || 0);
        const to = Math.min(s.stepCount, from + MAX_STEPS_PER_REQUEST, Math.floor(req.to) || 0);
        const steps: TraceStep[] = [];
        const deliveries: TraceDelivery[] = [];
        for (let i = from; i < to; i++) {
          const st = traceStep(s.program, s.recorder, i);
          steps.push(st);
          for (const d of st.deliveries) deliveries.push(s.recorder.deliveries.get(d));
        }
        this.post({ type: 'steps', id: req.id, steps, deliveries });
        return;
      }
      case 'describe-id': {
        const s = this.need();
        const m = s.at(Math.max(0, Math.min(Math.floor(req.position) || 0, s.stepCount)));
        this.post({ type: 'id-details', id: req.id, details: describeId(m, req.pasid) });
        return;
      }
      case 'find-breakpoint': {
        const s = this.need();
        this.post({ type: 'breakpoint', id: req.id, position: findBreakpoint(s.recorder, req.position, req.direction, req.breakpoints) });
        return;
      }
      case 'console': {
        const s = this.need();
        const prefix = [this.source, ...this.consoleLines].join('\n');
        const offset = prefix.split('\n').length;
        const loaded = loadScenario(`${prefix}\n${req.text}`);
        if (!loaded.ok) {
          const errors: Diagnostic[] = loaded.errors
            .filter((d) => d.line > offset)
            .map((d) => ({ ...d, line: d.line - offset }));
          this.post({ type: 'console', id: req.id, ok: false, errors: errors.length ? errors : [{ line: 1, col: 1, message: 'the scenario has errors; fix the editor first' }] });
          return;
        }
        const before = s.stepCount;
        this.consoleLines.push(req.text);
        await this.start(req.id, `${prefix}\n${req.text}`, s.model, (info) => ({ type: 'console', id: req.id, ok: true, info, added: info.stepCount - before }));
        return;
      }
      case 'matrix': {
        const loaded = loadScenario(req.source);
        if (!loaded.ok) throw new Error(loaded.errors.map((d) => formatDiagnostic('scenario', d)).join('\n'));
        const rows: MatrixRow[] = PRESET_NAMES.map((preset) => {
          const r = runScenario(loaded.program, PRESETS[preset], { maxSteps: this.maxSteps });
          const violations: Record<string, number> = {};
          for (const v of r.recorder.violations) violations[v.kind] = (violations[v.kind] ?? 0) + 1;
          return { preset, model: PRESETS[preset], violations, passed: r.machine.expectations.passed, failed: r.machine.expectations.failed, error: r.machine.error };
        });
        this.post({ type: 'matrix', id: req.id, rows });
        return;
      }
      case 'export': {
        const s = this.need();
        if (s.stepCount > MAX_EXPORT_STEPS) throw new Error(`the trace has ${s.stepCount} steps; exports are limited to ${MAX_EXPORT_STEPS}`);
        const trace = buildTrace(s.program.source.title ?? '', s.model, s.program, s.recorder, s.frontier.kernel, s.frontier.expectations);
        const text = req.format === 'trace-json' ? JSON.stringify(trace, null, 1) : JSON.stringify(toChromeTrace(trace));
        this.post({ type: 'export', id: req.id, text });
        return;
      }
      case 'watch': {
        const s = this.need();
        const fns = req.expressions.map((e) => this.watchFn(e));
        const samples = Math.max(2, Math.min(MAX_WATCH_SAMPLES, Math.floor(req.samples) || 2));
        const total = s.stepCount;
        const positions = Array.from(new Set(Array.from({ length: samples }, (_, i) => Math.round((i * total) / (samples - 1))))).sort((a, b) => a - b);
        const values = fns.map(() => [] as (number | null)[]);
        for (const p of positions) {
          const m = s.at(p);
          fns.forEach((f, i) => values[i].push(typeof f === 'string' ? null : f(m)));
        }
        this.post({
          type: 'watch', id: req.id, positions,
          series: req.expressions.map((expression, i) => ({ expression: String(expression), values: values[i], error: typeof fns[i] === 'string' ? (fns[i] as string) : undefined })),
        });
        return;
      }
    }
  }
}
