// The app entry: one engine worker behind a LabController, the store, autosave, and the
// start-up choice of what to open (share link, autosaved work or the RCU-free story).

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { LabController } from './ui/session/labController';
import { followHashChanges, startLab } from './ui/session/startup';
import { startAutosave } from './ui/editor/autosave';
import './visualizations/visualizations.css';
import './ui/inspectors/inspectors.css';
import './ui/app.css';

const lab = new LabController(
  () => new Worker(new URL('./worker/lab.worker.ts', import.meta.url), { type: 'module' }),
  () => new Worker(new URL('./worker/traceImport.worker.ts', import.meta.url), { type: 'module' }),
);
startLab(lab);
followHashChanges(lab);
startAutosave();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App actions={lab} />
  </StrictMode>,
);
