// What the current step says: the `note` caption (large, for classrooms), the statement with
// its thread and context, its result (errno names) and warnings, and violations it raised.

import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../store/labStore';
import { frameCache } from '../store/frameCache';
import { useCurrentStep, useNote } from './useCurrentStep';

function isFailure(resultName: string): boolean {
  return resultName.startsWith('-E') || resultName === 'INVALID_IOASID';
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
  return (
    <section className="caption" aria-label="Current step">
      <p className={`caption__note${note ? '' : ' caption__note--empty'}`} aria-live="polite" data-testid="note">
        {note ?? (position === 0 && stepCount > 0 ? `${title || 'Scenario loaded'} — press Space to play or → to step.` : title)}
      </p>
      <div className="caption__step" data-testid="current-step">
        {step ? (
          <>
            <span className="chip" title="Source line">L{step.line}</span>
            <span className="chip chip--thread" title="Thread">{step.thread}</span>
            <span className={`chip chip--ctx chip--ctx-${step.context}`} title="Execution context">{step.context}</span>
            <code className="caption__text">{step.text}</code>
            <span className="caption__arrow" aria-hidden="true">→</span>
            <code className={`caption__result${isFailure(step.resultName) ? ' caption__result--fail' : ''}`} title="Result">{step.resultName}</code>
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
