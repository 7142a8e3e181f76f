// @vitest-environment jsdom
// The Find races dialog on a fake pool and fake actions: it searches the editor text under the
// model Run would use, shows progress and Cancel, lists each kind with its schedule line, and
// Replay puts that line into the text, reruns and seeks to the violation; Undo restores.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { ExploreHost } from '../../../src/ui/explore/ExploreHost';
import { requestExplore, resetExploreStore, useExplore } from '../../../src/ui/explore/exploreStore';
import type { ExploreOutcome, PoolProgress } from '../../../src/ui/explore/explorePool';
import { resetLabStore, useLab } from '../../../src/ui/store/labStore';
import { frameCache } from '../../../src/ui/store/frameCache';
import { PRESETS, withAxis, type ModelConfig } from '../../../src/engine/model';
import { MAX_SCENARIO_CHARS } from '../../../src/engine/scenario';
import type { SessionInfo } from '../../../src/worker/protocol';
import { fakeActions } from '../ui/fakeActions';
import { fakePool } from './fakeExplore';

const TEXT = readFileSync(join(import.meta.dirname, '../../../scenarios/reuse-race.ioasid'), 'utf8');
const FILE_MODEL = withAxis(PRESETS.cyclic, 'alloc', 'lowest') as ModelConfig;

const progress = (p: Partial<PoolProgress> = {}): PoolProgress => ({
  phase: 'exploring',
  schedules: 1234,
  states: 50_000,
  transitions: 90_000,
  statesPerSecond: 25_000,
  elapsedMs: 2000,
  violations: ['reuse-before-cleanup'],
  workers: 2,
  workersDone: 0,
  maxStates: 200_000,
  ...p,
});

const found: ExploreOutcome = {
  report: {
    schedules: 40,
    states: 300,
    transitions: 700,
    complete: true,
    elapsedMs: 1500,
    violations: [
      { kind: 'reuse-before-cleanup', schedule: ['vm1', 'vm1', 'vm1', 'vm1', 'vm2'], steps: 12, inEverySchedule: false },
      { kind: 'stale-translation', schedule: ['vm1', 'vm1', 'vm1', 'vm1', 'vm2', 'vm2'], steps: 14, inEverySchedule: true },
    ],
  },
  cancelled: false,
  lostKinds: [],
  workers: 2,
  sharedVisited: true,
  maxStates: 200_000,
};

function setup(text = TEXT) {
  resetLabStore({ text, status: 'ready', stepCount: 30, sessionVersion: 1 });
  resetExploreStore();
  const actions = fakeActions();
  const pool = fakePool();
  render(<ExploreHost actions={actions} pool={pool} />);
  act(() => requestExplore('current'));
  return { actions, pool, dialog: screen.getByRole('dialog', { name: 'Find races' }) };
}

