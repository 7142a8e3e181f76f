// When the editor's text failed to run, the views still show the last run that worked: say so
// above them, so nobody reads the old run's steps as the new text's.

import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../store/labStore';

export function StaleRunNotice() {
  const { failed, stepCount, title } = useLab(useShallow((s) => ({ failed: s.status === 'error' && s.loadErrors.length > 0, stepCount: s.stepCount, title: s.title })));
  if (!failed || stepCount === 0) return null;
  return (
    <p className="stale-run" role="status" data-testid="stale-run">
      The editor's text has errors, so it did not run: the player and views still show the last run that worked{title ? <>, <strong>{title}</strong></> : ''}.
    </p>
  );
}
