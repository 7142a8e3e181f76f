// What the explorer dialog's buttons do: start a search on the editor text (under the model
// the Run button would use), or one search per preset in turn; cancel; replay a found schedule
// in the player; undo that replay. State goes to useExplore; the lab itself is driven only
// through LabActions, so tests pass a fake pool and fake actions.

import { MODEL_AXES, PRESET_NAMES, PRESETS, presetOf, type ModelConfig, type PresetName } from '../../engine/model';
import type { ExploreViolation } from '../../engine/run/explore/explorer';
import type { LabActions } from '../session/actions';
import { fileModelOf } from '../session/fileModel';
import { frameCache } from '../store/frameCache';
import { useLab } from '../store/labStore';
import type { ExplorePool, ExploreRun } from './explorePool';
import { useExplore, type PresetRow } from './exploreStore';
import { insertScheduleLine, moveLines, movedBack, withoutScheduleLines } from './scheduleText';
import { oversizedEditMessage } from '../editor/editLimit';
import { stepsInReplay } from '../../engine/run/explore/replay';

export interface ExploreSession {
  startCurrent(): void;
  startPresets(): void;
  cancel(): void;
  close(): void;
  /**
   * `exact`: the search was complete, so the schedule is the shortest there is, not only the
   * shortest found. `preset`: a row of the every-preset table; the model picker is pinned to
   * it, since the schedule races only under that model.
   */
  replay(v: Pick<ExploreViolation, 'kind' | 'schedule' | 'steps'>, exact: boolean, preset?: PresetName): Promise<boolean>;
  undoReplay(): void;
}

