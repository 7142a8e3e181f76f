// The centre's three views — quota bars, ID heatmap, notifier timeline — all at once or one
// per tab. Each reads big data from frameCache, keyed by the store's version numbers.

import { useCallback, useMemo, useRef, useState } from 'react';
import type { IdDetails } from '../../engine/run/frame';
import { useShallow } from 'zustand/react/shallow';
import { HeatmapCanvas } from '../../visualizations/heatmap/HeatmapCanvas';
import { QuotaBars, type QuotaFlash } from '../../visualizations/quota/QuotaBars';
import { TimelineCanvas } from '../../visualizations/timeline/TimelineCanvas';
import { useLab, type CentreTab } from '../store/labStore';
import { frameCache } from '../store/frameCache';
import { useActions } from '../commands/CommandsContext';
import { onTabListKey } from '../shell/tabListKeys';
import { MAX_TIMELINE_STEPS } from '../session/labController';
import { isFailure } from '../../engine/errno';

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
    if (!cur || !isFailure(cur.result)) return undefined;
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
  // The hovered ID's full story comes from the worker; until it arrives the tooltip says what
  // the frame alone knows.
  const [hovered, setHovered] = useState<{ version: number; details: IdDetails }>();
  const asked = useRef<{ version: number; id: number } | undefined>(undefined);
  const describe = useCallback(
    (id: number) => {
      if (hovered && hovered.version === frameVersion && hovered.details.id === id) return [...detailLines(hovered.details), 'click for details'];
      if (asked.current?.id !== id || asked.current.version !== frameVersion) {
        asked.current = { version: frameVersion, id };
        actions
          .describeId(id)
          .then((details) => {
            if (asked.current?.id === id && asked.current.version === frameVersion) setHovered({ version: frameVersion, details });
          })
          .catch(() => {});
      }
      return [...describeIdByte(id), 'loading details…'];
    },
    [frameVersion, hovered, actions],
  );
  const onSelect = useCallback((id: number) => actions.selectId(id), [actions]);
  if (!snap) return <div className="view-empty">No run yet.</div>;
  return (
    <HeatmapCanvas
      state={snap.idState}
      version={frameVersion}
      capacity={snap.frame.capacity}
      changedIds={snap.touched}
      followsShown={snap.followsShown}
      describe={describe}
      selectedId={selectedId}
      onSelect={onSelect}
      theme={theme}
    />
  );
}

/** Tooltip lines from the worker's description of one ID. */
function detailLines(d: IdDetails): string[] {
  const lines = [d.set ? `set ${d.set} · refs ${d.refs} · allocation #${d.allocation}` : 'not allocated'];
  if (d.spid !== undefined) lines.push(`SPID (guest PASID) ${d.spid}`);
  if (d.devices.length) lines.push(`present entry on ${d.devices.join(', ')}`);
  if (d.kvm !== undefined) lines.push(`KVM translation gPASID ${d.kvm}`);
  if (d.vdcm) lines.push('programmed in the device model');
  if (d.residue.length && !d.set) lines.push(`still held: ${d.residue.join('; ')}`);
  return lines;
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
  return lines;
}

function TimelineView() {
  const actions = useActions();
  const { position, theme, version } = useLab(useShallow((s) => ({ position: s.position, theme: s.theme, version: s.sessionVersion })));
  const trace = frameCache.trace;
  // Only the window's: a violation far outside it would stretch the step axis over the gap.
  const violations = useMemo(() => (frameCache.info?.violations ?? []).filter((v) => !trace.truncated || (v.step >= trace.from && v.step < trace.to)), [version, trace]);
  const onSelectStep = useCallback((step: number) => actions.seek(step + 1), [actions]);
  if (!frameCache.info) return <div className="view-empty">No run yet.</div>;
  return (
    <>
      <TimelineCanvas steps={trace.steps} deliveries={trace.deliveries} violations={violations} current={position - 1} onSelectStep={onSelectStep} theme={theme} />
      {trace.truncated && (
        <p className="muted view-note">
          The timeline shows steps {(trace.from + 1).toLocaleString('en-US')}–{trace.to.toLocaleString('en-US')} of {frameCache.info.stepCount.toLocaleString('en-US')}: a window of {MAX_TIMELINE_STEPS.toLocaleString('en-US')} around the current step, moved as you go.
        </p>
      )}
    </>
  );
}

export function ViewsPane() {
  const tab = useLab((s) => s.centreTab);
  const show = (t: CentreTab) => tab === 'all' || tab === t;
  return (
    <section className="views" aria-label="Views">
      <div className="tabs" role="tablist" aria-label="Views" onKeyDown={(e) => onTabListKey(e, (i) => useLab.setState({ centreTab: TABS[i].id }))}>
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} tabIndex={tab === t.id ? 0 : -1} className="tab" title={`${t.label} (${t.key})`} onClick={() => useLab.setState({ centreTab: t.id })}>
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
