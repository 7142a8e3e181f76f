// The one page of the lab: header; editor | player + views | inspectors; console and watches
// below; dialogs on top. The theme and projector classes sit on the root element.

import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from './store/labStore';
import { CommandsProvider, useActions } from './commands/CommandsContext';
import { ShortcutSheet } from './commands/ShortcutSheet';
import type { LabActions } from './session/actions';
import { Header } from './header/Header';
import { EditorPane } from './editor/EditorPane';
import { PlayerBar } from './player/PlayerBar';
import { StepCaption } from './player/StepCaption';
import { StaleRunNotice } from './player/StaleRunNotice';
import { NOTICE_SLOT_ID } from './explore/ReplayNotice';
import { BreakpointMenu } from './player/BreakpointMenu';
import { ViewsPane } from './views/ViewsPane';
import { InspectorPane } from './inspectorPane/InspectorPane';
import { BottomDock } from './dock/BottomDock';
import { Banner, Toast } from './shell/Notices';
import { Modal } from './shell/Modal';
import { MatrixView } from './inspectors/MatrixView';
import { presetOf } from '../engine/model';
import { ExploreHost } from './explore/ExploreHost';
import { requestExplore } from './explore/exploreStore';

function MatrixDialog() {
  const actions = useActions();
  const s = useLab(useShallow((s) => ({ rows: s.matrixRows, running: s.matrixRunning, error: s.matrixError, matrixText: s.matrixText, text: s.text, loadedText: s.loadedText, model: s.model })));
  // Which text the rows are for, when it is not simply the run on screen.
  const which =
    s.matrixText === undefined || !s.rows
      ? undefined
      : s.text !== s.matrixText
        ? 'The editor text has changed since these rows were run: Run again to compare it.'
        : s.matrixText !== s.loadedText
          ? 'These rows are for the editor text, which is not the run on screen: run it (Ctrl+Enter) to step through the same text.'
          : undefined;
  return (
    <Modal title="Compare models" onClose={() => useLab.setState({ dialog: null })} wide="extra">
      <MatrixView rows={s.rows} running={s.running} error={s.error} onRun={() => actions.runMatrix()} inUse={presetOf(s.model)} />
      {which && <p className="muted">{which}</p>}
      <p className="explore-from-matrix">
        <button
          type="button"
          className="btn btn--small"
          onClick={() => {
            useLab.setState({ dialog: null });
            // As the Find races command does: playback would go on behind the dialog.
            actions.pause();
            requestExplore('presets');
          }}
        >
          Find races under every preset
        </button>{' '}
        <span className="muted">explores every schedule of the scenario under each preset (the table above runs its own schedule only)</span>
      </p>
    </Modal>
  );
}

function Dialogs() {
  const dialog = useLab((s) => s.dialog);
  if (dialog === 'shortcuts') return <ShortcutSheet />;
  if (dialog === 'breakpoints') return <BreakpointMenu />;
  if (dialog === 'matrix') return <MatrixDialog />;
  return null;
}

function Shell() {
  const actions = useActions();
  const { theme, projector, projectorSide } = useLab(useShallow((s) => ({ theme: s.theme, projector: s.projector, projectorSide: s.projectorSide })));
  // The document background follows the theme too (overscroll, scrollbars).
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.classList.toggle('projector', projector);
  }, [theme, projector]);
  return (
    <div className={`app app--${theme}${projector ? ` app--projector app--side-${projectorSide}` : ''}`}>
      <Header />
      {/* Always rendered, so the grid has the same three rows with or without a notice. */}
      <div className="notices">
        <Banner />
        <div id={NOTICE_SLOT_ID} />
      </div>
      <main className="layout">
        <EditorPane />
        <section className="centre" aria-label="Player and views">
          <PlayerBar />
          <StaleRunNotice />
          <StepCaption />
          <ViewsPane />
        </section>
        <InspectorPane />
        <BottomDock />
      </main>
      <Dialogs />
      <ExploreHost actions={actions} />
      <Toast />
    </div>
  );
}

export function App({ actions }: { actions: LabActions }) {
  return (
    <CommandsProvider actions={actions}>
      <Shell />
    </CommandsProvider>
  );
}
