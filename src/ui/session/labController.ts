// The real LabActions: every user action becomes a protocol request through LabClient, and
// every response lands in the store (small values) or frameCache (big ones). Never more than
// one seek is in flight; a newer target replaces an older one (frames are dropped, not queued).

import { LabClient } from '../../worker/client';
import type { ModelConfig } from '../../engine/model';
import type { Breakpoint } from '../../engine/run/breakpoints';
import type { SessionInfo } from '../../worker/protocol';
import type { IdDetails } from '../../engine/run/frame';
import { frameCache } from '../store/frameCache';
import { useLab, type LabState } from '../store/labStore';
import type { ExportKind, LabActions } from './actions';
import { modelOfText } from './fileModel';
import { downloadBlob, downloadText } from './download';
import { decodeScenarioBytes, MAX_IMPORT_BYTES, tooLargeMessage } from '../../engine/scenario/sourceText';
import { MAX_TRACE_IMPORT_CHARS } from '../../engine/run/traceImport';
import { checkTrace } from './traceCheck';
import { consoleOutcome } from './consoleOutcome';
import { encodeShareHash, MAX_LINK_CHARS } from '../share/shareLink';
import { workOf, type SavedWork } from '../editor/autosave';
import { isOwnWork } from './library';
import { oversizedEditMessage } from '../editor/editLimit';

/** How the banner of a run stopped by the step budget begins (so the next good run clears it). */
const STOPPED_EARLY = 'The run stopped early: ';

/** One step per this many ms at 1x. */
export const BASE_STEP_MS = 700;
/**
 * The timeline holds at most this many steps (fetched in protocol pages of 5000): a window
 * around the current step, fetched again when the step comes within TRACE_MARGIN_STEPS of
 * an edge the run goes past.
 */
export const MAX_TIMELINE_STEPS = 20_000;
const TRACE_MARGIN_STEPS = MAX_TIMELINE_STEPS / 8;
const STEPS_PAGE = 5000;
const WATCH_SAMPLES = 240;
const TOAST_MS = 3500;

