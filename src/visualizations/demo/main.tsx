// The visualization demo page (viz-demo.html): all three views on synthetic data, with a step
// button that mutates the ID state the way the player would, theme and projector toggles.
import { StrictMode, useCallback, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { HeatmapCanvas } from '../heatmap/HeatmapCanvas';
import { QuotaBars, type QuotaFlash } from '../quota/QuotaBars';
import { TimelineCanvas } from '../timeline/TimelineCanvas';
import { DEMO_CAPACITY, makeDemoState, manySets, mutateStep, quotaSetsOf, setOfByte } from './syntheticIds';
import { makeDemoTrace } from './syntheticTrace';
import '../visualizations.css';
import './demo.css';

const STATE = makeDemoState();
const TRACE = makeDemoTrace();
const MANY = manySets(2_500);

function Demo() {
  const params = new URLSearchParams(location.search);
  const [theme, setTheme] = useState<'light' | 'dark'>(params.get('theme') === 'light' ? 'light' : 'dark');
  const [projector, setProjector] = useState(params.has('projector'));
  const [version, setVersion] = useState(0);
  const [changed, setChanged] = useState<readonly number[]>([]);
  const [selected, setSelected] = useState(Number(params.get('select') ?? 700_010));
  const [current, setCurrent] = useState(Number(params.get('step') ?? 21));
  const [flash, setFlash] = useState<QuotaFlash | undefined>(undefined);

  // STATE is mutated in place; the version says when the counts are stale.
  const sets = useMemo(() => quotaSetsOf(STATE), [version]);
  const available = DEMO_CAPACITY - sets.reduce((s, x) => s + x.quota, 0);

  const versionRef = useRef(0);
  const step = useCallback(() => {
    const v = ++versionRef.current;
    setChanged(mutateStep(STATE, v));
    setVersion(v);
    setCurrent((c) => Math.min(TRACE.steps.length - 1, c + 1));
  }, []);

  const describe = useCallback((id: number) => {
    const byte = STATE[id];
    const set = setOfByte(byte);
    const lines: string[] = [];
    if (set) lines.push(`set ${set.name} (sid ${set.sid})`, `refs ${1 + (id % 3)}`);
    if (byte & 4) lines.push(`devices: dev${id % 4}`, `SPID ${id % 1000}`);
    return lines;
  }, []);

  return (
    <div className={`demo${theme === 'dark' ? ' demo--dark' : ''}${projector ? ' demo--projector' : ''}`}>
      <div className="demo__bar">
        <h1>IOASID Lab · views demo</h1>
        <button type="button" onClick={step}>
          Step (v{version})
        </button>
        <button type="button" onClick={() => setTheme((t) => (t === 'dark' ? 'light' : 'dark'))}>
          {theme === 'dark' ? 'Light' : 'Dark'} theme
        </button>
        <button type="button" onClick={() => setProjector((p) => !p)}>
          Projector {projector ? 'off' : 'on'}
        </button>
        <button type="button" onClick={() => setFlash({ set: 'vm2', message: '-ENOSPC', nonce: Date.now() })}>
          Flash vm2 -ENOSPC
        </button>
        <button type="button" onClick={() => setFlash({ set: 'vm9', message: '-ENOSPC', nonce: Date.now() })}>
          Flash new set -ENOSPC
        </button>
      </div>
      <div className="demo__grid">
        <div className="demo__heatmap" data-testid="heatmap">
          <HeatmapCanvas
            state={STATE}
            version={version}
            capacity={DEMO_CAPACITY}
            changedIds={changed}
            describe={describe}
            selectedId={selected}
            onSelect={setSelected}
            theme={theme}
          />
        </div>
        <div className="demo__stack">
          <div data-testid="quota">
            <QuotaBars capacity={DEMO_CAPACITY} available={available} sets={sets} flash={flash} theme={theme} />
          </div>
          <div data-testid="quota-many">
            <QuotaBars capacity={DEMO_CAPACITY} available={DEMO_CAPACITY - MANY.reduce((s, x) => s + x.quota, 0)} sets={MANY} maxRows={6} theme={theme} />
          </div>
        </div>
        <div className="demo__wide" data-testid="timeline">
          <TimelineCanvas steps={TRACE.steps} deliveries={TRACE.deliveries} violations={TRACE.violations} current={current} onSelectStep={setCurrent} theme={theme} />
        </div>
      </div>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Demo />
  </StrictMode>,
);
