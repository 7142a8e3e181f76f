// LabController against the real worker handler run in-process: loading, seeking with at most
// one seek in flight (frames dropped, not queued), a failed load that keeps the old session,
// and recovery after the worker crashes (reload at the same position, text untouched).
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabHandler } from '../../../src/worker/handler';
import type { Request } from '../../../src/worker/protocol';
import { LabController } from '../../../src/ui/session/labController';
import { resetLabStore, useLab } from '../../../src/ui/store/labStore';
import { frameCache } from '../../../src/ui/store/frameCache';

const RCU = readFileSync(new URL('../../../scenarios/rcu-free-bug.ioasid', import.meta.url), 'utf8');
const QUOTA = readFileSync(new URL('../../../scenarios/quota.ioasid', import.meta.url), 'utf8');
/** 5 steps per repeat: 60,000 steps, three timeline windows' worth. */
const LONG = 'set vm1 quota=8\nnotifier kvm kind=kvm\nrepeat 12000 {\n  alloc vm1 -> a\n  get a\n  put a\n  free a\n  note "x"\n}\n';

/** A Worker stand-in that runs LabHandler on this thread, answering asynchronously. */
class InProcessWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  sent: Request[] = [];
  terminated = false;
  /** Requests of these types wait in `held` until release() (to look at the in-between state). */
  holdTypes = new Set<string>();
  private held: Request[] = [];
  private handler = new LabHandler((m) => setTimeout(() => !this.terminated && this.onmessage?.({ data: m } as MessageEvent), 0));
  postMessage(m: Request): void {
    this.sent.push(m);
    if (this.holdTypes.has(m.type)) this.held.push(m);
    else setTimeout(() => void this.handler.handle(m), 0);
  }
  release(): void {
    this.holdTypes.clear();
    for (const m of this.held.splice(0)) setTimeout(() => void this.handler.handle(m), 0);
  }
  terminate(): void {
    this.terminated = true;
  }
  crash(message: string): void {
    this.onerror?.({ message, preventDefault: () => {} } as ErrorEvent);
  }
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('LabController', () => {
  let workers: InProcessWorker[];
  let lab: LabController;

  beforeEach(() => {
    resetLabStore();
    frameCache.clear();
    workers = [];
    lab = new LabController(() => {
      const w = new InProcessWorker();
      workers.push(w);
      return w as unknown as Worker;
    });
  });
  // The store and frame cache are modules: let a test's late replies land before the next one.
  afterEach(() => new Promise((r) => setTimeout(r, 150)));

  it('loads a scenario, shows position 0, then seeks', async () => {
    lab.openScenario('rcu-free-bug.ioasid', RCU);
    await until(() => useLab.getState().status === 'ready' && useLab.getState().frameVersion > 0, 'the first frame');
    const s = useLab.getState();
    expect(s.stepCount).toBeGreaterThan(10);
    expect(s.position).toBe(0);
    expect(s.model.lock).toBe('mutex'); // the file's `model v1`
    lab.seek(5);
    await until(() => useLab.getState().position === 5, 'position 5');
    expect(frameCache.snapshot?.current?.index).toBe(4);
  });

  it('marks a frame one step after the frame shown (the heatmap patches only then), not a jump, a step back or a new run', async () => {
    const shownAt = async (p: number) => {
      lab.seek(p);
      await until(() => useLab.getState().position === p && frameCache.snapshot?.frame.position === p, `position ${p}`);
      return frameCache.snapshot!.followsShown;
    };
    lab.openScenario('rcu-free-bug.ioasid', RCU);
    await until(() => useLab.getState().status === 'ready' && useLab.getState().frameVersion > 0, 'the first frame');
    expect(frameCache.snapshot!.followsShown).toBe(false);
    expect(await shownAt(1)).toBe(true);
    expect(await shownAt(2)).toBe(true);
    expect(await shownAt(9)).toBe(false);
    expect(await shownAt(8)).toBe(false);
    expect(await shownAt(9)).toBe(true);
    // A new run that opens one step after the old run's frame still draws in full.
    lab.openShared(QUOTA, undefined, 10, []);
    await until(() => useLab.getState().loadedText === QUOTA && frameCache.snapshot?.frame.position === 10, 'the new run at step 10');
    expect(frameCache.snapshot!.followsShown).toBe(false);
    expect(await shownAt(11)).toBe(true);
    // A frame that comes while a new run is on its way (the worker may answer from it) does
    // not continue the frame on show either.
    workers[workers.length - 1].holdTypes.add('load');
    lab.openScenario('rcu-free-bug.ioasid', RCU);
    expect(await shownAt(12)).toBe(false);
    workers[workers.length - 1].release();
  });

  it('the console says what a statement did: its step after the scenario, its result and warning', async () => {
    lab.openScenario('quota.ioasid', QUOTA);
    await until(() => useLab.getState().status === 'ready' && useLab.getState().frameVersion > 0, 'the run');
    const before = useLab.getState().stepCount;
    lab.runConsole('free 999');
    await until(() => useLab.getState().consoleHistory.length === 1, 'the first console line');
    expect(useLab.getState().consoleHistory[0]).toEqual({
      text: 'free 999',
      ok: false,
      message: expect.stringMatching(new RegExp(`^step ${before + 1}, after the scenario's end: = .* — warning: .*999`)),
    });
    lab.runConsole('alloc vm1');
    await until(() => useLab.getState().consoleHistory.length === 2, 'the second console line');
    expect(useLab.getState().consoleHistory[1]).toEqual({ text: 'alloc vm1', ok: true, message: `step ${before + 2}, after the scenario's end: = 6` });
    // An expect adds no step: the line says whether it held.
    lab.runConsole('expect used vm1 == 99');
    await until(() => useLab.getState().consoleHistory.length === 3, 'the third console line');
    expect(useLab.getState().consoleHistory[2]).toEqual({ text: 'expect used vm1 == 99', ok: false, message: 'the expectation failed: actual 6' });
    lab.runConsole('expect used vm1 == 6');
    await until(() => useLab.getState().consoleHistory.length === 4, 'the fourth console line');
    expect(useLab.getState().consoleHistory[3]).toMatchObject({ ok: true, message: 'the expectation held' });
  });

  it('adds the console\'s statements to the end of the text, where a Run gives the same run', async () => {
    lab.openScenario('quota.ioasid', QUOTA);
    await until(() => useLab.getState().status === 'ready' && useLab.getState().frameVersion > 0, 'the run');
    lab.runConsole('alloc vm1 -> extra');
    await until(() => useLab.getState().consoleHistory.length === 1, 'the first console line');
    lab.runConsole('bogus statement');
    await until(() => useLab.getState().consoleHistory.length === 2, 'the second console line');
    lab.runConsole('free extra');
    await until(() => useLab.getState().consoleHistory.length === 3, 'the third console line');
    // The statement that did not parse never ran: it is not added.
    expect(useLab.getState().consoleUnkept).toBe(2);
    const steps = useLab.getState().stepCount;
    lab.keepConsole();
    expect(useLab.getState().text).toBe(`${QUOTA}${QUOTA.endsWith('\n') ? '' : '\n'}alloc vm1 -> extra\nfree extra\n`);
    expect(useLab.getState().consoleUnkept).toBe(0);
    lab.keepConsole();
    expect(useLab.getState().text.match(/free extra/g)).toHaveLength(1);
    lab.run();
    await until(() => useLab.getState().status === 'ready' && useLab.getState().loadedText === useLab.getState().text, 'the run of the longer text');
    expect(useLab.getState().stepCount).toBe(steps);
    // After an edit that was not run, they would run on another scenario: not added.
    lab.runConsole('alloc vm1 -> more');
    await until(() => useLab.getState().consoleUnkept === 1, 'a console line');
    useLab.setState({ text: 'set vm1 quota=1\n' });
    lab.keepConsole();
    expect(useLab.getState().text).toBe('set vm1 quota=1\n');
  });

  it('a jump while playing plays on from the new place instead of going back', async () => {
    lab.openScenario('rcu-free-bug.ioasid', RCU);
    await until(() => useLab.getState().status === 'ready' && useLab.getState().frameVersion > 0, 'the first frame');
    lab.setSpeed(0.25); // a step every 2 s: the clock cannot reach step 2 during this test
    lab.play();
    expect(useLab.getState().playing).toBe(true);
    lab.seek(12);
    await until(() => useLab.getState().position === 12, 'position 12');
    // Several ticks later, still there (before the fix the clock took it back to 0).
    await new Promise((r) => setTimeout(r, 300));
    expect(useLab.getState().position).toBe(12);
    expect(useLab.getState().playing).toBe(true);
    lab.pause();
  });

  it('keeps at most one seek in flight and lands on the latest target', async () => {
    lab.openScenario('rcu-free-bug.ioasid', RCU);
    await until(() => useLab.getState().frameVersion > 0, 'the first frame');
    const before = workers[0].sent.filter((m) => m.type === 'seek').length;
    for (let p = 1; p <= 12; p++) lab.seek(p);
    await until(() => useLab.getState().position === 12, 'position 12');
    const seeks = workers[0].sent.filter((m) => m.type === 'seek').length - before;
    expect(seeks).toBe(2); // the first target, then the newest one; 2…11 were dropped
  });

  it('frames carry the watches at exactly their position; a new watch list is fetched even with a seek to the same position in flight', async () => {
    lab.openScenario('quota.ioasid', QUOTA);
    await until(() => useLab.getState().frameVersion > 0, 'the first frame');
    lab.seek(7);
    await until(() => useLab.getState().position === 7, 'position 7');
    expect([...frameCache.snapshot!.watches!.keys()]).toEqual(useLab.getState().watchExpressions);
    // A seek to 9 is in flight when the list changes: the frame is fetched again with the new list.
    workers[0].holdTypes.add('seek');
    lab.seek(9);
    lab.setWatches(['used vm1']);
    workers[0].release();
    await until(() => frameCache.snapshot?.frame.position === 9 && frameCache.snapshot.watches?.has('used vm1') === true, 'the new list at position 9');
    expect(useLab.getState().position).toBe(9);
    expect(typeof frameCache.snapshot!.watches!.get('used vm1')).toBe('number');
  });

  it('a failed load keeps the previous session and the editor text', async () => {
    lab.openScenario('rcu-free-bug.ioasid', RCU);
    await until(() => useLab.getState().frameVersion > 0, 'the first frame');
    const steps = useLab.getState().stepCount;
    useLab.setState({ text: 'frea 1\n' });
    lab.run();
    await until(() => useLab.getState().status === 'error', 'the failed load');
    const s = useLab.getState();
    expect(s.loadErrors[0]).toMatchObject({ line: 1, col: 1 });
    expect(s.text).toBe('frea 1\n');
    expect(s.stepCount).toBe(steps);
    lab.seek(3);
    await until(() => useLab.getState().position === 3, 'a seek on the old session');
  });

  it('after a worker crash it reloads the last scenario at the last position', async () => {
    lab.openScenario('rcu-free-bug.ioasid', RCU);
    await until(() => useLab.getState().frameVersion > 0, 'the first frame');
    lab.seek(6);
    await until(() => useLab.getState().position === 6, 'position 6');
    useLab.setState({ text: `${RCU}\n# unsaved edit` });
    workers[0].crash('out of memory');
    expect(workers).toHaveLength(2);
    expect(useLab.getState().banner?.text).toMatch(/out of memory\. The scenario was reloaded at step 6; your editor text is untouched\./);
    await until(() => useLab.getState().status === 'ready' && workers[1].sent.some((m) => m.type === 'seek'), 'the reload');
    await until(() => useLab.getState().position === 6 && useLab.getState().frameVersion > 0, 'position 6 again');
    expect(workers[1].sent[0]).toMatchObject({ type: 'load', source: RCU });
    expect(useLab.getState().text).toBe(`${RCU}\n# unsaved edit`);
  });

  it('a new run does not show the previous run\'s timeline or watch curves while its own load', async () => {
    lab.openScenario('rcu-free-bug.ioasid', RCU);
    await until(() => frameCache.trace.steps.length > 0 && (useLab.getState().watchSeries?.length ?? 0) > 0, 'the first trace and watches');
    const firstTitle = useLab.getState().title;
    workers[0].holdTypes = new Set(['steps', 'watch']);
    lab.openScenario('quota.ioasid', QUOTA);
    await until(() => useLab.getState().status === 'ready' && useLab.getState().title !== firstTitle, 'the second run');
    expect(frameCache.trace.steps).toEqual([]);
    expect(useLab.getState().watchSeries).toEqual([]);
    workers[0].release();
    await until(() => frameCache.trace.steps.length > 0 && (useLab.getState().watchSeries?.length ?? 0) > 0, 'the second trace and watches');
    expect(frameCache.trace.steps.length).toBe(useLab.getState().stepCount);
  });

  it('finds breakpoints through the worker', async () => {
    lab.openScenario('rcu-free-bug.ioasid', RCU);
    await until(() => useLab.getState().frameVersion > 0, 'the first frame');
    lab.addBreakpoint({ kind: 'violation' });
    lab.runToBreakpoint(1);
    await until(() => useLab.getState().position > 0, 'the violation');
    const p = useLab.getState().position;
    expect(frameCache.info!.violations.some((v) => v.step === p - 1)).toBe(true);
  });

  it('keeps the timeline on a window around the current step of a long run, moving it as the step moves', async () => {
    lab.openScenario('long.ioasid', LONG);
    await until(() => useLab.getState().status === 'ready' && frameCache.trace.steps.length > 0, 'the first window');
    const total = useLab.getState().stepCount;
    expect(total).toBeGreaterThan(50_000);
    expect(frameCache.trace).toMatchObject({ truncated: true, from: 0, to: 20_000 });
    // Far into the run: the window is centred on the new step and holds exactly its steps.
    lab.seek(40_000);
    await until(() => frameCache.trace.from > 0, 'the window to move');
    const { from, to, steps } = frameCache.trace;
    expect(from).toBeLessThanOrEqual(39_999);
    expect(to).toBeGreaterThan(39_999);
    expect(to - from).toBe(20_000);
    expect(steps.map((x) => x.index)).toEqual(Array.from({ length: 20_000 }, (_, i) => from + i));
    // A step inside the window's middle does not move it; the last step takes it to the end.
    lab.seek(from + 10_000);
    await until(() => useLab.getState().position === from + 10_000, 'the seek');
    expect(frameCache.trace.from).toBe(from);
    lab.seek(total);
    await until(() => frameCache.trace.to === total, 'the window at the end');
    expect(frameCache.trace.from).toBe(total - 20_000);
  }, 30_000);

  it('moves the timeline window to a step chosen while the first window was still being fetched', async () => {
    lab.openScenario('long.ioasid', LONG);
    await until(() => useLab.getState().status === 'ready', 'the run');
    // The first window's pages wait in the worker while the user presses End.
    const w = workers[workers.length - 1];
    w.holdTypes.add('steps');
    const total = useLab.getState().stepCount;
    lab.seek(total);
    await until(() => useLab.getState().position === total, 'the end');
    w.release();
    await until(() => frameCache.trace.to === total, 'the window at the end');
    expect(frameCache.trace.from).toBe(total - 20_000);
  }, 30_000);
  it('an import that replaced the user\'s own text offers to put it back, breakpoints and all', async () => {
    useLab.setState({ text: 'set vm1 quota=2\nalloc vm1 -> mine\n', name: 'untitled', lineBreakpoints: [2] });
    lab.importFile(new File([QUOTA], 'quota-copy.ioasid'));
    await until(() => useLab.getState().text === QUOTA, 'the import');
    const banner = useLab.getState().banner!;
    expect(banner.text).toBe("Imported 'quota-copy.ioasid': it replaced your editor text.");
    expect(useLab.getState().lineBreakpoints).toEqual([]);
    banner.action!.run();
    expect(useLab.getState()).toMatchObject({ text: 'set vm1 quota=2\nalloc vm1 -> mine\n', name: 'untitled', lineBreakpoints: [2] });
    await until(() => useLab.getState().status === 'ready', 'the restored text to run');
  });

  it('an import over an unedited library scenario says nothing: no work was replaced', async () => {
    lab.openScenario('rcu-free-bug.ioasid', RCU);
    lab.importFile(new File([QUOTA], 'quota-copy.ioasid'));
    await until(() => useLab.getState().text === QUOTA, 'the import');
    expect(useLab.getState().banner).toBeNull();
  });

  it('reads a trace document as a trace whatever its file name, leaving the editor alone', async () => {
    useLab.setState({ text: RCU });
    const trace = JSON.stringify({ version: 1, title: 't', model: 'v1', steps: [], violations: [], summary: {} });
    lab.importFile(new File([trace], 'trace.txt'));
    await until(() => useLab.getState().banner !== null, 'the trace check');
    // The trace checker answered (a scenario import would have replaced the text instead).
    expect(useLab.getState().banner!.text).toBe("Import failed: 'trace.txt' is not a valid trace: model must be an object. Your editor text is unchanged.");
    expect(useLab.getState().text).toBe(RCU);
  });
  it('drops line breakpoints past the end of a shared or restored text', async () => {
    lab.openShared('set vm1 quota=1\nalloc vm1 -> a\n', undefined, 0, [2, 3, 500]);
    expect(useLab.getState().lineBreakpoints).toEqual([2, 3]);
    lab.restoreWork({ text: 'set vm1 quota=1', name: 'untitled', lineBreakpoints: [1, 4] });
    expect(useLab.getState().lineBreakpoints).toEqual([1]);
    await until(() => useLab.getState().status === 'ready', 'the run');
  });
});
