// What the app opens with: a share link in the hash (validated; a bad one explains itself and
// falls back), else the autosaved work, else the RCU-free story from the library; and links
// pasted into the open tab later.

import { useLab } from '../store/labStore';
import { flushAutosave, holdAutosave, readAutosave, savedPosition } from '../editor/autosave';
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
    return;
  }
  const d = defaultScenario();
  lab.openScenario(d.name, d.text);
}

/**
 * Opens a link's scenario in place of the editor's. The user's own text stays in autosave
 * (written first, if a change was pending) until they edit the shared one, and a button on the
 * notice brings it back.
 */
function openLink(lab: LabController, state: SharedState): void {
  flushAutosave();
  const saved = readAutosave();
  holdAutosave(state.text);
  lab.openShared(state.text, state.model, state.position, state.lineBreakpoints);
  if (!saved || !isOwnWork(saved) || saved.text === state.text) return;
  const title = titleInText(saved.text);
  useLab.setState({
    banner: {
      kind: 'info',
      text: `Opened a shared scenario. Your own${title ? ` "${title}"` : ' scenario'} stays autosaved until you edit this one.`,
      action: {
        label: 'Back to my work',
        run: () => {
          holdAutosave(undefined);
          history.replaceState(null, '', location.pathname + location.search);
          lab.restoreWork(saved);
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
