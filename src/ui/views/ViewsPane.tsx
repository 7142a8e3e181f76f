// The centre's three views — quota bars, ID heatmap, notifier timeline — all at once or one
// per tab. Each reads big data from frameCache, keyed by the store's version numbers.

import { useCallback, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { HeatmapCanvas } from '../../visualizations/heatmap/HeatmapCanvas';
import { QuotaBars, type QuotaFlash } from '../../visualizations/quota/QuotaBars';
import { TimelineCanvas } from '../../visualizations/timeline/TimelineCanvas';
import { useLab, type CentreTab } from '../store/labStore';
import { frameCache } from '../store/frameCache';
import { useActions } from '../commands/CommandsContext';
import { MAX_TIMELINE_STEPS } from '../session/labController';

const TABS: { id: CentreTab; label: string; key: string }[] = [
  { id: 'all', label: 'All views', key: '1' },
  { id: 'quota', label: 'Quota', key: '2' },
  { id: 'heatmap', label: 'Heatmap', key: '3' },
  { id: 'timeline', label: 'Timeline', key: '4' },
];
// In "All views" the timeline comes first: it tells who did what in which context, which is
// where most stories live; the heatmap, for the whole ID space, comes last.

/** Verbs whose failure is a quota story: the bar of the set they name flashes. */
const QUOTA_VERBS = new Set(['alloc', 'set', 'adjust', 'system_set']);

function QuotaView({ compact }: { compact: boolean }) {
  const { frameVersion, theme } = useLab(useShallow((s) => ({ frameVersion: s.frameVersion, theme: s.theme })));
  const snap = frameCache.snapshot;
  const flash = useMemo<QuotaFlash | undefined>(() => {
    void frameVersion;
    const cur = frameCache.snapshot?.current;
    if (!cur || !(cur.resultName.startsWith('-E') || cur.resultName === 'INVALID_IOASID')) return undefined;
    const [verb, arg] = cur.text.split(/\s+/);
    if (!QUOTA_VERBS.has(verb)) return undefined;
    return { set: verb === 'system_set' ? 'system' : (arg ?? ''), message: cur.resultName, nonce: frameVersion };
  }, [frameVersion]);
  if (!snap) return <div className="view-empty">No run yet.</div>;
  const f = snap.frame;
  return <QuotaBars capacity={f.capacity} available={f.available} sets={f.sets} flash={flash} maxRows={compact ? 4 : 12} theme={theme} />;
}

function HeatmapView() {
  const actions = useActions();
  const { frameVersion, theme, selectedId } = useLab(useShallow((s) => ({ frameVersion: s.frameVersion, theme: s.theme, selectedId: s.selectedId })));
  const snap = frameCache.snapshot;
  // Stable across renders of one version: the heatmap is memoized on its props.
  const describe = useCallback((id: number) => describeIdByte(id), [frameVersion]);
  const onSelect = useCallback((id: number) => actions.selectId(id), [actions]);
  if (!snap) return <div className="view-empty">No run yet.</div>;
  return (
    <HeatmapCanvas
      state={snap.idState}
      version={frameVersion}
      capacity={snap.frame.capacity}
      changedIds={snap.touched}
      describe={describe}
      selectedId={selectedId}
      onSelect={onSelect}
      theme={theme}
    />
  );
}

/** Tooltip lines from the frame alone (the inspector asks the worker for the full story). */
function describeIdByte(id: number): string[] {
  const snap = frameCache.snapshot;
  if (!snap) return [];
  const lines: string[] = [];
  const entries = snap.frame.devices.filter((d) => d.entries.some((e) => e.id === id)).map((d) => d.name);
  if (entries.length) lines.push(`entry on ${entries.join(', ')}`);
  const kvm = snap.frame.kvm.find((k) => k.id === id);
  if (kvm) lines.push(`KVM gpasid ${kvm.gpasid}`);
  if (snap.touched.includes(id)) lines.push('touched by this step');
  lines.push('click for details');
  return lines;
}

function TimelineView() {
  const actions = useActions();
  const { position, theme, version } = useLab(useShallow((s) => ({ position: s.position, theme: s.theme, version: s.sessionVersion })));
  const trace = frameCache.trace;
  const violations = useMemo(() => frameCache.info?.violations ?? [], [version]);
  const onSelectStep = useCallback((step: number) => actions.seek(step + 1), [actions]);
  if (!frameCache.info) return <div className="view-empty">No run yet.</div>;
  return (
    <>
      <TimelineCanvas steps={trace.steps} deliveries={trace.deliveries} violations={violations} current={position - 1} onSelectStep={onSelectStep} theme={theme} />
      {trace.truncated && <p className="muted view-note">The timeline shows the first {MAX_TIMELINE_STEPS.toLocaleString('en-US')} steps of {frameCache.info.stepCount.toLocaleString('en-US')}.</p>}
    </>
  );
}

export function ViewsPane() {
  const tab = useLab((s) => s.centreTab);
  const show = (t: CentreTab) => tab === 'all' || tab === t;
  return (
    <section className="views" aria-label="Views">
      <div className="tabs" role="tablist" aria-label="Views">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className="tab" title={`${t.label} (${t.key})`} onClick={() => useLab.setState({ centreTab: t.id })}>
            {t.label}
          </button>
        ))}
      </div>
      <div className={`views__body views__body--${tab}`} role="tabpanel">
        {show('timeline') && (
          <div className="view view--timeline" data-view="timeline">
            <TimelineView />
          </div>
        )}
        {show('quota') && (
          <div className="view view--quota" data-view="quota">
            <QuotaView compact={tab === 'all'} />
          </div>
        )}
        {show('heatmap') && (
          <div className="view view--heatmap" data-view="heatmap">
            <HeatmapView />
          </div>
        )}
      </div>
    </section>
  );
}