const set = (patch: Partial<LabState>) => useLab.setState(patch);
const get = () => useLab.getState();

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class LabController implements LabActions {
  private readonly client: LabClient;
  private seekInFlight = false;
  private queuedTarget: number | null = null;
  private loadGen = 0;
  /** The watch list changed while a seek was in flight: the next frame must be fetched again. */
  private refetchFrame = false;
  private lastLoad?: { source: string; model: ModelConfig };
  /** Runs asked of the worker so far, and the one the frame on show belongs to (see FrameSnapshot.followsShown). */
  private loads = 0;
  private shownLoad = -1;
  private consoleLines: string[] = [];
  private playTimer: ReturnType<typeof setTimeout> | undefined;
  private playClock = { position: 0, at: 0 };
  private toastTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    workerFactory: () => Worker,
    private readonly traceWorkerFactory?: () => Worker,
  ) {
    this.client = new LabClient(workerFactory);
    this.client.onCrash = (m) => this.recover(m);
  }

  // ---- loading ---------------------------------------------------------------------------

  private async load(source: string, model: ModelConfig, position: number): Promise<boolean> {
    this.pause();
    const gen = ++this.loadGen;
    // From now on the worker may answer seeks from the new run (it yields while it records),
    // so no frame after this one continues the frame on show.
    this.loads++;
    set({ status: 'loading', progress: 0, runError: undefined });
    let r;
    try {
      r = await this.client.request<'load'>({ type: 'load', source, model }, (p) => {
        if (gen === this.loadGen) set({ progress: p.steps });
      });
    } catch (e) {
      if (gen === this.loadGen) set({ status: 'error', runError: message(e) });
      return false;
    }
    if (gen !== this.loadGen) return false;
    if (!r.ok) {
      // The worker keeps the previous session: the views stay on it; the editor shows why.
      set({ status: 'error', loadErrors: r.errors, failedText: source });
      return false;
    }
    this.lastLoad = { source, model };
    this.consoleLines = [];
    // The previous run's timeline and watch curves must not stand beside the new run while
    // their replacements are fetched (a million-step run takes a moment).
    frameCache.clearTrace();
    const shown = frameCache.snapshot;
    if (shown?.watches) frameCache.setSnapshot({ ...shown, watches: undefined });
    this.applyInfo(r.info);
    set({ status: 'ready', loadErrors: [], consoleHistory: [], consoleUnkept: 0, loadedText: source, watchSeries: [], watchPositions: [] });
    // A run cut short by the step budget says so where the user looks, not only in a tooltip.
    // Not over a banner with a button (Undo import, Back to my work): it may be the only way
    // back to the user's text, and the run status says "stopped early" too.
    if (r.info.error && !get().banner?.action) set({ banner: { kind: 'warning', text: `${STOPPED_EARLY}${r.info.error}. The steps recorded so far can be played.` } });
    else if (get().banner?.text.startsWith(STOPPED_EARLY)) set({ banner: null });
    this.seek(Math.min(position, r.info.stepCount));
    void this.fetchTrace(gen);
    void this.refreshWatches();
    return true;
  }

  private applyInfo(info: SessionInfo): void {
    frameCache.setInfo(info);
    set({
      sessionVersion: get().sessionVersion + 1,
      title: info.title,
      stepCount: info.stepCount,
      violationCount: info.violations.length,
      expectations: { passed: info.expectations.passed, failed: info.expectations.failed },
      runError: info.error,
    });
  }

  /** A trace fetch in flight (its load generation), and the position to centre the next one on. */
  private traceFetch: { gen: number; next?: number } | undefined;

  /** Fetches the timeline's window of steps centred on the step at `position`. */
  private async fetchTrace(gen: number, position = get().target): Promise<void> {
    if (this.traceFetch?.gen === gen) {
      this.traceFetch.next = position;
      return;
    }
    this.traceFetch = { gen };
    const total = get().stepCount;
    const start = Math.max(0, Math.min(position - 1 - MAX_TIMELINE_STEPS / 2, total - MAX_TIMELINE_STEPS));
    const end = Math.min(total, start + MAX_TIMELINE_STEPS);
    const steps = [];
    const deliveries = [];
    try {
      for (let from = start; from < end; from += STEPS_PAGE) {
        const r = await this.client.request<'steps'>({ type: 'steps', from, to: Math.min(end, from + STEPS_PAGE) });
        if (gen !== this.loadGen) return;
        steps.push(...r.steps);
        deliveries.push(...r.deliveries);
      }
    } catch {
      return;
    } finally {
      const next = this.traceFetch?.gen === gen ? this.traceFetch.next : undefined;
      if (this.traceFetch?.gen === gen) this.traceFetch = undefined;
      if (next !== undefined && gen === this.loadGen) queueMicrotask(() => this.followTrace(next));
    }
    frameCache.setTrace({ steps, deliveries, truncated: total > end - start, from: start, to: end });
    set({ sessionVersion: get().sessionVersion + 1 });
  }

  /** Moves the timeline's window when the step at `position` nears an edge the run goes past. */
  private followTrace(position: number): void {
    // A window still on its way (the run's first, say, while the user pressed End): look
    // again once it is in, against the window it brings.
    if (this.traceFetch?.gen === this.loadGen) {
      this.traceFetch.next = position;
      return;
    }
    const { from, to, truncated } = frameCache.trace;
    if (!truncated) return;
    const step = position - 1;
    const total = get().stepCount;
    if ((from > 0 && step < from + TRACE_MARGIN_STEPS) || (to < total && step >= to - TRACE_MARGIN_STEPS)) void this.fetchTrace(this.loadGen, position);
  }

  private recover(reason: string): void {
    this.seekInFlight = false;
    this.queuedTarget = null;
    const position = get().position;
    set({ banner: { kind: 'error', text: `${reason}. The scenario was reloaded at step ${position}; your editor text is untouched.` }, consoleBusy: false, matrixRunning: false });
    if (!this.lastLoad) return;
    const source = [this.lastLoad.source, ...this.consoleLines].join('\n');
    void this.load(source, this.lastLoad.model, position);
  }

  run(): void {
    const s = get();
    const model = s.modelPinned ? s.model : (modelOfText(s.text) ?? s.model);
    set({ model });
    void this.load(s.text, model, s.position);
  }

  openScenario(name: string, text: string): void {
    const model = modelOfText(text) ?? get().model;
    set({ name, text, model, modelPinned: false, lineBreakpoints: [], breakpoints: [], selectedId: undefined, idDetails: undefined, selectedSet: undefined, selectedDevice: undefined });
    void this.load(text, model, 0);
  }

  /** The user's work as autosave keeps it. */
  work(): SavedWork {
    return workOf(get());
  }

  /** Opens saved work: the autosave at start-up, or the text an import or a link replaced. */
  restoreWork(w: SavedWork, position = 0): void {
    const model = w.model ?? modelOfText(w.text) ?? get().model;
    set({ text: w.text, name: w.name, model, modelPinned: w.model !== undefined, lineBreakpoints: linesWithin(w.lineBreakpoints, w.text), breakpoints: [] });
    void this.load(w.text, model, position);
  }

  /** Opens a validated share link (startup). */
  openShared(text: string, model: ModelConfig | undefined, position: number, lineBreakpoints: number[]): void {
    this.restoreWork({ text, name: 'shared', model, lineBreakpoints }, position);
  }

  setModel(model: ModelConfig, pinned: boolean): void {
    const s = get();
    const m = pinned ? model : (modelOfText(s.text) ?? model);
    set({ model: m, modelPinned: pinned });
    void this.load(s.text, m, s.position);
  }

  // ---- playback --------------------------------------------------------------------------

  seek(position: number): void {
    const p = Math.max(0, Math.min(Math.round(position), get().stepCount));
    // A jump while playing (the jump field, the scrubber, a violation) plays on from there:
    // tick() goes where the clock says, and would take the player straight back.
    if (get().playing) this.playClock = { position: p, at: performance.now() };
    this.seekTo(p);
  }

  /** Shows position p (in range); the play clock stays as it is. */
  private seekTo(p: number): void {
    set({ target: p });
    if (this.seekInFlight) {
      this.queuedTarget = p;
      return;
    }
    void this.doSeek(p);
  }

  private async doSeek(p: number): Promise<void> {
    this.seekInFlight = true;
    this.refetchFrame = false;
    try {
      const expressions = get().watchExpressions;
      const r = await this.client.request<'seek'>({ type: 'seek', position: p, watches: expressions });
      const watches = new Map(expressions.map((e, i) => [e, r.watchValues?.[i] ?? null]));
      const shown = frameCache.snapshot;
      const followsShown = shown !== undefined && this.shownLoad === this.loads && r.frame.position === shown.frame.position + 1;
      frameCache.setSnapshot({ frame: r.frame, idState: r.idState, current: r.current, touched: r.touched, followsShown, watches });
      this.shownLoad = this.loads;
      set({ position: r.frame.position, frameVersion: get().frameVersion + 1 });
      this.followTrace(r.frame.position);
    } catch (e) {
      set({ toast: `Could not show step ${p}: ${message(e)}` });
    } finally {
      this.seekInFlight = false;
    }
    const next = this.queuedTarget;
    this.queuedTarget = null;
    if (next !== null && (next !== p || this.refetchFrame)) void this.doSeek(next);
    else if (!get().playing) this.refreshIdDetails();
  }

  play(): void {
    const s = get();
    if (s.stepCount === 0 || s.status === 'loading') return;
    const start = s.target >= s.stepCount ? 0 : s.target;
    if (start !== s.target) this.seek(start);
    this.playClock = { position: start, at: performance.now() };
    set({ playing: true });
    this.tick();
  }

  private tick(): void {
    clearTimeout(this.playTimer);
    const s = get();
    if (!s.playing) return;
    const interval = BASE_STEP_MS / s.speed;
    const due = this.playClock.position + Math.floor((performance.now() - this.playClock.at) / interval);
    // When the worker is behind, the clock runs on and intermediate positions are skipped.
    if (!this.seekInFlight && due !== s.target) this.seekTo(Math.min(due, s.stepCount));
    if (due >= s.stepCount) {
      this.seekTo(s.stepCount);
      this.pause();
      return;
    }
    this.playTimer = setTimeout(() => this.tick(), Math.min(interval / 2, 60));
  }

  pause(): void {
    clearTimeout(this.playTimer);
    if (get().playing) {
      set({ playing: false });
      if (!this.seekInFlight) this.refreshIdDetails();
    }
  }

  togglePlay(): void {
    if (get().playing) this.pause();
    else this.play();
  }

  step(delta: number): void {
    this.pause();
    this.seek(get().target + delta);
  }

  toStart(): void {
    this.pause();
    this.seek(0);
  }

  toEnd(): void {
    this.pause();
    this.seek(get().stepCount);
  }

  setSpeed(speed: number): void {
    this.playClock = { position: get().target, at: performance.now() };
    set({ speed });
  }

  // ---- breakpoints -----------------------------------------------------------------------

  private allBreakpoints(): Breakpoint[] {
    const s = get();
    return [...s.lineBreakpoints.map((line): Breakpoint => ({ kind: 'line', line })), ...s.breakpoints];
  }

  runToBreakpoint(direction: 1 | -1): void {
    this.pause();
    const breakpoints = this.allBreakpoints();
    if (breakpoints.length === 0) {
      this.toast('No breakpoints: click a line number in the editor, press F9 on a line, or add one from the breakpoint menu (B).');
      return;
    }
    const from = get().target;
    this.client
      .request<'find-breakpoint'>({ type: 'find-breakpoint', position: from, direction, breakpoints })
      .then((r) => {
        if (r.position < 0) this.toast(direction > 0 ? 'No breakpoint after this step.' : 'No breakpoint before this step.');
        else this.seek(r.position);
      })
      .catch((e) => this.toast(`Breakpoint search failed: ${message(e)}`));
  }

  toggleLineBreakpoint(line: number): void {
    const lines = get().lineBreakpoints;
    set({ lineBreakpoints: lines.includes(line) ? lines.filter((l) => l !== line) : [...lines, line].sort((a, b) => a - b) });
  }

  addBreakpoint(bp: Breakpoint): void {
    const key = JSON.stringify(bp);
    const list = get().breakpoints;
    if (list.some((b) => JSON.stringify(b) === key)) return;
    set({ breakpoints: [...list, bp] });
  }

  removeBreakpoint(index: number): void {
    set({ breakpoints: get().breakpoints.filter((_, i) => i !== index) });
  }

  // ---- selection -------------------------------------------------------------------------

  selectId(id: number): void {
    set({ selectedId: id, inspectorTab: 'id' });
    this.refreshIdDetails();
  }

  describeId(id: number): Promise<IdDetails> {
    return this.client.request<'describe-id'>({ type: 'describe-id', position: get().position, pasid: id }).then((r) => r.details);
  }

  private refreshIdDetails(): void {
    const s = get();
    if (s.selectedId === undefined || s.stepCount === 0 && s.status !== 'ready') return;
    const id = s.selectedId;
    set({ idLoading: true });
    this.client
      .request<'describe-id'>({ type: 'describe-id', position: s.position, pasid: id })
      .then((r) => {
        if (get().selectedId === id) set({ idDetails: r.details, idLoading: false });
      })
      .catch(() => set({ idLoading: false }));
  }

  selectSet(name: string): void {
    set({ selectedSet: name, inspectorTab: 'set' });
  }

  selectDevice(name: string): void {
    set({ selectedDevice: name, inspectorTab: 'pasid' });
  }

  // ---- console, watches, matrix ------------------------------------------------------------

  /**
   * Adds the statements the console ran (and the text does not have yet) to the end of the
   * editor text: the console's run is the text's run with them appended, so a Run, a reload or
   * a share link then keeps what they did.
   */
  keepConsole(): void {
    const s = get();
    const n = s.consoleUnkept;
    // They ran after the text last run: after other edits they would run on another scenario.
    if (n === 0 || s.text !== s.loadedText) return;
    const eol = s.text.includes('\r\n') ? '\r\n' : '\n';
    const lines = this.consoleLines.slice(-n);
    const text = `${s.text}${s.text === '' || s.text.endsWith('\n') ? '' : eol}${lines.join(eol)}${eol}`;
    const tooLarge = oversizedEditMessage(text.length, 'console', s.text.length);
    if (tooLarge) {
      set({ banner: { kind: 'error', text: tooLarge } });
      return;
    }
    set({ text, consoleUnkept: 0 });
    this.toast(`${n} console statement${n === 1 ? '' : 's'} added at the end of the scenario.`);
  }

  runConsole(text: string): void {
    const line = text.trim();
    if (!line || get().consoleBusy) return;
    if (!this.lastLoad) {
      set({ consoleHistory: [...get().consoleHistory, { text: line, ok: false, message: 'load a scenario first' }] });
      return;
    }
    this.pause();
    set({ consoleBusy: true });
    const gen = ++this.loadGen;
    // A new run in the worker, as for a load (see load).
    this.loads++;
    const failedBefore = frameCache.info?.expectations.failed ?? 0;
    this.client
      .request<'console'>({ type: 'console', text: line })
      .then((r) => {
        if (!r.ok) {
          const msg = r.errors.map((d) => `${d.line}:${d.col}: ${d.message}`).join('\n');
          set({ consoleBusy: false, consoleHistory: [...get().consoleHistory, { text: line, ok: false, message: msg }] });
          return;
        }
        this.consoleLines.push(line);
        set({ consoleUnkept: get().consoleUnkept + 1 });
        this.applyInfo(r.info);
        const total = r.info.stepCount;
        const added = r.added;
        // Busy until the line is in the history, so the next statement's line comes after it.
        const entry = (ok: boolean, message: string) => set({ consoleBusy: false, consoleHistory: [...get().consoleHistory, { text: line, ok, message }] });
        const failures = r.info.expectations.failures;
        if (added === 0) {
          // An `expect` adds no step: say whether it held.
          const failed = r.info.expectations.failed > failedBefore;
          entry(!failed, failed ? `the expectation failed: actual ${failures[failures.length - 1]?.actual ?? '?'}` : /^expect\b/.test(line) ? 'the expectation held' : 'no step added');
        } else {
          // What the statement did, not only that it ran: "= INVALID_IOASID" with its warning.
          // Only the last step is fetched (a request is capped; the count says the rest).
          this.client
            .request<'steps'>({ type: 'steps', from: total - 1, to: total })
            .then((s) => entry(...consoleOutcome(s.steps[0], added, total)))
            .catch(() => entry(true, `${added} step${added === 1 ? '' : 's'} added`));
        }
        this.seek(total);
        void this.fetchTrace(gen);
        void this.refreshWatches();
      })
      .catch((e) => set({ consoleBusy: false, consoleHistory: [...get().consoleHistory, { text: line, ok: false, message: message(e) }] }));
  }

  setWatches(expressions: string[]): void {
    set({ watchExpressions: expressions });
    void this.refreshWatches();
    // The frame shown carries the old list's exact values: fetch it again with the new one
    // (while playing, the next frame does), even when a seek to that position is in flight.
    if (this.lastLoad && !get().playing) {
      this.refetchFrame = true;
      this.seek(get().target);
    }
  }

  private async refreshWatches(): Promise<void> {
    const expressions = get().watchExpressions;
    if (!this.lastLoad) return;
    if (expressions.length === 0) {
      set({ watchSeries: [], watchPositions: [] });
      return;
    }
    try {
      const r = await this.client.request<'watch'>({ type: 'watch', expressions, samples: WATCH_SAMPLES });
      set({ watchSeries: r.series, watchPositions: r.positions });
    } catch {
      // A crashed worker reports through onCrash; a stale watch is harmless.
    }
  }

  runMatrix(): void {
    const source = get().text;
    set({ dialog: 'matrix', matrixRunning: true, matrixError: undefined, matrixText: source });
    this.client
      .request<'matrix'>({ type: 'matrix', source })
      .then((r) => set({ matrixRows: r.rows, matrixRunning: false }))
      .catch((e) => set({ matrixRunning: false, matrixError: message(e) }));
  }

  // ---- sharing, import, export -----------------------------------------------------------

  share(): void {
    const s = get();
    const hash = encodeShareHash({ text: s.text, model: s.modelPinned ? s.model : undefined, position: s.position, lineBreakpoints: s.lineBreakpoints });
    const url = `${location.origin}${location.pathname}${hash}`;
    if (url.length > MAX_LINK_CHARS) {
      set({ banner: { kind: 'warning', text: `This scenario is too large to share as a link: ${url.length.toLocaleString('en-US')} characters once compressed, and browsers open links of up to ${MAX_LINK_CHARS.toLocaleString('en-US')}. Send the scenario file instead.`, action: { label: 'Export the scenario', run: () => this.exportAs('scenario') } } });
      return;
    }
    history.replaceState(null, '', hash);
    const done = () => this.toast('Share link copied; it is also in the address bar.');
    if (navigator.clipboard?.writeText) navigator.clipboard.writeText(url).then(done, () => this.toast('Share link is in the address bar.'));
    else this.toast('Share link is in the address bar.');
  }

  importFile(file: File): void {
    const what = `'${file.name}'`;
    if (/\.json$/i.test(file.name)) {
      this.importTrace(file, what);
      return;
    }
    // No statement starts with a brace: a file that does is a trace document whatever its name.
    file
      .slice(0, 64)
      .text()
      .then(
        (head) => (/^\uFEFF?\s*\{/.test(head) ? this.importTrace(file, what) : this.importScenario(file, what)),
        (e) => set({ banner: { kind: 'error', text: `Import failed: could not read ${what}: ${message(e)}` } }),
      );
  }

  private importScenario(file: File, what: string): void {
    if (file.size > MAX_IMPORT_BYTES) {
      set({ banner: { kind: 'error', text: `Import failed: ${tooLargeMessage(what, file.size)} Your editor text is unchanged.` } });
      return;
    }
    file
      .arrayBuffer()
      .then((buf) => {
        const r = decodeScenarioBytes(new Uint8Array(buf), what);
        if (!r.ok) {
          set({ banner: { kind: 'error', text: `Import failed: ${r.message} Your editor text is unchanged.` } });
          return;
        }
        const before = this.work();
        this.openScenario(file.name, r.text);
        // The replaced text may be the user's only copy (autosave follows the editor): keep it
        // a button away, as the library picker asks before replacing it.
        set({ banner: isOwnWork(before) && before.text !== r.text ? { kind: 'info', text: `Imported ${what}: it replaced your editor text.`, action: { label: 'Undo import', run: () => this.restoreWork(before), whileText: r.text } } : null });
      })
      .catch((e) => set({ banner: { kind: 'error', text: `Import failed: could not read ${what}: ${message(e)}` } }));
  }

  /**
   * A trace JSON (SPEC §6) is validated and summarised in a notice; it never touches the editor.
   * A worker of its own parses it: a 64 MB document takes about a second, which neither the
   * page nor the engine worker (serving the player) should spend. Without a factory (tests),
   * it is parsed here.
   */
  private importTrace(file: File, what: string): void {
    const refuse = (why: string): void => set({ banner: { kind: 'error', text: `Import failed: ${what} is not a valid trace: ${why}. Your editor text is unchanged.` } });
    if (file.size > MAX_TRACE_IMPORT_CHARS) {
      refuse(`${file.size.toLocaleString('en-US')} bytes is over the limit of ${MAX_TRACE_IMPORT_CHARS.toLocaleString('en-US')}`);
      return;
    }
    file
      .text()
      .then(
        (text) =>
          checkTrace(text, this.traceWorkerFactory).then(
            (r) => (r.ok ? set({ banner: { kind: 'info', text: `${r.summary} Imported from ${what}; your editor text is unchanged.` } }) : refuse(r.error)),
            (e) => set({ banner: { kind: 'error', text: `Import failed: ${what} could not be checked: ${message(e)}. Your editor text is unchanged.` } }),
          ),
        (e) => refuse(`could not read it: ${message(e)}`),
      );
  }

  exportAs(kind: ExportKind): void {
    const s = get();
    const base = s.name.replace(/\.ioasid$/, '').replace(/[^A-Za-z0-9_.-]+/g, '-') || 'scenario';
    switch (kind) {
      case 'scenario':
        downloadText(s.text, `${base}.ioasid`);
        return;
      case 'trace-json':
      case 'chrome-trace':
        this.client
          .request<'export'>({ type: 'export', format: kind })
          .then((r) => downloadText(r.text, kind === 'trace-json' ? `${base}.trace.json` : `${base}.perfetto.json`, 'application/json'))
          .catch((e) => this.toast(`Export failed: ${message(e)}`));
        return;
      case 'png-heatmap':
      case 'png-timeline': {
        const selector = kind === 'png-heatmap' ? '[data-view=heatmap] canvas' : '[data-view=timeline] canvas';
        const canvas = document.querySelector<HTMLCanvasElement>(selector);
        if (!canvas) {
          this.toast(`Show the ${kind === 'png-heatmap' ? 'heatmap' : 'timeline'} view first, then export it.`);
          return;
        }
        canvas.toBlob((blob) => {
          if (blob) downloadBlob(blob, `${base}.${kind === 'png-heatmap' ? 'heatmap' : 'timeline'}.step${s.position}.png`);
          else this.toast('The browser could not encode the PNG.');
        }, 'image/png');
        return;
      }
    }
  }

  toast(text: string): void {
    clearTimeout(this.toastTimer);
    set({ toast: text });
    this.toastTimer = setTimeout(() => set({ toast: null }), TOAST_MS);
  }
}

/** Line breakpoints on lines the text has (a link or an autosave may name lines past its end). */
function linesWithin(lines: number[], text: string): number[] {
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return lines.filter((l) => l <= count);
}
