// The scenario editor: a plain textarea over a synchronized, highlighted overlay (no editor
// dependency). The overlay renders only the visible lines; the textarea is the browser's and
// lays out all of its text on each edit (headless Chromium here, keystroke to frame: 0.03 s
// at 1k lines, 0.1 s at 20k, 0.4 s at 100k, the same as a bare textarea).
// The gutter toggles line breakpoints and carries the error markers; errors are listed below.

import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Diagnostic } from '../../engine/scenario';
import { useLab } from '../store/labStore';
import { frameCache } from '../store/frameCache';
import { useActions } from '../commands/CommandsContext';
import { highlightLine } from './highlight';
import { useOnResize } from '../../visualizations/onResize';
import { useLiveDiagnostics } from './useLiveDiagnostics';
import { insertedLength, lengthAfterInsert, oversizedEditMessage, type EditSource } from './editLimit';
import { followEdit } from './followEdit';

const OVERSCAN_LINES = 12;
/** The textarea's top padding (app.css .editor__input): line N starts this far below it. */
const PAD_TOP_PX = 8;

function useCurrentLine(): number | undefined {
  return useLab((s) => {
    void s.sessionVersion;
    const lines = frameCache.info?.lines;
    const step = s.position - 1;
    return lines && step >= 0 && step < lines.length ? lines[step] : undefined;
  });
}

/** Refuses an edit that would make the text `length` long when that is past the limit; true if refused. */
function refusedOversized(length: number, source: EditSource): boolean {
  const message = oversizedEditMessage(length, source, useLab.getState().text.length);
  if (message) useLab.setState({ banner: { kind: 'error', text: message } });
  return message !== null;
}

/**
 * A paste or drop is checked before the textarea takes it; onChange below is the backstop. A
 * paste replaces the selection; a drop inserts at the drop point and keeps it.
 */
function insertionRefused(ta: HTMLTextAreaElement, inserted: string, source: EditSource): boolean {
  const n = insertedLength(inserted);
  const length = source === 'paste' ? lengthAfterInsert(ta.value.length, ta.selectionStart, ta.selectionEnd, n) : ta.value.length + n;
  return refusedOversized(length, source);
}

const HighlightedLine = memo(function HighlightedLine({ text, errorCols }: { text: string; errorCols?: number[] }) {
  const tokens = useMemo(() => highlightLine(text), [text]);
  if (!errorCols?.length) {
    return (
      <>
        {tokens.map((t, i) => (
          <span key={i} className={`tok tok--${t.cls}`}>
            {t.text}
          </span>
        ))}
        {'\n'}
      </>
    );
  }
  // Underline from each error's column to the end of the word it starts.
  const marks = errorCols.map((col) => {
    const start = Math.max(0, Math.min(col - 1, text.length));
    const rest = text.slice(start);
    const len = Math.max(1, /^\S*/.exec(rest)![0].length);
    return [start, start + len] as const;
  });
  const inMark = (i: number) => marks.some(([a, b]) => i >= a && i < b);
  const out: ReactNode[] = [];
  let offset = 0;
  tokens.forEach((t, i) => {
    // Split tokens at mark boundaries so the squiggle covers exactly the bad text.
    let chunk = '';
    let chunkMarked = inMark(offset);
    for (let k = 0; k < t.text.length; k++) {
      const m = inMark(offset + k);
      if (m !== chunkMarked && chunk) {
        out.push(<span key={`${i}-${k}`} className={`tok tok--${t.cls}${chunkMarked ? ' tok--error' : ''}`}>{chunk}</span>);
        chunk = '';
      }
      chunkMarked = m;
      chunk += t.text[k];
    }
    if (chunk) out.push(<span key={`${i}-end`} className={`tok tok--${t.cls}${chunkMarked ? ' tok--error' : ''}`}>{chunk}</span>);
    offset += t.text.length;
  });
  if (marks.some(([a]) => a >= text.length)) out.push(<span key="eol" className="tok tok--error tok--eol">{' '}</span>);
  return (
    <>
      {out}
      {'\n'}
    </>
  );
});

