// Inspectors gallery (inspectors-demo.html): every inspector and panel on real frames from a
// built-in scenario run in the page, with a position slider, dark and projector toggles.
import { StrictMode, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { loadScenario, resolveModel } from '../../../engine/lab';
import { PRESET_NAMES, PRESETS, type PresetName } from '../../../engine/model';
import { Session } from '../../../engine/run/session';
import { buildFrame, describeId } from '../../../engine/run/frame';
import type { MatrixRow } from '../../../worker/protocol';
import { parseWatch } from '../../../worker/watch';
import { ViolationsPanel } from '../ViolationsPanel';
import { PasidInspector } from '../PasidInspector';
import { SetInspector } from '../SetInspector';
import { IdInspector } from '../IdInspector';
import { KernelStatePanel } from '../KernelStatePanel';
import { MatrixView } from '../MatrixView';
import { ConsolePanel, type ConsoleEntry } from '../../panels/ConsolePanel';
import { WatchPanel } from '../../panels/WatchPanel';
import reuseRace from '../../../../scenarios/reuse-race.ioasid?raw';
import vmLifecycle from '../../../../scenarios/vm-lifecycle.ioasid?raw';
import svaExit from '../../../../scenarios/sva-exit.ioasid?raw';
import liveMigration from '../../../../scenarios/live-migration.ioasid?raw';
import rcuFree from '../../../../scenarios/rcu-free-bug.ioasid?raw';
import './demo.css';

// Stress: more present entries than a frame carries, spread over many leaf tables.
const STRESS = `title "stress"
model v4
set big quota=6000
notifier iommu kind=iommu
device dev0 ats=on
device dev1 ats=off max_pasid=4096
repeat 5000 {
  alloc big -> x
  bind dev0 x mode=sl
}
`;

const SCENARIOS: Record<string, string> = {
  stress: STRESS,
  'reuse-race': reuseRace,
  'vm-lifecycle': vmLifecycle,
  'sva-exit': svaExit,
  'live-migration': liveMigration,
  'rcu-free-bug': rcuFree,
};

function session(source: string, preset?: PresetName): Session {
  const l = loadScenario(source);
  if (!l.ok) throw new Error(l.errors[0].message);
  const model = resolveModel(l.program.source, { preset });
  if (typeof model === 'string') throw new Error(model);
  const s = new Session(l.program, model);
  s.advance();
  return s;
}

function matrix(source: string): MatrixRow[] {
  return PRESET_NAMES.map((preset) => {
    const s = session(source, preset);
    const violations: Record<string, number> = {};
    for (const v of s.recorder.violations) violations[v.kind] = (violations[v.kind] ?? 0) + 1;
    return { preset, model: PRESETS[preset], violations, passed: s.frontier.expectations.passed, failed: s.frontier.expectations.failed };
  });
}

const CONSOLE: ConsoleEntry[] = [
  { text: 'alloc vm1 -> x', ok: true, message: '3' },
  { text: 'fre x', ok: false, message: "1:1: unknown verb 'fre' (did you mean 'free'?)" },
  { text: 'dma dev0 x', ok: true },
];

function Gallery() {
  const params = new URLSearchParams(location.search);
  const [name, setName] = useState(params.get('scenario') ?? 'reuse-race');
  const [dark, setDark] = useState(params.has('dark'));
  const [projector, setProjector] = useState(params.has('projector'));
  const s = useMemo(() => session(SCENARIOS[name] ?? reuseRace), [name]);
  const [position, setPosition] = useState(Number(params.get('position') ?? 13));
  const pos = Math.min(position, s.stepCount);
  const frame = useMemo(() => {
    const f = buildFrame(s.at(pos), pos);
    // Stress also shows thousands of sets (synthetic rows on top of the real ones).
    if (name !== 'stress') return f;
    const extra = Array.from({ length: 2500 }, (_, i) => ({ name: `vm${i}`, sid: 1000 + i, quota: 8, used: i % 9, pending: i % 3 === 0 ? 1 : 0, token: `vm${i}`, type: 'mm' as const, spids: [] }));
    return { ...f, sets: [...f.sets, ...extra] };
  }, [s, pos, name]);
  const touched = pos > 0 ? s.recorder.touchedOf(pos - 1) : [];
  const [device, setDevice] = useState<string>();
  const [set, setSet] = useState<string | undefined>('vm1');
  const [id, setId] = useState<number | undefined>(1);
  const details = useMemo(() => (id === undefined ? undefined : describeId(s.at(pos), id)), [s, pos, id]);
  const [rows, setRows] = useState<MatrixRow[] | undefined>(() => (params.has('matrix') ? matrix(SCENARIOS[name] ?? reuseRace) : undefined));
  const [watches, setWatches] = useState(['avail', 'used vm1', 'refs g1', 'violations', 'refs']);
  const [history, setHistory] = useState(CONSOLE);

  const watch = useMemo(() => {
    // Sampled like the worker does (at most ~200 positions).
    const n = Math.min(200, s.stepCount + 1);
    const positions = [...new Set(Array.from({ length: n }, (_, i) => Math.round((i * s.stepCount) / Math.max(1, n - 1))))];
    const series = watches.map((expression) => {
      const f = parseWatch(expression);
      if (typeof f === 'string') return { expression, values: [], error: f };
      return { expression, values: positions.map((p) => f(s.at(p))) };
    });
    return { positions, series };
  }, [s, watches]);

  const cls = `gallery${dark ? ' gallery--dark' : ''}${projector ? ' gallery--projector' : ''}`;
  return (
    <div className={cls}>
      <div className="gallery__bar">
        <h1>Inspectors gallery</h1>
        <select value={name} onChange={(e) => setName(e.target.value)} aria-label="Scenario">
          {Object.keys(SCENARIOS).map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
        <label>
          position {pos}/{s.stepCount}{' '}
          <input type="range" min={0} max={s.stepCount} value={pos} onChange={(e) => setPosition(Number(e.target.value))} />
        </label>
        <button type="button" onClick={() => setDark((d) => !d)}>{dark ? 'Light' : 'Dark'}</button>
        <button type="button" onClick={() => setProjector((p) => !p)}>Projector {projector ? 'off' : 'on'}</button>
      </div>
      <div className="gallery__grid">
        <div className="gallery__panel">
          <h2>Violations</h2>
          <ViolationsPanel violations={s.recorder.violations} position={pos} onJump={setPosition} />
        </div>
        <div className="gallery__panel">
          <h2>ID</h2>
          <IdInspector details={details} loading={false} />
        </div>
        <div className="gallery__panel gallery__wide">
          <h2>PASID tables</h2>
          <PasidInspector frame={frame} touched={touched} device={device} onSelectDevice={setDevice} onSelectId={setId} />
        </div>
        <div className="gallery__panel">
          <h2>Sets</h2>
          <SetInspector frame={frame} selectedSet={set} onSelectSet={setSet} onSelectId={setId} />
        </div>
        <div className="gallery__panel">
          <h2>Kernel</h2>
          <KernelStatePanel frame={frame} />
        </div>
        <div className="gallery__panel gallery__wide">
          <h2>Compare models</h2>
          <MatrixView rows={rows} running={false} onRun={() => setRows(matrix(SCENARIOS[name] ?? reuseRace))} />
        </div>
        <div className="gallery__panel">
          <h2>Watches</h2>
          <WatchPanel expressions={watches} series={watch.series} positions={watch.positions} position={pos} onChange={setWatches} />
        </div>
        <div className="gallery__panel">
          <h2>Console</h2>
          <ConsolePanel history={history} busy={false} onSubmit={(text) => setHistory((h) => [...h, { text, ok: true, message: 'demo: not run' }])} />
        </div>
      </div>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Gallery />
  </StrictMode>,
);
