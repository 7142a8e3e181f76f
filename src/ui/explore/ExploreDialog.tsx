// The "Find races" dialog (SPEC §7): the model searched, a progress bar with counts, rate and
// Cancel while the workers run; then complete/incomplete, the counts and, per violation kind,
// its shortest schedule as a `schedule …` line with a Replay button. A second mode searches
// under every preset in turn and tabulates the kinds found.

import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
// The searched text has its schedule lines removed; Replay adds one (see stepsInReplay).
import { scheduleLine, stepsInReplay } from '../../engine/run/explore/replay';
import { incompleteReasons, incompleteWhy, type IncompleteReason } from '../../engine/run/explore/incompleteWhy';
import { Modal } from '../shell/Modal';
import { ViolationBadge } from '../inspectors/ViolationBadge';
import { MAX_SHARED_STATES, type ExploreOutcome, type PoolProgress } from './explorePool';
import { useExplore, type CurrentRun, type PresetRow } from './exploreStore';
import type { ExploreSession } from './exploreSession';
import './explore.css';

/** A preset row's word for each reason its search is incomplete (incompleteWhy says it in full). */
const SHORT_REASON: Record<IncompleteReason, string> = { cut: 'long runs cut', full: 'table full', budget: 'budget' };

const MODEL_SOURCE_TEXT: Record<CurrentRun['modelSource'], string> = {
  file: "the scenario's model line",
  picker: 'picked in the model picker',
  default: 'the default: the scenario has no model line',
};

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const MIN_BUDGET = 1000;
const MAX_BUDGET = 50_000_000;

const PHASE_TEXT = { splitting: 'Splitting the frontier…', exploring: 'Exploring schedules…', trimming: 'Trimming the shortest schedules…' } as const;

