// The notice after a replay changed the editor text: it names the race replayed and offers to
// put the previous text back (the editor's own undo does not see a programmatic change).

import { useExplore } from './exploreStore';
import type { ExploreSession } from './exploreSession';

export function ReplayNotice({ session }: { session: ExploreSession }) {
  const undo = useExplore((s) => s.undo);
  if (!undo) return null;
  return (
    <div className="banner banner--info explore-notice" role="status" data-testid="replay-notice">
      <span className="banner__text">
        Replaying the shortest schedule{undo.exact ? '' : ' found'} to <strong>{undo.kind}</strong>
        {undo.exact ? '' : ' (the search was incomplete: a shorter one may exist)'}: a schedule line was put after the header and the other schedule lines were removed.
      </span>
      <button type="button" className="btn btn--small" onClick={session.undoReplay}>
        Undo replay
      </button>
      <button type="button" className="btn btn--small" onClick={() => useExplore.setState({ undo: undefined })} aria-label="Dismiss the replay notice">
        Dismiss
      </button>
    </div>
  );
}
