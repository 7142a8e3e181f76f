// What the current step says: the `note` caption (large, for classrooms), the statement with
// its thread and context, its result (errno names) and warnings, and violations it raised.

import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useOnResize } from '../../visualizations/onResize';
import { useLab } from '../store/labStore';
import { frameCache } from '../store/frameCache';
import { useCurrentStep, useNote } from './useCurrentStep';
import { isFailure } from '../../engine/errno';

/**
 * Whether the note has lines below what its box shows. The box holds whole lines and scrolls,
 * but an overlay scrollbar is invisible until touched, so a long note would look complete.
 */
function useMoreBelow(text: string | undefined) {
  const ref = useRef<HTMLParagraphElement>(null);
  const [more, setMore] = useState(false);
  const check = useCallback(() => {
    const el = ref.current;
    if (el) setMore(el.scrollHeight - el.scrollTop - el.clientHeight > 2);
  }, []);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = 0;
    check();
  }, [text, check]);
  useOnResize(ref, check);
  const showMore = () => {
    const el = ref.current;
    if (el) el.scrollBy({ top: el.clientHeight * 0.66, behavior: 'smooth' });
  };
  return { ref, more, check, showMore };
}

export function StepCaption() {
  const step = useCurrentStep();
  const note = useNote();
  const { position, title, stepCount } = useLab(useShallow((s) => ({ position: s.position, title: s.title, stepCount: s.stepCount })));
  const violations = useLab(
    useShallow((s) => {
      void s.sessionVersion;
      const step = s.position - 1;
      return (frameCache.info?.violations ?? []).filter((v) => v.step === step);
    }),
  );
  // A step past the file's last line came from the console (appended after the scenario's
  // end): the file's last note does not describe it, and its line is in no editor.
  const loadedText = useLab((s) => s.loadedText);
  const fileLines = useMemo(() => loadedText.split('\n').length, [loadedText]);
  const fromConsole = step !== undefined && loadedText !== '' && step.line > fileLines;
  const text = fromConsole ? 'Run from the console, after the end of the scenario.' : note ?? (position === 0 && stepCount > 0 ? `${title || 'Scenario loaded'} — press Space to play or → to step.` : title);
  const below = useMoreBelow(text);
  return (
    <section className="caption" aria-label="Current step">
      <div className="caption__noteBox">
        <p ref={below.ref} className={`caption__note${note ? '' : ' caption__note--empty'}${below.more ? ' caption__note--more' : ''}`} aria-live="polite" data-testid="note" onScroll={below.check}>
          {text}
        </p>
        {below.more && (
          <button type="button" className="btn btn--small caption__more" onClick={below.showMore} title="The note goes on: scroll it, or click to read on">
            more ↓
          </button>
        )}
      </div>
      <div className="caption__step" data-testid="current-step">
        {step ? (
          <>
            {fromConsole ? (
              <span className="chip" title="Run from the console, after the end of the scenario">console</span>
            ) : (
              <span className="chip" title="Source line">L{step.line}</span>
            )}
            <span className="chip chip--thread" title="Thread">{step.thread}</span>
            <span className={`chip chip--ctx chip--ctx-${step.context}`} title="Execution context">{step.context}</span>
            <span className="caption__stmt">
              {/* A note step's text is the caption shown above: not twice. */}
              <code className="caption__text" title={step.note !== undefined ? step.text : undefined}>
                {step.note !== undefined ? 'note "…" (the caption above)' : step.text}
              </code>
              {/* A note has no result worth showing (always 0). */}
              {step.note === undefined && (
                <>
                  <span className="caption__arrow" aria-hidden="true">→</span>
                  <code className={`caption__result${isFailure(step.result) ? ' caption__result--fail' : ''}`} title="Result">{step.resultName}</code>
                </>
              )}
            </span>
          </>
        ) : (
          <span className="muted">Before the first step.</span>
        )}
      </div>
      {(step?.warnings.length || violations.length) ? (
        <ul className="caption__alerts">
          {step?.warnings.map((w, i) => (
            <li key={`w${i}`} className="alert alert--warning" title={w}>
              <strong>warning</strong> {w}
            </li>
          ))}
          {violations.map((v, i) => (
            <li key={`v${i}`} className="alert alert--violation" title={`${v.kind}: ${v.message}`}>
              <strong>{v.kind}</strong> {v.message}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