/** The model as a `model` line would say it: the nearest preset and the axes that differ. */
export function describeModel(model: ModelConfig): string {
  const exact = presetOf(model);
  if (exact) return exact;
  const diff = (p: PresetName) => MODEL_AXES.filter((a) => PRESETS[p][a] !== model[a]);
  const nearest = PRESET_NAMES.reduce((best, p) => (diff(p).length < diff(best).length ? p : best));
  return [nearest, ...diff(nearest).map((a) => `${a}=${model[a]}`)].join(' ');
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Resolves once the load that `run()` started has settled: true when it succeeded. */
function loadSettled(versionBefore: number): Promise<boolean> {
  return new Promise((resolve) => {
    const check = (s: ReturnType<typeof useLab.getState>): boolean => {
      if (s.status === 'error') resolve(false);
      else if (s.status === 'ready' && s.sessionVersion !== versionBefore) resolve(true);
      else return false;
      return true;
    };
    if (check(useLab.getState())) return;
    const unsubscribe = useLab.subscribe((s) => {
      if (check(s)) unsubscribe();
    });
  });
}

export function createExploreSession(pool: ExplorePool, actions: LabActions): ExploreSession {
  let active: ExploreRun | undefined;
  let presetsCancelled = false;
  const set = useExplore.setState;
  const get = useExplore.getState;

  const startCurrent = () => {
    if (active) return;
    const lab = useLab.getState();
    // The model the Run button would use, so a replay runs under the model that was searched.
    const file = lab.modelPinned ? undefined : fileModelOf(lab.text);
    const model = file?.model ?? lab.model;
    const modelSource = lab.modelPinned ? 'picker' : file?.fromLine ? 'file' : 'default';
    set({ mode: 'current', current: { model, modelLabel: describeModel(model), modelSource, status: 'running' } });
    const run = pool.start({
      source: withoutScheduleLines(lab.text),
      model,
      maxStates: get().budget,
      onProgress: (progress) => {
        const cur = get().current;
        if (cur?.status === 'running') set({ current: { ...cur, progress } });
      },
    });
    active = run;
    run.done.then(
      (outcome) => set({ current: { ...get().current!, status: 'done', outcome } }),
      (e) => set({ current: { ...get().current!, status: 'error', error: message(e) } }),
    ).finally(() => {
      if (active === run) active = undefined;
    });
  };

  const startPresets = async () => {
    if (active) return;
    const source = withoutScheduleLines(useLab.getState().text);
    presetsCancelled = false;
    const rows: PresetRow[] = PRESET_NAMES.map((preset) => ({ preset, status: 'waiting' }));
    const update = (i: number, patch: Partial<PresetRow>) => {
      const p = get().presets;
      if (!p) return;
      set({ presets: { ...p, rows: p.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) } });
    };
    set({ mode: 'presets', presets: { running: true, rows } });
    // One preset at a time: each search already uses every core.
    for (let i = 0; i < rows.length; i++) {
      if (presetsCancelled) {
        update(i, { status: 'cancelled' });
        continue;
      }
      update(i, { status: 'running' });
      const run = pool.start({ source, model: PRESETS[rows[i].preset], maxStates: get().budget, onProgress: (progress) => update(i, { progress }) });
      active = run;
      try {
        const outcome = await run.done;
        update(i, { status: outcome.cancelled ? 'cancelled' : 'done', outcome });
      } catch (e) {
        update(i, { status: 'error', error: message(e) });
      } finally {
        active = undefined;
      }
    }
    const p = get().presets;
    if (p) set({ presets: { ...p, running: false } });
  };

  const cancel = () => {
    presetsCancelled = true;
    active?.cancel();
  };

  const replay: ExploreSession['replay'] = async (v, exact, preset) => {
    const lab = useLab.getState();
    const previous = lab.text;
    const edit = insertScheduleLine(previous, v.schedule);
    const text = edit.text;
    // A text at the size limit has no room for the line: the run would only say "too large".
    const tooLarge = oversizedEditMessage(text.length, 'replay', previous.length);
    if (tooLarge) {
      set({ open: false });
      useLab.setState({ banner: { kind: 'error', text: tooLarge } });
      return false;
    }
    const versionBefore = lab.sessionVersion;
    cancel();
    // Breakpoints stay on their statements: the lines below an inserted line move down.
    const lineBreakpoints = moveLines(lab.lineBreakpoints, edit.moved);
    const modelBefore = { model: lab.model, pinned: lab.modelPinned };
    if (preset) useLab.setState({ model: PRESETS[preset], modelPinned: true });
    const pinned = useLab.getState().modelPinned;
    set({
      open: false,
      undo: {
        kind: v.kind,
        exact,
        text: previous,
        replayed: text,
        inserted: edit.inserted !== undefined,
        removed: edit.removed,
        lineBreakpoints: { before: lab.lineBreakpoints, after: lineBreakpoints },
        back: movedBack(edit),
        // The run's model as Run picks it: the pinned one, or the replayed text's model line.
        model: describeModel(pinned ? useLab.getState().model : (fileModelOf(text)?.model ?? lab.model)),
        pinned: pinned ? { ...modelBefore, byReplay: preset !== undefined } : undefined,
      },
    });
    useLab.setState({ text, lineBreakpoints });
    actions.run();
    if (!(await loadSettled(versionBefore))) return false;
    if (useLab.getState().text !== text) return false;
    // The first violation of that kind in the replayed run; the frame after its step shows it.
    const hit = frameCache.info?.violations.find((x) => x.kind === v.kind);
    actions.seek(hit ? hit.step + 1 : stepsInReplay(v, 0));
    return true;
  };

  const undoReplay = () => {
    const undo = get().undo;
    const lab = useLab.getState();
    // Text typed since the replay would be lost: the notice offers no Undo then.
    if (!undo || lab.text !== undo.replayed) return;
    set({ undo: undefined });
    // A model the replay pinned goes back to what it was.
    if (undo.pinned?.byReplay) useLab.setState({ model: undo.pinned.model, modelPinned: undo.pinned.pinned });
    if (undo.text !== undo.replayed) {
      const { before, after } = undo.lineBreakpoints;
      useLab.setState({ text: undo.text, lineBreakpoints: lab.lineBreakpoints === after ? before : moveLines(lab.lineBreakpoints, undo.back) });
    }
    if (undo.text !== undo.replayed || undo.pinned?.byReplay) actions.run();
  };

  return {
    startCurrent,
    startPresets: () => void startPresets(),
    cancel,
    close: () => {
      cancel();
      set({ open: false, pending: null });
    },
    replay,
    undoReplay,
  };
}
