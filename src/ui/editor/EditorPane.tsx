// The left column: the run status of the scenario, the Run button and the editor.

import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../store/labStore';
import { frameCache } from '../store/frameCache';
import { CommandButton } from '../commands/CommandButton';
import { ScenarioEditor } from './ScenarioEditor';

const MIB = 1024 * 1024;

/** The memory cap of time travel, stated where the step count is (issue: never drop history silently). */
function historyNote(): string {
  const i = frameCache.info;
  if (!i) return '';
  return (
    `Every step is kept. Seeking restores a checkpoint and replays: ${i.checkpointCount.toLocaleString('en-US')} checkpoints, ` +
    `one every ${i.checkpointInterval.toLocaleString('en-US')} steps, ${(i.checkpointMemory / MIB).toFixed(1)} MiB of the ${(i.checkpointCap / MIB).toFixed(0)} MiB cap ` +
    '(past the cap checkpoints thin out and seeking gets slower; nothing is dropped).'
  );
}

export function RunStatus() {
  const s = useLab(
    useShallow((s) => ({
      status: s.status,
      progress: s.progress,
      dirty: s.text !== s.loadedText,
      passed: s.expectations.passed,
      failed: s.expectations.failed,
      steps: s.stepCount,
      violations: s.violationCount,
      runError: s.runError,
      loadErrors: s.loadErrors.length,
      editedSinceFailure: s.text !== s.failedText,
    })),
  );
  if (s.status === 'loading') return <span className="status status--busy" role="status">Running… {s.progress.toLocaleString('en-US')} steps</span>;
  if (s.status === 'error' && s.loadErrors) {
    return s.editedSinceFailure ? (
      <span className="status status--error" role="status" title="The last Run failed on errors; the text changed since">
        Edited since the failed run: Ctrl+Enter runs it
      </span>
    ) : (
      <span className="status status--error" role="status">
        Not run: fix the errors below
      </span>
    );
  }
  if (s.status === 'error') return <span className="status status--error" role="status">{s.runError ?? 'Run failed'}</span>;
  if (s.status === 'idle') return <span className="status">Not run yet</span>;
  return (
    <span className="status" role="status">
      {s.dirty && <span className="status__dirty" title="The editor differs from the run shown: Ctrl+Enter runs it">edited · </span>}
      {/* Each part wraps as a whole (status__part), so a count stays with its word. */}
      <span className="status__part" title={historyNote()}>{s.steps.toLocaleString('en-US')} step{s.steps === 1 ? '' : 's'}</span> ·{' '}
      <span className={`status__part ${s.failed ? 'status__bad' : 'status__good'}`} title={`Expectations (expect lines): ${s.passed} held, ${s.failed} failed`}>
        {s.failed ? `${s.failed} expectation${s.failed === 1 ? '' : 's'} failed` : `${s.passed} expectation${s.passed === 1 ? '' : 's'} held`}
      </span>
      {s.violations > 0 && (
        <span className="status__bad">
          {' · '}
          <span className="status__part">
            {s.violations} violation{s.violations === 1 ? '' : 's'}
          </span>
        </span>
      )}
      {s.runError && <span className="status__bad" title={s.runError}> · stopped early</span>}
    </span>
  );
}

export function EditorPane() {
  return (
    <section className="editor-pane" aria-label="Scenario editor">
      <div className="pane-head">
        <h2 className="pane-title">Scenario</h2>
        <RunStatus />
        <CommandButton id="scenario.run" className="btn btn--primary btn--small">
          Run ▸
        </CommandButton>
      </div>
      <ScenarioEditor />
    </section>
  );
}
