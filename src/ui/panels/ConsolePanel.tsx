// The console: type one scenario statement and run it against the live session (it is
// appended to the run). Enter submits; ArrowUp/ArrowDown walk back through what was typed.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import '../inspectors/inspectors.css';

export type ConsoleEntry = { text: string; ok: boolean; message?: string };

export interface ConsolePanelProps {
  history: ConsoleEntry[];
  busy: boolean;
  onSubmit: (text: string) => void;
  /** Statements run and not in the scenario text yet, and how to add them (absent: no button). */
  unkept?: number;
  onKeep?: () => void;
}

const NOT_SAVED_WHY = 'The statements the console ran are not in the scenario text: the next Run, a change of model or a reload drops them, and a share link leaves them out. Adding them puts them at the end of the text.';

export function ConsolePanel({ history, busy, onSubmit, unkept = 0, onKeep }: ConsolePanelProps) {
  const [text, setText] = useState('');
  // null = editing a fresh line; otherwise an index into history (most recent = last).
  const [recall, setRecall] = useState<number | null>(null);
  const draft = useRef('');
  const logRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    const el = logRef.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    // The newest entry from its statement when it is taller than the log (a short dock at
    // 1280x800 showed an error without the statement that caused it).
    const last = el.lastElementChild;
    if (last && last.getBoundingClientRect().height > el.clientHeight) el.scrollTop += last.getBoundingClientRect().top - el.getBoundingClientRect().top;
  }, [history.length]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      const t = text.trim();
      if (!t || busy) return;
      onSubmit(t);
      setText('');
      setRecall(null);
      draft.current = '';
    } else if (e.key === 'ArrowUp') {
      if (history.length === 0) return;
      e.preventDefault();
      if (recall === null) draft.current = text;
      const i = recall === null ? history.length - 1 : Math.max(0, recall - 1);
      setRecall(i);
      setText(history[i].text);
    } else if (e.key === 'ArrowDown') {
      if (recall === null) return;
      e.preventDefault();
      if (recall >= history.length - 1) {
        setRecall(null);
        setText(draft.current);
      } else {
        setRecall(recall + 1);
        setText(history[recall + 1].text);
      }
    }
  };

  return (
    <section className="insp insp-console" aria-label="Console" aria-busy={busy}>
      {history.length === 0 ? (
        <p className="insp-empty">Nothing run from the console yet.</p>
      ) : (
        <ol className="insp-console__log" ref={logRef} role="log" aria-label="Console history" aria-live="polite">
          {history.map((h, i) => (
            <li key={i}>
              <span className="insp-console__stmt">{h.text}</span>
              {(h.message || !h.ok) && (
                <span className={`insp-console__msg insp-console__msg--${h.ok ? 'ok' : 'error'}`}>
                  {h.ok ? '' : 'error: '}
                  {h.message ?? 'failed'}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      <div className="insp-console__line">
        <span className="insp-console__prompt" aria-hidden="true">
          &gt;
        </span>
        <input
          type="text"
          aria-label="Console statement"
          value={text}
          spellCheck={false}
          autoComplete="off"
          placeholder={busy ? 'running…' : 'statement, Enter to run'}
          onChange={(e) => {
            setText(e.target.value);
            setRecall(null);
          }}
          onKeyDown={onKeyDown}
        />
        {busy && <span className="insp-note" role="status">running…</span>}
      </div>
      {unkept > 0 && onKeep ? (
        // One line, so a short dock (1280x800) keeps room for the log: the why is in the tooltip.
        <p className="insp-note insp-console__hint" title={NOT_SAVED_WHY}>
          Not saved in the scenario:{' '}
          <button type="button" className="btn btn--small" onClick={onKeep} title={NOT_SAVED_WHY}>
            Add {unkept === 1 ? 'it' : `these ${unkept}`} to the scenario
          </button>
        </p>
      ) : (
        <p className="insp-note insp-console__hint">
          Try <code>alloc vm1 -&gt; x</code>, <code>free x</code>, <code>dma dev0 x</code>. ↑/↓ recall earlier statements.
        </p>
      )}
    </section>
  );
}
