// The app header: brand, library picker, model picker, and the global buttons (compare, share,
// import, export, theme, projector, shortcuts), each a command with its shortcut in the tooltip.

import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../store/labStore';
import { CommandButton } from '../commands/CommandButton';
import { useActions } from '../commands/CommandsContext';
import { ScenarioPicker } from './ScenarioPicker';
import { ModelPicker } from './ModelPicker';
import { ExportMenu } from './ExportMenu';
import { MAX_IMPORT_BYTES } from '../../engine/scenario/sourceText';

export function Header() {
  const actions = useActions();
  const { theme, projector, projectorSide } = useLab(useShallow((s) => ({ theme: s.theme, projector: s.projector, projectorSide: s.projectorSide })));
  return (
    <header className="header">
      <div className="brand" aria-label="IOASID Lab">
        <span className="brand__mark" aria-hidden="true">
          ◧
        </span>
        <span className="brand__name">IOASID Lab</span>
      </div>
      <ScenarioPicker />
      <ModelPicker />
      <CommandButton id="explore.find">Find races</CommandButton>
      <div className="header__actions">
        <CommandButton id="model.compare">Compare models</CommandButton>
        <CommandButton id="share.link">Share</CommandButton>
        <CommandButton id="file.import">Import</CommandButton>
        <input
          id="import-input"
          type="file"
          accept=".ioasid,text/plain,.json,application/json"
          hidden
          data-max-bytes={MAX_IMPORT_BYTES}
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) actions.importFile(f);
          }}
        />
        <ExportMenu />
        <CommandButton id="view.dark" className="btn btn--icon" pressed={theme === 'dark'} label="Dark theme">
          {theme === 'dark' ? '☾' : '☀'}
        </CommandButton>
        <CommandButton id="view.projector" className="btn btn--icon" pressed={projector} label="Projector mode">
          <svg className="icon" viewBox="0 0 24 24" width="1.05em" height="1.05em" aria-hidden="true" focusable="false">
            <path d="M3 4h18v12H3zM5 6v8h14V6zM11 16h2v3h4v2H7v-2h4z" fill="currentColor" />
          </svg>
        </CommandButton>
        {projector && (
          <CommandButton id="view.projectorSide" className="btn" pressed={projectorSide === 'inspectors'} label="Inspectors instead of the editor">
            Inspectors
          </CommandButton>
        )}
        <CommandButton id="view.shortcuts" className="btn btn--icon" label="Keyboard shortcuts">
          ?
        </CommandButton>
      </div>
    </header>
  );
}
