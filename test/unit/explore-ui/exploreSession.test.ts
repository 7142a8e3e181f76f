// Undo replay straight on the session: it puts the replaced text back only while the text is
// still the replayed one, so an Undo that arrives after edits (a stale click) loses nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import { createExploreSession } from '../../../src/ui/explore/exploreSession';
import { resetExploreStore, useExplore } from '../../../src/ui/explore/exploreStore';
import { resetLabStore, useLab } from '../../../src/ui/store/labStore';
import { frameCache } from '../../../src/ui/store/frameCache';
import { fakeActions } from '../ui/fakeActions';
import { fakePool } from './fakeExplore';

const TEXT = 'title "race"\nset vm1 quota=4\nthread t1 {\n  alloc vm1 -> a\n}\njoin\n';

describe('explore session: Undo replay', () => {
  beforeEach(() => {
    frameCache.clear();
    resetLabStore({ text: TEXT, status: 'ready', sessionVersion: 1 });
    resetExploreStore();
  });

  it('restores the text while it is unedited, and leaves an edited text alone', () => {
    const actions = fakeActions();
    const session = createExploreSession(fakePool(), actions);
    void session.replay({ kind: 'leak', schedule: ['t1'], steps: 3 }, true);
    const replayed = useLab.getState().text;
    expect(replayed).toBe('title "race"\nschedule t1\nset vm1 quota=4\nthread t1 {\n  alloc vm1 -> a\n}\njoin\n');

    useLab.setState({ text: `${replayed}note "mine"\n` });
    session.undoReplay();
    expect(useLab.getState().text).toBe(`${replayed}note "mine"\n`);
    expect(useExplore.getState().undo).toBeDefined();
    expect(actions.run).toHaveBeenCalledTimes(1);

    useLab.setState({ text: replayed });
    session.undoReplay();
    expect(useLab.getState().text).toBe(TEXT);
    expect(useExplore.getState().undo).toBeUndefined();
    expect(actions.run).toHaveBeenCalledTimes(2);
  });
});
