// While the views show a run that is not the editor's text, say so above them, so nobody
// reads the old run's steps as the new text's: when the text failed to run (the last run that
// worked stays), and while a new run takes more than a moment (a million-step one takes
// seconds, and the caption, player and violations meanwhile are still the previous run's).

import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../store/labStore';

/** A run that is ready within this long never shows the notice (no flash on every Run). */
export const SLOW_RUN_MS = 400;

export function StaleRunNotice() {
  const { failed, edited, loading, stepCount, title } = useLab(
    useShallow((s) => ({ failed: s.status === 'error' && s.loadErrors.length > 0, edited: s.text !== s.failedText, loading: s.status === 'loading', stepCount: s.stepCount, title: s.title })),
  );
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!loading) return setSlow(false);
    const timer = setTimeout(() => setSlow(true), SLOW_RUN_MS);
    return () => clearTimeout(timer);
  }, [loading]);
  const why = failed
    ? edited
      ? "The editor's text did not run (it had errors, and it was edited since: Ctrl+Enter runs it): the player and views still show the last run that worked"
      : "The editor's text has errors, so it did not run: the player and views still show the last run that worked"
    : loading && slow
      ? "Running the editor's text… until it is ready, the player and views show the previous run"
      : undefined;
  if (stepCount === 0 || why === undefined) return null;
  return (
    <p className="stale-run" role="status" data-testid="stale-run">
      {why}
      {title ? <>, <strong>{title}</strong></> : ''}.
    </p>
  );
}
