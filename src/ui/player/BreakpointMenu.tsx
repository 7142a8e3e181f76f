// The breakpoint menu: line breakpoints from the gutter, plus breakpoints on an event kind,
// an ID, a set, a subscriber or a violation kind (engine/run/breakpoints.ts).

import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Breakpoint } from '../../engine/run/breakpoints';
import { EVENT_NAMES, VIOLATION_KINDS, type EventName, type ViolationKind } from '../../engine/trace';
import { useLab } from '../store/labStore';
import { frameCache } from '../store/frameCache';
import { useActions } from '../commands/CommandsContext';
import { Modal } from '../shell/Modal';

type Kind = Exclude<Breakpoint['kind'], 'line'>;

export function describeBreakpoint(bp: Breakpoint): string {
  switch (bp.kind) {
    case 'line':
      return `line ${bp.line}`;
    case 'event':
      return `event ${bp.event}`;
    case 'id':
      return `ID ${bp.id}`;
    case 'set':
      return `set ${bp.set}`;
    case 'subscriber':
      return `subscriber ${bp.subscriber}`;
    case 'violation':
      return bp.violation ? `violation ${bp.violation}` : 'any violation';
  }
}

export function BreakpointMenu() {
  const actions = useActions();
  const { lines, others, version } = useLab(useShallow((s) => ({ lines: s.lineBreakpoints, others: s.breakpoints, version: s.sessionVersion })));
  const [kind, setKind] = useState<Kind>('violation');
  const [value, setValue] = useState('');
  const [error, setError] = useState('');
  const names = useMemo(() => {
    void version;
    const sets = new Set<string>();
    const subs = new Set<string>();
    for (const d of frameCache.trace.deliveries) {
      sets.add(d.set);
      subs.add(d.subscriber);
    }
    for (const s of frameCache.snapshot?.frame.sets ?? []) sets.add(s.name);
    return { sets: [...sets].sort(), subs: [...subs].sort() };
  }, [version]);

  const add = () => {
    let bp: Breakpoint | undefined;
    const v = value.trim();
    if (kind === 'event') bp = EVENT_NAMES.includes(v as EventName) ? { kind, event: v as EventName } : undefined;
    else if (kind === 'violation') bp = v === '' ? { kind } : VIOLATION_KINDS.includes(v as ViolationKind) ? { kind, violation: v as ViolationKind } : undefined;
    else if (kind === 'id') bp = /^(0x[0-9a-f]+|\d+)$/i.test(v) ? { kind, id: Number(v) } : undefined;
    else if (kind === 'set') bp = /^[A-Za-z_]\w*$/.test(v) ? { kind, set: v } : undefined;
    else bp = /^[A-Za-z_]\w*$/.test(v) ? { kind, subscriber: v } : undefined;
    if (!bp) {
      setError(kind === 'id' ? 'An ID is a number (decimal or 0x hex).' : kind === 'event' ? 'Pick an event.' : 'A name: letters, digits and _.');
      return;
    }
    setError('');
    actions.addBreakpoint(bp);
    setValue('');
  };

  return (
    <Modal title="Breakpoints" onClose={() => useLab.setState({ dialog: null })}>
      <p className="muted">
        Run to the next with <kbd>]</kbd>, back to the previous with <kbd>[</kbd>. Click a line number in the editor for a line breakpoint, or press <kbd>F9</kbd> on a line of it (outside the editor: on the current step's line).
      </p>
      <ul className="bp-list" aria-label="Breakpoints set">
        {lines.length === 0 && others.length === 0 && <li className="muted">No breakpoints yet.</li>}
        {lines.map((line) => (
          <li key={`l${line}`}>
            <span>line {line}</span>
            <button type="button" className="btn btn--small" onClick={() => actions.toggleLineBreakpoint(line)} aria-label={`Remove the breakpoint on line ${line}`}>
              Remove
            </button>
          </li>
        ))}
        {others.map((bp, i) => (
          <li key={`b${i}`}>
            <span>{describeBreakpoint(bp)}</span>
            <button type="button" className="btn btn--small" onClick={() => actions.removeBreakpoint(i)} aria-label={`Remove the breakpoint on ${describeBreakpoint(bp)}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form
        className="bp-form"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <label>
          Break on
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as Kind);
              setValue('');
              setError('');
            }}
          >
            <option value="violation">a violation</option>
            <option value="event">an event kind</option>
            <option value="id">an ID</option>
            <option value="set">a set</option>
            <option value="subscriber">a subscriber</option>
          </select>
        </label>
        {kind === 'event' || kind === 'violation' ? (
          <select aria-label="Which" value={value} onChange={(e) => setValue(e.target.value)}>
            {kind === 'violation' ? <option value="">any kind</option> : <option value="">choose…</option>}
            {(kind === 'event' ? EVENT_NAMES : VIOLATION_KINDS).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        ) : (
          <>
            <input aria-label="Which" value={value} onChange={(e) => setValue(e.target.value)} list={kind === 'set' ? 'bp-sets' : kind === 'subscriber' ? 'bp-subs' : undefined} placeholder={kind === 'id' ? 'e.g. 1' : 'name'} />
            <datalist id="bp-sets">{names.sets.map((n) => <option key={n} value={n} />)}</datalist>
            <datalist id="bp-subs">{names.subs.map((n) => <option key={n} value={n} />)}</datalist>
          </>
        )}
        <button type="submit" className="btn btn--primary">Add</button>
      </form>
      {error && <p className="form-error" role="alert">{error}</p>}
    </Modal>
  );
}
