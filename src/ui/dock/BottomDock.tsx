// The bottom dock: the console (statements run against the live session) and the watches
// (expressions sampled over the whole run), side by side when there is room.

import { useCallback } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ConsolePanel } from '../panels/ConsolePanel';
import { WatchPanel } from '../panels/WatchPanel';
import { useLab } from '../store/labStore';
import { frameCache } from '../store/frameCache';
import { useActions } from '../commands/CommandsContext';

export function BottomDock() {
  const actions = useActions();
  const s = useLab(
    useShallow((s) => ({
      history: s.consoleHistory,
      busy: s.consoleBusy,
      // Offered only while the editor holds the text they ran after (see keepConsole).
      unkept: s.text === s.loadedText ? s.consoleUnkept : 0,
      expressions: s.watchExpressions,
      series: s.watchSeries,
      positions: s.watchPositions,
      position: s.position,
      frameVersion: s.frameVersion,
    })),
  );
  const snap = frameCache.snapshot;
  const exact = snap && snap.frame.position === s.position ? snap.watches : undefined;
  const onSubmit = useCallback((text: string) => actions.runConsole(text), [actions]);
  const onChange = useCallback((e: string[]) => actions.setWatches(e), [actions]);
  const onKeep = useCallback(() => actions.keepConsole(), [actions]);
  return (
    <section className="dock" aria-label="Console and watches">
      <div className="dock__pane dock__pane--console">
        <h2 className="pane-title">Console</h2>
        <ConsolePanel history={s.history} busy={s.busy} onSubmit={onSubmit} unkept={s.unkept} onKeep={onKeep} />
      </div>
      <div className="dock__pane dock__pane--watch">
        <h2 className="pane-title">Watches</h2>
        <WatchPanel expressions={s.expressions} series={s.series} positions={s.positions} position={s.position} exact={exact} onChange={onChange} />
      </div>
    </section>
  );
}