export function ScenarioEditor() {
  const actions = useActions();
  const { text, lineBreakpoints, playing } = useLab(useShallow((s) => ({ text: s.text, lineBreakpoints: s.lineBreakpoints, playing: s.playing })));
  const currentLine = useCurrentLine();
  const diagnostics = useLiveDiagnostics(text);
  const taRef = useRef<HTMLTextAreaElement>(null);
  const [scroll, setScroll] = useState({ top: 0, left: 0, height: 400 });
  const [lineHeight, setLineHeight] = useState(20);

  const lines = useMemo(() => text.split('\n'), [text]);
  const errorsByLine = useMemo(() => {
    const m = new Map<number, Diagnostic[]>();
    for (const d of diagnostics) m.set(d.line, [...(m.get(d.line) ?? []), d]);
    return m;
  }, [diagnostics]);

  const measure = useCallback(() => {
    const ta = taRef.current;
    if (!ta) return;
    const lh = parseFloat(getComputedStyle(ta).lineHeight);
    if (lh > 0) setLineHeight(lh);
    setScroll({ top: ta.scrollTop, left: ta.scrollLeft, height: ta.clientHeight });
  }, []);

  useOnResize(taRef, measure);

  // Projector mode changes the font size: re-measure when the root's class changes.
  const projector = useLab((s) => s.projector);
  useEffect(measure, [projector, measure]);

  // Keep the current step's line in view while playing or stepping.
  useEffect(() => {
    const ta = taRef.current;
    if (!ta || currentLine === undefined || document.activeElement === ta && !playing) return;
    const y = PAD_TOP_PX + (currentLine - 1) * lineHeight;
    if (y < ta.scrollTop || y + lineHeight > ta.scrollTop + ta.clientHeight) {
      ta.scrollTop = Math.max(0, y - ta.clientHeight / 3);
    }
  }, [currentLine, lineHeight, playing]);

  const first = Math.max(0, Math.floor((scroll.top - PAD_TOP_PX) / lineHeight) - OVERSCAN_LINES);
  const last = Math.min(lines.length, Math.ceil((scroll.top + scroll.height) / lineHeight) + OVERSCAN_LINES);
  const shown = [];
  for (let i = first; i < last; i++) shown.push(i);
  const offsetY = PAD_TOP_PX + first * lineHeight - scroll.top;
  const bpSet = new Set(lineBreakpoints);

  const goTo = (d: Diagnostic) => {
    const ta = taRef.current;
    if (!ta) return;
    let pos = 0;
    for (let i = 0; i < d.line - 1 && i < lines.length; i++) pos += lines[i].length + 1;
    pos += d.col - 1;
    ta.focus();
    ta.setSelectionRange(pos, pos);
    ta.scrollTop = Math.max(0, (d.line - 1) * lineHeight - ta.clientHeight / 3);
  };

  return (
    <div className="editor-wrap">
      <div className="editor" style={{ ['--lh' as string]: `${lineHeight}px` }}>
        <div className="editor__gutter" aria-label="Line numbers: click to toggle a breakpoint">
          <div className="editor__lines" style={{ transform: `translateY(${offsetY}px)` }}>
            {shown.map((i) => {
              const line = i + 1;
              const errs = errorsByLine.get(line);
              const cls = ['gutter-line', bpSet.has(line) ? 'gutter-line--bp' : '', currentLine === line ? 'gutter-line--current' : '', errs ? 'gutter-line--error' : ''].filter(Boolean).join(' ');
              return (
                <button
                  key={line}
                  type="button"
                  className={cls}
                  tabIndex={-1}
                  aria-pressed={bpSet.has(line)}
                  aria-label={`Line ${line}${bpSet.has(line) ? ', breakpoint' : ''}${errs ? `, error: ${errs[0].message}` : ''}`}
                  title={errs ? errs.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n') : bpSet.has(line) ? `Remove the breakpoint on line ${line}` : `Break at line ${line}`}
                  data-line={line}
                  onClick={() => actions.toggleLineBreakpoint(line)}
                >
                  {errs && <span className="gutter-line__err" aria-hidden="true">●</span>}
                  {line}
                </button>
              );
            })}
          </div>
        </div>
        <div className="editor__main">
          <pre className="editor__hl" aria-hidden="true">
            <div style={{ transform: `translate(${-scroll.left}px, ${offsetY}px)` }}>
              {shown.map((i) => (
                <div key={i} className={`hl-line${currentLine === i + 1 ? ' hl-line--current' : ''}`}>
                  <HighlightedLine text={lines[i]} errorCols={errorsByLine.get(i + 1)?.map((d) => d.col)} />
                </div>
              ))}
            </div>
          </pre>
          <textarea
            id="scenario-editor"
            ref={taRef}
            className="editor__input"
            value={text}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            autoCorrect="off"
            wrap="off"
            aria-label="Scenario source"
            aria-invalid={diagnostics.length > 0}
            aria-describedby="editor-problems"
            // Escape leaves the editor, so the player's keys work again without the mouse
            // (Tab leaves it too: it does not indent, so the keyboard is never trapped here).
            onKeyDown={(e) => {
              if (e.key === 'Escape' && !e.defaultPrevented) e.currentTarget.blur();
            }}
            onScroll={(e) => {
              const ta = e.currentTarget;
              setScroll({ top: ta.scrollTop, left: ta.scrollLeft, height: ta.clientHeight });
            }}
            onPaste={(e) => {
              if (insertionRefused(e.currentTarget, e.clipboardData.getData('text/plain'), 'paste')) e.preventDefault();
            }}
            onDrop={(e) => {
              if (insertionRefused(e.currentTarget, e.dataTransfer.getData('text/plain'), 'drop')) e.preventDefault();
            }}
            // Not setting the text makes React put the textarea back to the kept text.
            onChange={(e) => {
              if (refusedOversized(e.target.value.length, 'edit')) return;
              const { text, lineBreakpoints } = useLab.getState();
              useLab.setState({ text: e.target.value, lineBreakpoints: followEdit(text, e.target.value, lineBreakpoints) });
            }}
          />
        </div>
      </div>
      <div id="editor-problems" className={`problems${diagnostics.length ? ' problems--errors' : ''}`} role="status" aria-live="polite">
        {diagnostics.length === 0 ? (
          <span className="problems__ok">No errors</span>
        ) : (
          <ul>
            {/* The parser stops after 50 errors with a 51st saying so: all are listed. */}
            {diagnostics.map((d, i) => (
              <li key={i}>
                <button type="button" className="problems__item" onClick={() => goTo(d)}>
                  {`${d.line}:${d.col}: ${d.message}`}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
