// The right column: the inspectors (violations, set, ID, PASID tables, kernel state) in tabs,
// fed from the current frame and the session info.

import { useCallback } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ViolationsPanel } from '../inspectors/ViolationsPanel';
import { SetInspector } from '../inspectors/SetInspector';
import { IdInspector } from '../inspectors/IdInspector';
import { PasidInspector } from '../inspectors/PasidInspector';
import { KernelStatePanel } from '../inspectors/KernelStatePanel';
import { useLab, type InspectorTab } from '../store/labStore';
import { frameCache } from '../store/frameCache';
import { useActions } from '../commands/CommandsContext';
import { onTabListKey } from '../shell/tabListKeys';

const TABS: { id: InspectorTab; label: string }[] = [
  { id: 'violations', label: 'Violations' },
  { id: 'set', label: 'Sets' },
  { id: 'id', label: 'ID' },
  { id: 'pasid', label: 'PASID' },
  { id: 'kernel', label: 'Kernel' },
];

function Body({ tab }: { tab: InspectorTab }) {
  const actions = useActions();
  const s = useLab(
    useShallow((s) => ({
      frameVersion: s.frameVersion,
      sessionVersion: s.sessionVersion,
      position: s.position,
      selectedSet: s.selectedSet,
      selectedDevice: s.selectedDevice,
      idDetails: s.idDetails,
      idLoading: s.idLoading,
    })),
  );
  const onJump = useCallback((p: number) => actions.seek(p), [actions]);
  const onSelectId = useCallback((id: number) => actions.selectId(id), [actions]);
  const snap = frameCache.snapshot;
  if (tab === 'violations') return <ViolationsPanel violations={frameCache.info?.violations ?? []} position={s.position} onJump={onJump} />;
  if (tab === 'id') return <IdInspector details={s.idDetails} loading={s.idLoading} />;
  if (!snap) return <p className="muted pane-empty">No run yet.</p>;
  if (tab === 'set') return <SetInspector frame={snap.frame} selectedSet={s.selectedSet} onSelectSet={(n) => actions.selectSet(n)} onSelectId={onSelectId} />;
  if (tab === 'pasid') return <PasidInspector frame={snap.frame} touched={snap.touched} device={s.selectedDevice} onSelectDevice={(n) => actions.selectDevice(n)} onSelectId={onSelectId} />;
  return <KernelStatePanel frame={snap.frame} />;
}

export function InspectorPane() {
  const { tab, violationCount, hasId } = useLab(useShallow((s) => ({ tab: s.inspectorTab, violationCount: s.violationCount, hasId: s.selectedId !== undefined })));
  return (
    <aside className="inspectors" aria-label="Inspectors">
      <div className="tabs tabs--wrap" role="tablist" aria-label="Inspectors" onKeyDown={(e) => onTabListKey(e, (i) => useLab.setState({ inspectorTab: TABS[i].id }))}>
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" id={`insp-tab-${t.id}`} aria-selected={tab === t.id} tabIndex={tab === t.id ? 0 : -1} aria-controls="insp-panel" className="tab" onClick={() => useLab.setState({ inspectorTab: t.id })}>
            {t.label}
            {t.id === 'violations' && violationCount > 0 && <span className="badge badge--danger">{violationCount}</span>}
            {t.id === 'id' && !hasId && <span className="visually-hidden"> (click an ID first)</span>}
          </button>
        ))}
      </div>
      <div id="insp-panel" className="inspectors__body" role="tabpanel" aria-labelledby={`insp-tab-${tab}`}>
        <Body tab={tab} />
      </div>
    </aside>
  );
}
