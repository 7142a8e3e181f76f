// What the app opens with: a share link in the hash (validated; a bad one explains itself and
// falls back), else the autosaved work, else the RCU-free story from the library; and links
// pasted into the open tab later.

import { useLab } from '../store/labStore';
import { flushAutosave, holdAutosave, keepBeforeLink, readAutosave, readBeforeLink, savedPosition, type SavedWork } from '../editor/autosave';
import { decodeShareHash, isShareHash, type SharedState } from '../share/shareLink';
import { defaultScenario, isOwnWork, titleInText } from './library';
import type { LabController } from './labController';

export function startLab(lab: LabController): void {
  const hash = location.hash;
  const saved = readAutosave();
  if (hash && isShareHash(hash)) {
    const r = decodeShareHash(hash);
    if (r.ok) {
      openLink(lab, r.state);
      return;
    }
    const after = saved ? 'Your autosaved work was opened instead.' : 'The built-in example was opened instead.';
    useLab.setState({ banner: { kind: 'error', text: `Could not open the shared link. ${r.message} ${after}` } });
    history.replaceState(null, '', location.pathname + location.search);
  }
  if (saved) {
    // A reload of this tab goes back to the step it showed.
    lab.restoreWork(saved, savedPosition(saved.text));
  } else {
    const d = defaultScenario();
    lab.openScenario(d.name, d.text);
  }
  offerKeptWork(lab);
}

const titled = (w: SavedWork) => {
  const title = titleInText(w.text);
  return title ? ` "${title}"` : '';
};

/**
 * The work a share link replaced, when it is not what the editor shows (the link's text was
 * edited, which took over the autosave): offered back. Opening it keeps the one on screen in
 * its place, so the two can be swapped back and forth and neither is lost.
 */
function offerKeptWork(lab: LabController): void {
  // A banner already up (a bad link) says something more urgent; the offer waits for the next start.
  if (useLab.getState().banner) return;
  const kept = readBeforeLink();
  const current = lab.work();
  if (!kept) return;
  if (kept.text === current.text) {
    keepBeforeLink(undefined);
    return;
  }
  useLab.setState({
    banner: {
      kind: 'info',
      text: `Also kept: your scenario${titled(kept)} from before a shared link replaced it.`,
      action: {
        label: 'Open it',
        whileText: current.text,
        run: () => {
          keepBeforeLink(isOwnWork(current) ? current : undefined);
          lab.restoreWork(kept);
          useLab.setState({ banner: null });
          offerKeptWork(lab);
        },
      },
    },
  });
}

/**
 * Opens a link's scenario in place of the editor's. The user's own text (written first, if a
 * change was pending) stays in autosave until the shared one is edited, and is kept apart as
 * well (an edit, or a library pick, in this tab or another would take over the autosave); a
 * button on the notice brings it back while the shared text is unedited.
 */
function openLink(lab: LabController, state: SharedState): void {
  flushAutosave();
  const saved = readAutosave();
  holdAutosave(state.text);
  lab.openShared(state.text, state.model, state.position, state.lineBreakpoints);
  if (!saved || !isOwnWork(saved) || saved.text === state.text) return;
  keepBeforeLink(saved);
  useLab.setState({
    banner: {
      kind: 'info',
      text: `Opened a shared scenario. Your own scenario${titled(saved)} is kept: it comes back with this button, or at the next start once you edit this one.`,
      action: {
        label: 'Back to my work',
        whileText: state.text,
        run: () => {
          // Another tab may have saved newer work of the user's own meanwhile.
          const now = readAutosave();
          const mine = now && now.name !== 'shared' && isOwnWork(now) ? now : (readBeforeLink() ?? saved);
          holdAutosave(undefined);
          keepBeforeLink(undefined);
          history.replaceState(null, '', location.pathname + location.search);
          lab.restoreWork(mine);
        },
      },
    },
  });
}

/** A share link pasted into the address bar of the open tab: validate it like one at start-up. */
export function followHashChanges(lab: LabController): () => void {
  const onHash = () => {
    const hash = location.hash;
    if (!isShareHash(hash)) return;
    const r = decodeShareHash(hash);
    if (r.ok) {
      useLab.setState({ banner: null });
      openLink(lab, r.state);
      return;
    }
    useLab.setState({ banner: { kind: 'error', text: `Could not open the shared link. ${r.message} Your editor text is unchanged.` } });
    history.replaceState(null, '', location.pathname + location.search);
  };
  window.addEventListener('hashchange', onHash);
  return () => window.removeEventListener('hashchange', onHash);
}