describe('Find races dialog', () => {
  beforeEach(() => frameCache.clear());
  afterEach(cleanup);

  it('searches the editor text under the file model and shows progress with a cancel button', async () => {
    const { pool, dialog } = setup();
    expect(pool.runs).toHaveLength(1);
    // The scenario's own schedule line is not searched (nor replayed while trimming).
    expect(pool.runs[0].job).toMatchObject({ source: TEXT.replace(/^schedule .*\n/m, ''), model: FILE_MODEL, maxStates: 200_000 });
    expect(within(dialog).getByTestId('explore-model').textContent).toBe('cyclic alloc=lowest');
    expect(within(dialog).getByText("(the scenario's model line)")).toBeTruthy();
    act(() => pool.runs[0].job.onProgress!(progress()));
    const bar = within(dialog).getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('50000');
    expect(bar.getAttribute('aria-valuemax')).toBe('200000');
    const counts = within(dialog).getByTestId('explore-progress').textContent!;
    expect(counts).toMatch(/1,234 schedules/);
    expect(counts).toMatch(/50,000 of 200,000 states/);
    expect(counts).toMatch(/25,000 states\/s/);
    expect(counts).toMatch(/reuse-before-cleanup/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(pool.runs[0].cancelled).toBe(true);
    expect(await within(dialog).findByTestId('explore-status')).toHaveProperty('textContent', expect.stringMatching(/^Cancelled/));
  });

  it('lists each kind with its shortest schedule line, then Replay rewrites the text, reruns and seeks', async () => {
    const { actions, pool, dialog } = setup();
    await act(async () => pool.runs[0].finish(found));
    expect(within(dialog).getByTestId('explore-status').textContent).toMatch(/Complete/);
    const items = within(dialog).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-kind'))).toEqual(['reuse-before-cleanup', 'stale-translation']);
    expect(within(items[0]).getByTestId('schedule-line').textContent).toBe('schedule vm1 vm1 vm1 vm1 vm2');
    // 12 steps in the searched text (no schedule line); the pasted line is one more step.
    expect(within(items[0]).getByText('reached at step 13')).toBeTruthy();
    expect(within(items[0]).queryByText('in every schedule')).toBeNull();
    expect(within(items[1]).getByText('in every schedule')).toBeTruthy();
    const workers = within(dialog).getByText('workers').nextElementSibling!;
    expect(workers.textContent).toBe('2 · shared');
    expect(workers.getAttribute('title')).toMatch(/shared one visited set/);

    fireEvent.click(within(items[0]).getByRole('button', { name: 'Replay reuse-before-cleanup' }));
    const text = useLab.getState().text;
    const lines = text.split('\n');
    expect(lines.filter((l) => l.startsWith('schedule'))).toEqual(['schedule vm1 vm1 vm1 vm1 vm2']);
    // First statement after the header: right after the last header comment line.
    const at = lines.indexOf('schedule vm1 vm1 vm1 vm1 vm2');
    expect(lines[at - 1]).toMatch(/^#/);
    expect(lines.slice(0, at).every((l) => /^(title|model|#)/.test(l))).toBe(true);
    expect(actions.run).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('replay-notice').textContent).toMatch(/^Replaying the shortest schedule to reuse-before-cleanup under cyclic alloc=lowest: /);

    // The load the run started settles: the player goes to the frame after the violation's step.
    frameCache.setInfo({ violations: [{ kind: 'stale-translation', step: 9, line: 1, message: '' }, { kind: 'reuse-before-cleanup', step: 10, line: 1, message: '' }] } as unknown as SessionInfo);
    await act(async () => {
      useLab.setState({ status: 'loading' });
      useLab.setState({ status: 'ready', sessionVersion: 2 });
    });
    expect(actions.seek).toHaveBeenCalledWith(11);

    fireEvent.click(screen.getByRole('button', { name: 'Undo replay' }));
    expect(useLab.getState().text).toBe(TEXT);
    expect(actions.run).toHaveBeenCalledTimes(2);
    expect(screen.queryByTestId('replay-notice')).toBeNull();
  });

  it('keeps line breakpoints on their statements through Replay and Undo replay', async () => {
    const { pool, dialog } = setup();
    const lines = TEXT.split('\n');
    const dma = lines.findIndex((l) => /^\s*dma /.test(l)) + 1;
    const oldSchedule = lines.findIndex((l) => l.startsWith('schedule')) + 1;
    expect(dma).toBeGreaterThan(oldSchedule);
    useLab.setState({ lineBreakpoints: [oldSchedule, dma] });
    await act(async () => pool.runs[0].finish(found));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Replay reuse-before-cleanup' }));
    const after = useLab.getState().text.split('\n');
    // The old schedule line went (and its breakpoint); the dma line's breakpoint followed it.
    expect(useLab.getState().lineBreakpoints.map((l) => after[l - 1])).toEqual([lines[dma - 1]]);
    fireEvent.click(screen.getByRole('button', { name: 'Undo replay' }));
    expect(useLab.getState().lineBreakpoints).toEqual([oldSchedule, dma]);
  });

  it('offers no Undo replay once the text was edited after the replay (exploreSession.test: nor does a stale one act)', async () => {
    const { pool, dialog } = setup();
    await act(async () => pool.runs[0].finish(found));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Replay reuse-before-cleanup' }));
    const replayed = useLab.getState().text;
    act(() => useLab.setState({ text: `${replayed}note "my own line"\n` }));
    expect(screen.queryByRole('button', { name: 'Undo replay' })).toBeNull();
    expect(screen.getByTestId('replay-notice').textContent).toMatch(/edited since, so Undo replay would lose those edits/);
  });

  it('replays a kind the default schedule reaches by removing the schedule lines, inserting nothing', async () => {
    const { actions, pool, dialog } = setup();
    const byDefault: ExploreOutcome = { ...found, report: { ...found.report, violations: [{ kind: 'leak', schedule: [], steps: 20, inEverySchedule: true }] } };
    await act(async () => pool.runs[0].finish(byDefault));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Replay leak' }));
    expect(useLab.getState().text).toBe(TEXT.replace(/^schedule .*\n/m, ''));
    expect(actions.run).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('replay-notice').textContent).toMatch(/: the default schedule reaches it, so the schedule lines were removed\./);
  });

  it('offers Undo for a replay that only pinned a preset (the text needed no change), and unpins', async () => {
    const plain = TEXT.replace(/^schedule .*\n/m, '');
    const { actions, pool, dialog } = setup(plain);
    await act(async () => pool.runs[0].finish(found));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Find races under every preset' }));
    await act(async () => pool.runs[1].finish({ ...found, report: { ...found.report, violations: [{ kind: 'lock-order', schedule: [], steps: 3, inEverySchedule: true }] } }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await act(async () => {});
    fireEvent.click(within(dialog).getByRole('button', { name: 'Replay lock-order under v1' }));
    expect(useLab.getState()).toMatchObject({ text: plain, model: PRESETS.v1, modelPinned: true });
    fireEvent.click(screen.getByRole('button', { name: 'Undo replay' }));
    expect(useLab.getState()).toMatchObject({ text: plain, modelPinned: false });
    expect(actions.run).toHaveBeenCalledTimes(2);
  });

  it('shows the budget it keeps when a too-large entry meets a budget already at the maximum', () => {
    const { dialog } = setup();
    useExplore.setState({ budget: 50_000_000 });
    const field = within(dialog).getByRole('spinbutton', { name: 'State budget' }) as HTMLInputElement;
    fireEvent.change(field, { target: { value: '90000000' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(field.value).toBe('50000000');
  });

  it('says when the model searched is the default because the scenario has no model line', () => {
    const { dialog } = setup('set vm1 quota=4\nalloc vm1 -> a\n');
    expect(within(dialog).getByText('(the default: the scenario has no model line)')).toBeTruthy();
  });

  it('says why a state budget was not taken, and keeps the last one', () => {
    const { dialog } = setup();
    const field = within(dialog).getByRole('spinbutton', { name: 'State budget' });
    fireEvent.change(field, { target: { value: '500' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(within(dialog).getByRole('alert').textContent).toBe('at least 1,000 states: the budget stays 200,000');
    expect(useExplore.getState().budget).toBe(200_000);
    fireEvent.change(field, { target: { value: '90000000' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(within(dialog).getByRole('alert').textContent).toBe('at most 50,000,000 states: set to that');
    expect(useExplore.getState().budget).toBe(50_000_000);
  });

  it('refuses a Replay that would take the text past the size limit, and leaves the text as it was', async () => {
    // Without its own schedule line (a longer one replaced by a shorter one may go in), and a
    // comment pads it to 10 characters under the limit: no room for the line.
    const bare = TEXT.replace(/^schedule .*\n/m, '');
    const full = `${bare}# ${'x'.repeat(MAX_SCENARIO_CHARS - bare.length - 13)}\n`;
    expect(full.length).toBe(MAX_SCENARIO_CHARS - 10);
    const { actions, pool, dialog } = setup(full);
    await act(async () => pool.runs[0].finish(found));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Replay reuse-before-cleanup' }));
    expect(useLab.getState().text).toBe(full);
    expect(actions.run).not.toHaveBeenCalled();
    expect(useLab.getState().banner).toEqual({ kind: 'error', text: expect.stringMatching(/^Replay refused: the scenario would be 4,194,3\d\d characters \(the limit is 4,194,304\)\. Your editor text is unchanged\.$/) });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByTestId('replay-notice')).toBeNull();
  });

  it('does not seek when the replayed text fails to load', async () => {
    const { actions, pool, dialog } = setup();
    await act(async () => pool.runs[0].finish(found));
    fireEvent.click(within(dialog).getAllByRole('button', { name: /^Replay/ })[0]);
    await act(async () => useLab.setState({ status: 'error' }));
    expect(actions.seek).not.toHaveBeenCalled();
  });

  it('says so when nothing is reachable, and when the budget stopped the search', async () => {
    const { pool, dialog } = setup();
    await act(async () => pool.runs[0].finish({ ...found, report: { ...found.report, complete: false, violations: [] } }));
    expect(within(dialog).getByTestId('explore-status').textContent).toMatch(/Incomplete: the budget of 200,000 states/);
    expect(within(dialog).getByText(/No violation is reachable/)).toBeTruthy();
  });

  it('says a schedule from an incomplete search is the shortest found, not the shortest', async () => {
    const { pool, dialog } = setup();
    await act(async () => pool.runs[0].finish({ ...found, report: { ...found.report, complete: false } }));
    expect(within(dialog).getByTestId('explore-status').textContent).toMatch(/shortest found; a shorter one may exist/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Replay reuse-before-cleanup' }));
    expect(screen.getByTestId('replay-notice').textContent).toMatch(
      /^Replaying the shortest schedule found to reuse-before-cleanup under cyclic alloc=lowest \(the search was incomplete: a shorter one may exist\): /,
    );
  });

  it('finds races under every preset in turn and tabulates the kinds', async () => {
    const { pool, dialog } = setup();
    await act(async () => pool.runs[0].finish(found));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Find races under every preset' }));
    expect(pool.runs[1].job.model).toEqual(PRESETS.v1);
    await act(async () => pool.runs[1].finish({ ...found, report: { ...found.report, violations: [{ kind: 'lock-order', schedule: [], steps: 3, inEverySchedule: true }] } }));
    expect(pool.runs[2].job.model).toEqual(PRESETS.cyclic);
    await act(async () => pool.runs[2].finish({ ...found, report: { ...found.report, violations: [] } }));
    expect(pool.runs[3].job.model).toEqual(PRESETS.v4);
    act(() => pool.runs[3].job.onProgress!(progress({ violations: [] })));
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await act(async () => {});
    const row = (p: string) => dialog.querySelector(`tr[data-preset="${p}"]`)!.textContent;
    expect(row('v1')).toMatch(/lock-order.*complete/);
    expect(row('cyclic')).toMatch(/none.*complete/);
    expect(row('v4')).toMatch(/cancelled/);
    expect(useExplore.getState().presets?.running).toBe(false);

    // A kind in a row replays under that row's preset, pinned in the model picker; Undo unpins.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Replay lock-order under v1' }));
    expect(useLab.getState()).toMatchObject({ model: PRESETS.v1, modelPinned: true, text: TEXT.replace(/^schedule .*\n/m, '') });
    expect(screen.getByTestId('replay-notice').textContent).toMatch(/^Replaying the shortest schedule to lock-order under v1 \(pinned in the model picker: it races under that model, whatever the file's model line says\): /);
    fireEvent.click(screen.getByRole('button', { name: 'Undo replay' }));
    expect(useLab.getState()).toMatchObject({ modelPinned: false, text: TEXT });
  });

  it('keeps the app shortcuts away while it is open', () => {
    setup();
    let reached = false;
    const onKey = () => (reached = true);
    window.addEventListener('keydown', onKey);
    fireEvent.keyDown(document.body, { code: 'Space', key: ' ' });
    window.removeEventListener('keydown', onKey);
    expect(reached).toBe(false);
  });
});
