// The run's violations (SPEC §3.6) as a list filterable by kind. Items the player has reached
// are plain, future ones dimmed; activating one jumps to the position right after its step.
import { useMemo, useState, type ReactNode } from 'react';
import { VIOLATION_KINDS, type TraceViolation } from '../../engine/trace';
import { ViolationBadge } from './ViolationBadge';
import './inspectors.css';
import { stepNumber } from '../../engine/run/stepNumber';

export interface ViolationsPanelProps {
  violations: TraceViolation[];
  position: number;
  onJump: (position: number) => void;
}

/** Line-break chances before each '(' so a call like f(arg) wraps there, not inside a name. */
function breakAfterParens(text: string): ReactNode[] {
  return text.split('(').flatMap((part, i) => (i === 0 ? [part] : [<wbr key={i} />, `(${part}`]));
}

export function ViolationsPanel({ violations, position, onJump }: ViolationsPanelProps) {
  const [filter, setFilter] = useState<string | null>(null);

  const counts = useMemo(() => {
    const c = new Map<string, number>();
    for (const v of violations) c.set(v.kind, (c.get(v.kind) ?? 0) + 1);
    // Fixed kind order (the spec's), unknown kinds after it, so chips never jump around.
    const known = VIOLATION_KINDS.filter((k) => c.has(k));
    const extra = [...c.keys()].filter((k) => !(VIOLATION_KINDS as readonly string[]).includes(k));
    return [...known, ...extra].map((k) => [k, c.get(k)!] as const);
  }, [violations]);

  // A filter on a kind the new run no longer has falls back to all.
  const active = filter !== null && counts.some(([k]) => k === filter) ? filter : null;
  const shown = active === null ? violations : violations.filter((v) => v.kind === active);
  const reached = violations.filter((v) => v.step < position).length;

  if (violations.length === 0) {
    return (
      <section className="insp insp-violations" aria-label="Violations">
        <p className="insp-empty">No violations in this run</p>
      </section>
    );
  }

  return (
    <section className="insp insp-violations" aria-label="Violations">
      <p className="insp-note">
        {violations.length} violation{violations.length === 1 ? '' : 's'} in this run, {reached} reached at position{'\u00a0'}{position}
      </p>
      <div className="insp-chips" role="group" aria-label="Filter violations by kind">
        <button type="button" aria-pressed={active === null} onClick={() => setFilter(null)}>
          all ({violations.length})
        </button>
        {counts.map(([kind, n]) => (
          <button key={kind} type="button" aria-pressed={active === kind} onClick={() => setFilter(active === kind ? null : kind)}>
            <ViolationBadge kind={kind} /> {n}
          </button>
        ))}
      </div>
      <ol className="insp-vlist">
        {shown.map((v, i) => {
          const isCurrent = v.step + 1 === position;
          const future = v.step >= position;
          const cls = `insp-vitem${future ? ' insp-vitem--future' : ''}${isCurrent ? ' insp-vitem--current' : ''}`;
          return (
            <li key={`${v.step}-${i}`}>
              <button
                type="button"
                className={cls}
                aria-current={isCurrent ? 'step' : undefined}
                title={`Jump to position ${v.step + 1}`}
                onClick={() => onJump(v.step + 1)}
              >
                <ViolationBadge kind={v.kind} />
                <span className="insp-vitem__msg">{breakAfterParens(v.message)}</span>
                <span className="insp-vitem__where">
                  {`step\u00a0${stepNumber(v.step)} · line\u00a0${v.line}${future ? '\u00a0· ahead' : isCurrent ? '\u00a0· now' : ''}`}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
