// The position slider with its markers: violations in red, notes in blue. The markers are
// decoration over a native range input, which keeps keyboard and screen-reader behaviour.

import { memo, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../store/labStore';
import { frameCache } from '../store/frameCache';
import { useActions } from '../commands/CommandsContext';
import { stepNumber } from '../../engine/run/stepNumber';

/** More markers than this are thinned to one per pixel column's worth of steps. */
const MAX_MARKERS = 400;

const Markers = memo(function Markers({ version, stepCount }: { version: number; stepCount: number }) {
  const marks = useMemo(() => {
    void version;
    const info = frameCache.info;
    if (!info || stepCount === 0) return [];
    const out: { kind: 'violation' | 'note'; pos: number; label: string }[] = [];
    const seen = new Set<string>();
    const add = (kind: 'violation' | 'note', pos: number, label: string) => {
      const bucket = `${kind}:${Math.round((pos / stepCount) * MAX_MARKERS)}`;
      if (seen.has(bucket)) return;
      seen.add(bucket);
      out.push({ kind, pos, label });
    };
    for (const [step, text] of info.notes) add('note', step + 1, text);
    for (const v of info.violations) add('violation', v.step + 1, `${v.kind} at step ${stepNumber(v.step)}`);
    return out;
  }, [version, stepCount]);
  return (
    <div className="scrubber__marks" aria-hidden="true">
      {marks.map((m, i) => (
        <span key={i} className={`scrubber__mark scrubber__mark--${m.kind}`} style={{ left: `${(m.pos / stepCount) * 100}%` }} />
      ))}
    </div>
  );
});

export function Scrubber() {
  const actions = useActions();
  const { target, stepCount, sessionVersion, loading } = useLab(
    useShallow((s) => ({ target: s.target, stepCount: s.stepCount, sessionVersion: s.sessionVersion, loading: s.status === 'loading' })),
  );
  return (
    <div className="scrubber">
      <Markers version={sessionVersion} stepCount={stepCount} />
      <input
        type="range"
        className="scrubber__range"
        min={0}
        max={stepCount}
        step={1}
        value={Math.min(target, stepCount)}
        disabled={stepCount === 0 || loading}
        aria-label="Position in the run"
        aria-valuetext={target === 0 ? `start, before step 1 of ${stepCount}` : `step ${target} of ${stepCount}`}
        onChange={(e) => actions.seek(Number(e.target.value))}
      />
    </div>
  );
}
