// The details panel of the selected timeline mark: every field of a delivery, publish or violation.
import type { Mark, TimelineStep } from './model';
import { stepNumber } from '../../engine/run/stepNumber';

function Row({ label, value }: { label: string; value: string | number }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

export function MarkDetails({ mark, step }: { mark?: Mark; step?: TimelineStep }) {
  if (!mark) {
    return <div className="viz-details viz-details--empty">Click a mark (or focus the timeline and press <kbd>.</kbd>) to see its details.</div>;
  }
  const d = mark.delivery;
  const v = mark.violation;
  return (
    <section className="viz-details" aria-live="polite" aria-label="Selected timeline mark">
      <h3 className="viz-details__title">
        {v ? `violation · ${v.kind}` : d ? `${d.event} → ${d.subscriber}` : `${mark.event} published`}
      </h3>
      <dl className="viz-details__grid">
        {d && (
          <>
            <Row label="event" value={d.event} />
            <Row label="ID" value={d.id} />
            <Row label="set" value={d.set} />
            <Row label="subscriber" value={d.subscriber} />
            <Row label="priority" value={d.priority} />
            <Row label="chain" value={d.chain} />
            <Row label="reply" value={d.reply} />
            <Row label="context" value={d.context} />
          </>
        )}
        {!d && !v && <Row label="event" value={mark.event ?? ''} />}
        {!d && !v && <Row label="context" value={mark.context} />}
        {v && <Row label="message" value={v.message} />}
        <Row label="step" value={stepNumber(mark.step)} />
        <Row label="line" value={v ? v.line : step ? step.line : '?'} />
        {step && <Row label="thread" value={step.thread} />}
        {step && <Row label="statement" value={step.text} />}
        {step && <Row label="result" value={step.resultName} />}
      </dl>
    </section>
  );
}