export function ProgressView({ progress, onCancel, compact }: { progress?: PoolProgress; onCancel?: () => void; compact?: boolean }) {
  const p = progress;
  const fraction = p ? Math.min(1, p.states / p.maxStates) : 0;
  return (
    <div className={`explore-progress${compact ? ' explore-progress--compact' : ''}`} data-testid="explore-progress">
      <div className="explore-progress__row">
        <div
          className="explore-bar"
          role="progressbar"
          aria-label="States explored of the budget"
          aria-valuemin={0}
          aria-valuemax={p?.maxStates ?? 1}
          aria-valuenow={p?.states ?? 0}
        >
          <div className="explore-bar__fill" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
        </div>
        {onCancel && (
          <button type="button" className="btn btn--small" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <p className="explore-counts" aria-live="polite">
        {!p ? (
          'Starting the workers…'
        ) : (
          <>
            <span>{PHASE_TEXT[p.phase]}</span> <span className="explore-num">{fmt(p.schedules)}</span> schedules · <span className="explore-num">{fmt(p.states)}</span> of {fmt(p.maxStates)} states ·{' '}
            <span className="explore-num">{fmt(p.statesPerSecond)}</span> states/s · {p.workers} worker{p.workers === 1 ? '' : 's'} · {(p.elapsedMs / 1000).toFixed(1)} s
          </>
        )}
      </p>
      {!compact && (
        <p className="explore-counts">
          Violations so far:{' '}
          {p && p.violations.length ? (
            p.violations.map((k) => <ViolationBadge key={k} kind={k} />)
          ) : (
            <span className="muted">none yet</span>
          )}
        </p>
      )}
    </div>
  );
}

function Summary({ outcome }: { outcome: ExploreOutcome }) {
  const r = outcome.report;
  const status = outcome.cancelled
    ? { cls: 'warn', text: `Cancelled: the counts are what the workers had reported; the search is incomplete.${r.violations.length ? ' Each schedule below is the shortest found; a shorter one may exist.' : ''}` }
    : r.complete
      ? { cls: 'ok', text: 'Complete: every schedule was explored.' }
      : { cls: 'warn', text: `Incomplete: ${incompleteWhy(r, fmt(outcome.maxStates), 'budget')}.${r.violations.length ? ' Each schedule below is the shortest found; a shorter one may exist.' : ''}` };
  return (
    <div className="explore-summary">
      <p className={`explore-status explore-status--${status.cls}`} data-testid="explore-status">
        {status.text}
      </p>
      <dl className="explore-stats">
        <div>
          <dt>schedules</dt>
          <dd>{fmt(r.schedules)}</dd>
        </div>
        <div>
          <dt>distinct states</dt>
          <dd>{fmt(r.states)}</dd>
        </div>
        <div>
          <dt>transitions</dt>
          <dd>{fmt(r.transitions)}</dd>
        </div>
        <div>
          <dt>time</dt>
          <dd>{(r.elapsedMs / 1000).toFixed(1)} s</dd>
        </div>
        <div>
          <dt>workers</dt>
          <dd
            title={
              outcome.workers < 2
                ? 'one Web Worker explored every schedule'
                : outcome.sharedVisited
                  ? 'the workers shared one visited set: each state was explored once'
                  : `each worker kept its own visited set (the page is not cross-origin isolated, or the budget is above ${MAX_SHARED_STATES.toLocaleString('en-US')} states): states reachable from several shares were explored by each`
            }
          >
            {outcome.workers}
            {outcome.workers > 1 && <span className="explore-shared"> · {outcome.sharedVisited ? 'shared' : 'separate'}</span>}
          </dd>
        </div>
      </dl>
    </div>
  );
}

function ViolationList({ outcome, onReplay }: { outcome: ExploreOutcome; onReplay: ExploreSession['replay'] }) {
  const { violations } = outcome.report;
  if (violations.length === 0 && outcome.lostKinds.length === 0) {
    return <p className="explore-none">No violation is reachable in the explored schedules{outcome.report.complete ? '.' : ' (within what was explored).'}</p>;
  }
  return (
    <ul className="explore-list" aria-label="Violations found">
      {violations.map((v) => (
        <li key={v.kind} className="explore-item" data-kind={v.kind}>
          <div className="explore-item__head">
            <ViolationBadge kind={v.kind} />
            {v.inEverySchedule && <span className="explore-tag">in every schedule</span>}
            {/* A cancelled search's schedules were not trimmed, and their step counts not checked by a replay. */}
            {!outcome.cancelled && <span className="muted explore-item__steps">reached at step {fmt(stepsInReplay(v, 0))}</span>}
            <button type="button" className="btn btn--small btn--primary explore-item__replay" onClick={() => void onReplay(v, outcome.report.complete)} aria-label={`Replay ${v.kind}`}>
              Replay
            </button>
          </div>
          <code className="explore-line" data-testid="schedule-line">
            {scheduleLine(v.schedule)}
          </code>
        </li>
      ))}
      {outcome.lostKinds.map((k) => (
        <li key={k} className="explore-item explore-item--lost" data-kind={k}>
          <div className="explore-item__head">
            <ViolationBadge kind={k} />
            <span className="muted">found just before the cancel, after its worker last reported: search again to get its schedule</span>
          </div>
        </li>
      ))}
    </ul>
  );
}

function CurrentView({ run, session }: { run: CurrentRun; session: ExploreSession }) {
  return (
    <section aria-label="Search on the current model">
      <p className="explore-model">
        <span className="muted">Model searched:</span> <strong data-testid="explore-model">{run.modelLabel}</strong>{' '}
        <span className="muted">({MODEL_SOURCE_TEXT[run.modelSource]})</span>
      </p>
      {run.status === 'running' && <ProgressView progress={run.progress} onCancel={session.cancel} />}
      {run.status === 'error' && (
        <p className="explore-status explore-status--danger" role="alert">
          The search failed: {run.error}
        </p>
      )}
      {run.status === 'done' && run.outcome && (
        <>
          <Summary outcome={run.outcome} />
          <ViolationList outcome={run.outcome} onReplay={session.replay} />
          {run.outcome.report.violations.length > 0 && (
            <p className="muted explore-hint">Replay puts the schedule line first after the header (removing any other schedule line), reruns the scenario and shows the step of the violation.</p>
          )}
        </>
      )}
    </section>
  );
}

function PresetTable({ rows, running, session }: { rows: PresetRow[]; running: boolean; session: ExploreSession }) {
  return (
    <section aria-label="Races under every preset">
      <table className="explore-table">
        <caption>Violation kinds the explorer finds under each preset (the editor text, its own schedule ignored)</caption>
        <thead>
          <tr>
            <th scope="col">preset</th>
            <th scope="col">kinds found</th>
            <th scope="col" className="explore-num">
              schedules
            </th>
            <th scope="col" className="explore-num">
              states
            </th>
            <th scope="col">search</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const rep = r.outcome?.report;
            // A kind with its schedule replays under this row's preset; a lost one is only named.
            const lost = rep ? (r.outcome?.lostKinds ?? []) : (r.progress?.violations ?? []);
            const found = rep?.violations ?? [];
            const counts = rep ?? r.progress;
            return (
              <tr key={r.preset} data-preset={r.preset}>
                <th scope="row">{r.preset}</th>
                <td>
                  {found.length + lost.length === 0 && <span className="muted">{r.status === 'done' ? 'none' : '—'}</span>}
                  {found.map((v) => (
                    <button
                      key={v.kind}
                      type="button"
                      className="explore-kind-replay"
                      onClick={() => void session.replay(v, rep!.complete, r.preset)}
                      aria-label={`Replay ${v.kind} under ${r.preset}`}
                      title={`Replay ${scheduleLine(v.schedule)} under ${r.preset} (pins ${r.preset} in the model picker)`}
                    >
                      <ViolationBadge kind={v.kind} />
                      <span aria-hidden="true">▶</span>
                    </button>
                  ))}
                  {lost.map((k) => (
                    <ViolationBadge key={k} kind={k} />
                  ))}
                </td>
                <td className="explore-num">{counts ? fmt(counts.schedules) : '—'}</td>
                <td className="explore-num">{counts ? fmt(counts.states) : '—'}</td>
                <td>
                  {r.status === 'running' && <ProgressView progress={r.progress} compact />}
                  {r.status === 'done' && rep && (rep.complete ? <span className="explore-status--ok">complete</span> : <span className="explore-status--warn">{`incomplete (${incompleteReasons(rep).map((x) => SHORT_REASON[x]).join(', ')})`}</span>)}
                  {r.status === 'cancelled' && <span className="explore-status--warn">cancelled</span>}
                  {r.status === 'waiting' && <span className="muted">waiting</span>}
                  {r.status === 'error' && <span className="explore-status--danger">failed: {r.error}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {running && (
        <p>
          <button type="button" className="btn btn--small" onClick={session.cancel}>
            Cancel
          </button>
        </p>
      )}
    </section>
  );
}

function BudgetField({ disabled }: { disabled: boolean }) {
  const budget = useExplore((s) => s.budget);
  const [draft, setDraft] = useState(String(budget));
  /** Why the last entry was not taken (or was clamped), until the next one. */
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => setDraft(String(budget)), [budget]);
  const commit = () => {
    const n = Number(draft.replace(/[,_\s]/g, ''));
    if (draft.trim() === '' || !Number.isFinite(n)) {
      setProblem(`not a number: the budget stays ${fmt(budget)}`);
      setDraft(String(budget));
    } else if (n < MIN_BUDGET) {
      setProblem(`at least ${fmt(MIN_BUDGET)} states: the budget stays ${fmt(budget)}`);
      setDraft(String(budget));
    } else {
      const taken = Math.min(MAX_BUDGET, Math.round(n));
      setProblem(n > MAX_BUDGET ? `at most ${fmt(MAX_BUDGET)} states: set to that` : undefined);
      // Also when the budget does not change (already at the maximum): the field shows what holds.
      setDraft(String(taken));
      useExplore.setState({ budget: taken });
    }
  };
  return (
    <label className="field explore-budget">
      <span className="field__label">State budget</span>
      <input
        type="number"
        min={MIN_BUDGET}
        max={MAX_BUDGET}
        step={1000}
        value={draft}
        disabled={disabled}
        aria-label="State budget"
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      {problem && (
        <span className="explore-budget__problem" role="alert">
          {problem}
        </span>
      )}
    </label>
  );
}

export function ExploreDialog({ session }: { session: ExploreSession }) {
  const s = useExplore(useShallow((s) => ({ mode: s.mode, current: s.current, presets: s.presets, pending: s.pending })));
  const running = s.current?.status === 'running' || !!s.presets?.running;

  // A search asked for by the command or the compare dialog starts once the dialog is up.
  useEffect(() => {
    if (!s.pending) return;
    useExplore.setState({ pending: null });
    if (s.pending === 'presets') session.startPresets();
    else session.startCurrent();
  }, [s.pending, session]);

  // The dialog is modal: while it is open, the app's single-key shortcuts must not reach the
  // window listener (React's own handlers below the document still run, Escape included).
  useEffect(() => {
    const swallow = (e: KeyboardEvent) => e.stopPropagation();
    document.addEventListener('keydown', swallow);
    return () => document.removeEventListener('keydown', swallow);
  }, []);

  return (
    <Modal title="Find races" onClose={session.close} wide>
      <div className="explore">
        <div className="explore-toolbar">
          <BudgetField disabled={running} />
          <button type="button" className="btn btn--small" disabled={running} onClick={session.startCurrent} aria-pressed={s.mode === 'current'}>
            {s.current && s.mode === 'current' ? 'Search again' : 'Search this model'}
          </button>
          <button type="button" className="btn btn--small" disabled={running} onClick={session.startPresets} aria-pressed={s.mode === 'presets'}>
            Find races under every preset
          </button>
        </div>
        {s.mode === 'current' && s.current && <CurrentView run={s.current} session={session} />}
        {s.mode === 'presets' && s.presets && <PresetTable rows={s.presets.rows} running={s.presets.running} session={session} />}
      </div>
    </Modal>
  );
}
