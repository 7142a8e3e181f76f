// @vitest-environment jsdom
// Opening a share link never costs the user their own scenario: it stays in autosave until
// they edit the shared one, a button brings it back, and a tab that changed nothing writes
// nothing when it closes (it would put an old copy over another tab's newer one).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTOSAVE_DEBOUNCE_MS, AUTOSAVE_KEY, holdAutosave, readAutosave, startAutosave, workOf } from '../../../src/ui/editor/autosave';
import { encodeShareHash } from '../../../src/ui/share/shareLink';
import { startLab } from '../../../src/ui/session/startup';
import type { LabController } from '../../../src/ui/session/labController';
import type { SavedWork } from '../../../src/ui/editor/autosave';
import { resetLabStore, useLab } from '../../../src/ui/store/labStore';

const MINE = 'title "my exercise"\nset vm1 quota=2\nalloc vm1 -> mine\n';
const SHARED = 'title "from a colleague"\nset vm9 quota=1\n';

/** The controller's text-changing calls, as the store sees them (no worker). */
function fakeLab(): LabController {
  return {
    openShared: (text: string, _m: unknown, _p: number, lineBreakpoints: number[]) => useLab.setState({ text, name: 'shared', lineBreakpoints }),
    restoreWork: (w: SavedWork, position = 0) => useLab.setState({ text: w.text, loadedText: w.text, name: w.name, lineBreakpoints: w.lineBreakpoints, position }),
    openScenario: (name: string, text: string) => useLab.setState({ name, text }),
    work: (): SavedWork => workOf(useLab.getState()),
  } as unknown as LabController;
}

const saveMine = () => localStorage.setItem(AUTOSAVE_KEY, JSON.stringify({ text: MINE, name: 'untitled', lineBreakpoints: [3] }));

