// The left column: the run status of the scenario, the Run button and the editor.

import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../store/labStore';
import { CommandButton } from '../commands/CommandButton';
import { ScenarioEditor } from './ScenarioEditor';

function RunStatus() {
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
    })),
  );
  if (s.status === 'loading') return <span className="status status--busy" role="status">Running… {s.progress.toLocaleString('en-US')} steps</span>;
  if (s.status === 'error' && s.loadErrors) return <span className="status status--error" role="status">Not run: fix the errors below</span>;
  if (s.status === 'error') return <span className="status status--error" role="status">{s.runError ?? 'Run failed'}</span>;
  if (s.status === 'idle') return <span className="status">Not run yet</span>;
  return (
    <span className="status" role="status">
      {s.dirty && <span className="status__dirty" title="The editor differs from the run shown: Ctrl+Enter runs it">edited · </span>}
      {s.steps.toLocaleString('en-US')} steps ·{' '}
      <span className={s.failed ? 'status__bad' : 'status__good'} title="Expectations">
        {s.failed ? `${s.failed} expect failed` : `${s.passed} expect ok`}
      </span>
      {s.violations > 0 && <span className="status__bad"> · {s.violations} violation{s.violations === 1 ? '' : 's'}</span>}
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
