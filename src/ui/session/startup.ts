// What the app opens with: a share link in the hash (validated; a bad one explains itself and
// falls back), else the autosaved work, else the RCU-free story from the library; and links
// pasted into the open tab later.

import { useLab } from '../store/labStore';
import { readAutosave } from '../editor/autosave';
import { decodeShareHash, isShareHash } from '../share/shareLink';
import { defaultScenario } from './library';
import type { LabController } from './labController';

export function startLab(lab: LabController): void {
  const hash = location.hash;
  const saved = readAutosave();
  if (hash && isShareHash(hash)) {
    const r = decodeShareHash(hash);
    if (r.ok) {
      lab.openShared(r.state.text, r.state.model, r.state.position, r.state.lineBreakpoints);
      return;
    }
    const after = saved ? 'Your autosaved work was opened instead.' : 'The built-in example was opened instead.';
    useLab.setState({ banner: { kind: 'error', text: `Could not open the shared link. ${r.message} ${after}` } });
    history.replaceState(null, '', location.pathname + location.search);
  }
  if (saved) {
    useLab.setState({ text: saved.text, name: saved.name, lineBreakpoints: saved.lineBreakpoints });
    if (saved.model) lab.setModel(saved.model, true);
    else lab.run();
    return;
  }
  const d = defaultScenario();
  lab.openScenario(d.name, d.text);
}

/** A share link pasted into the address bar of the open tab: validate it like one at start-up. */
export function followHashChanges(lab: LabController): () => void {
  const onHash = () => {
    const hash = location.hash;
    if (!isShareHash(hash)) return;
    const r = decodeShareHash(hash);
    if (r.ok) {
      useLab.setState({ banner: null });
      lab.openShared(r.state.text, r.state.model, r.state.position, r.state.lineBreakpoints);
      return;
    }
    useLab.setState({ banner: { kind: 'error', text: `Could not open the shared link. ${r.message} Your editor text is unchanged.` } });
    history.replaceState(null, '', location.pathname + location.search);
  };
  window.addEventListener('hashchange', onHash);
  return () => window.removeEventListener('hashchange', onHash);
}