describe('start-up with a share link', () => {
  let stop: () => void;
  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
    sessionStorage.clear();
    resetLabStore();
    holdAutosave(undefined);
    stop = startAutosave();
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
    history.replaceState(null, '', '/');
  });

  it('keeps the autosaved work until the shared text is edited, and offers it back', () => {
    saveMine();
    history.replaceState(null, '', `/${encodeShareHash({ text: SHARED, position: 0, lineBreakpoints: [] })}`);
    const lab = fakeLab();
    startLab(lab);
    vi.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS * 2);
    window.dispatchEvent(new Event('beforeunload'));
    expect(useLab.getState().text).toBe(SHARED);
    expect(readAutosave()?.text).toBe(MINE);
    // A reload opens the link again: it stays in the address bar.
    expect(location.hash).toMatch(/^#v=1&/);
    const banner = useLab.getState().banner!;
    expect(banner.text).toBe('Opened a shared scenario. Your own scenario "my exercise" is kept: it comes back with this button, or at the next start once you edit this one.');
    banner.action!.run();
    expect(useLab.getState()).toMatchObject({ text: MINE, lineBreakpoints: [3] });
    expect(location.hash).toBe('');
  });

  it('saves the shared scenario once it is edited, and drops the link then', () => {
    saveMine();
    history.replaceState(null, '', `/${encodeShareHash({ text: SHARED, position: 0, lineBreakpoints: [] })}`);
    startLab(fakeLab());
    useLab.setState({ text: `${SHARED}alloc vm9 -> x\n` });
    expect(location.hash).toBe('');
    vi.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS * 2);
    expect(readAutosave()?.text).toBe(`${SHARED}alloc vm9 -> x\n`);
  });

  it('a reload of the tab returns to the step it showed, for the same text only', () => {
    saveMine();
    startLab(fakeLab());
    useLab.setState({ position: 7 });
    window.dispatchEvent(new Event('pagehide'));
    resetLabStore();
    startLab(fakeLab());
    expect(useLab.getState()).toMatchObject({ text: MINE, position: 7 });
    // Another text (autosaved by another tab meanwhile) starts at step 0.
    localStorage.setItem(AUTOSAVE_KEY, JSON.stringify({ text: 'newer', name: 'untitled', lineBreakpoints: [] }));
    resetLabStore();
    startLab(fakeLab());
    expect(useLab.getState()).toMatchObject({ text: 'newer', position: 0 });
  });

  it('keeps the replaced work apart when the shared text is edited, and offers it at the next start, swapping', () => {
    saveMine();
    history.replaceState(null, '', `/${encodeShareHash({ text: SHARED, position: 0, lineBreakpoints: [] })}`);
    startLab(fakeLab());
    // The shared text is edited: it takes over the autosave, and the notice's button goes.
    useLab.setState({ text: `${SHARED}alloc vm9 -> x\n` });
    vi.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS * 2);
    expect(readAutosave()?.text).toBe(`${SHARED}alloc vm9 -> x\n`);
    // The next start opens the autosave and offers the kept work; opening it keeps the other.
    resetLabStore();
    history.replaceState(null, '', '/');
    const lab = fakeLab();
    startLab(lab);
    expect(useLab.getState().text).toBe(`${SHARED}alloc vm9 -> x\n`);
    const offer = useLab.getState().banner!;
    expect(offer.text).toBe('Also kept: your scenario "my exercise" from before a shared link replaced it.');
    offer.action!.run();
    expect(useLab.getState().text).toBe(MINE);
    expect(useLab.getState().banner!.action!.label).toBe('Open it');
    useLab.getState().banner!.action!.run();
    expect(useLab.getState().text).toBe(`${SHARED}alloc vm9 -> x\n`);
  });

  it('keeps the own work a library pick replaces while a link is open, even one saved after the link opened', () => {
    history.replaceState(null, '', `/${encodeShareHash({ text: SHARED, position: 0, lineBreakpoints: [] })}`);
    startLab(fakeLab());
    // Another tab saved the user's own work after this link opened.
    saveMine();
    useLab.setState({ name: 'quota.ioasid', text: 'set vm1 quota=1\n' });
    vi.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS * 2);
    expect(readAutosave()?.text).toBe('set vm1 quota=1\n');
    resetLabStore();
    history.replaceState(null, '', '/');
    startLab(fakeLab());
    expect(useLab.getState().banner!.text).toBe('Also kept: your scenario "my exercise" from before a shared link replaced it.');
  });

  it('"Back to my work" opens the newest own work, which another tab may have saved meanwhile', () => {
    saveMine();
    history.replaceState(null, '', `/${encodeShareHash({ text: SHARED, position: 0, lineBreakpoints: [] })}`);
    startLab(fakeLab());
    localStorage.setItem(AUTOSAVE_KEY, JSON.stringify({ text: `${MINE}note "newer"\n`, name: 'untitled', lineBreakpoints: [] }));
    useLab.getState().banner!.action!.run();
    expect(useLab.getState().text).toBe(`${MINE}note "newer"\n`);
  });

  it('a Run that changed nothing writes nothing (the file\'s model comes back as a new object)', () => {
    saveMine();
    startLab(fakeLab());
    vi.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS * 2);
    localStorage.setItem(AUTOSAVE_KEY, JSON.stringify({ text: 'newer', name: 'untitled', lineBreakpoints: [] }));
    useLab.setState({ model: { ...useLab.getState().model } });
    vi.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS * 2);
    window.dispatchEvent(new Event('beforeunload'));
    expect(readAutosave()?.text).toBe('newer');
  });

  it('writes nothing on close when the tab changed nothing', () => {
    saveMine();
    startLab(fakeLab());
    expect(useLab.getState().text).toBe(MINE);
    vi.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS * 2);
    // Another tab saves newer work meanwhile; closing this one must not put MINE back.
    localStorage.setItem(AUTOSAVE_KEY, JSON.stringify({ text: 'newer', name: 'untitled', lineBreakpoints: [] }));
    window.dispatchEvent(new Event('beforeunload'));
    expect(readAutosave()?.text).toBe('newer');
  });
});
