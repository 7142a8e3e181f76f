// The notice after a replay changed the editor text: it names the race replayed and offers to
// put the previous text back (the editor's own undo does not see a programmatic change).
// In the app it sits in the page's notice row under the header (NOTICE_SLOT_ID), where it
// covers nothing; without that row (a component alone) it floats at the bottom.

import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useEditedSince } from '../store/editedSince';
import { useExplore, type ReplayRecord } from './exploreStore';
import type { ExploreSession } from './exploreSession';

export const NOTICE_SLOT_ID = 'notice-slot';

export function ReplayNotice({ session }: { session: ExploreSession }) {
  const undo = useExplore((s) => s.undo);
  const edited = useEditedSince(undo?.replayed);
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  useEffect(() => setSlot(document.getElementById(NOTICE_SLOT_ID)), []);
  if (!undo) return null;
  // Something to undo: the text, or the model the replay pinned.
  const undoable = (undo.text !== undo.replayed || !!undo.pinned?.byReplay) && !edited;
  const notice = (
    <div className={`banner banner--info explore-notice${slot ? ' explore-notice--in-row' : ''}`} role="status" data-testid="replay-notice">
      <span className="banner__text">
        Replaying the shortest schedule{undo.exact ? '' : ' found'} to <strong>{undo.kind}</strong> under <strong>{undo.model}</strong>
        {undo.pinned ? ' (pinned in the model picker: it races under that model, whatever the file\'s model line says)' : ''}
        {undo.exact ? '' : ' (the search was incomplete: a shorter one may exist)'}: {whatChanged(undo)}
        {edited && undo.text !== undo.replayed ? ' The text was edited since, so Undo replay would lose those edits: it is no longer offered.' : ''}
      </span>
      {undoable && (
        <button type="button" className="btn btn--small" onClick={session.undoReplay}>
          Undo replay
        </button>
      )}
      <button type="button" className="btn btn--small" onClick={() => useExplore.setState({ undo: undefined })} aria-label="Dismiss the replay notice">
        Dismiss
      </button>
    </div>
  );
  return slot ? createPortal(notice, slot) : notice;
}

function whatChanged(r: ReplayRecord): string {
  if (r.inserted) return `a schedule line was put after the header${r.removed ? ' and the other schedule lines were removed' : ''}.`;
  return `the default schedule reaches it, so ${r.removed ? 'the schedule lines were removed' : 'the text is unchanged'}.`;
}
