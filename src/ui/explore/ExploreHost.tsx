// Mounts the explorer in the app: one session over the real worker pool (or an injected one),
// the dialog while it is open, and the replay notice.

import { useMemo } from 'react';
import type { LabActions } from '../session/actions';
import { createExplorePool, type ExplorePool } from './explorePool';
import { createExploreSession } from './exploreSession';
import { useExplore } from './exploreStore';
import { ExploreDialog } from './ExploreDialog';
import { ReplayNotice } from './ReplayNotice';

export function ExploreHost({ actions, pool }: { actions: LabActions; pool?: ExplorePool }) {
  const session = useMemo(() => createExploreSession(pool ?? createExplorePool(), actions), [pool, actions]);
  const open = useExplore((s) => s.open);
  return (
    <>
      <ReplayNotice session={session} />
      {open && <ExploreDialog session={session} />}
    </>
  );
}
