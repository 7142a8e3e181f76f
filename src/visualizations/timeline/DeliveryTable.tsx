// The table alternative of the timeline: every delivery and violation as rows (visually hidden
// unless toggled, always available to screen readers).
import type { TraceDelivery, TraceViolation } from '../../engine/trace';
import type { TimelineStep } from './model';
import { stepNumber } from '../../engine/run/stepNumber';

export interface DeliveryTableProps {
  visible: boolean;
  deliveries: readonly TraceDelivery[];
  violations: readonly TraceViolation[];
  steps: ReadonlyMap<number, TimelineStep>;
  current: number;
}

export function DeliveryTable({ visible, deliveries, violations, steps, current }: DeliveryTableProps) {
  return (
    <div className={visible ? 'viz-table-wrap viz-table-wrap--scroll' : 'viz-visually-hidden'}>
      <table className="viz-table">
        <caption>
          {deliveries.length} notifier deliveries and {violations.length} violations; {current < 0 ? 'the cursor is before the first step.' : `the cursor is at step ${stepNumber(current)}.`}
        </caption>
        <thead>
          <tr>
            {/* What a delivery did first (the reply is often the lesson); where it came from last. */}
            <th scope="col">Step</th>
            <th scope="col">Event</th>
            <th scope="col">ID</th>
            <th scope="col">Subscriber</th>
            <th scope="col">Reply</th>
            <th scope="col">Context</th>
            <th scope="col">Chain</th>
            <th scope="col">Priority</th>
            <th scope="col">Set</th>
            <th scope="col">Line</th>
            <th scope="col">Thread</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.index} className={d.step > current ? 'viz-table__future' : undefined}>
              <td>{stepNumber(d.step)}</td>
              <td>{d.event}</td>
              <td>{d.id}</td>
              <td>{d.subscriber}</td>
              <td>{d.reply}</td>
              <td>{d.context}</td>
              <td>{d.chain}</td>
              <td>{d.priority}</td>
              <td>{d.set}</td>
              <td>{steps.get(d.step)?.line ?? ''}</td>
              <td>{steps.get(d.step)?.thread ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {violations.length > 0 && (
        <ul className="viz-table__violations">
          {violations.map((v, i) => (
            <li key={i}>
              Violation {v.kind} at step {stepNumber(v.step)}, line {v.line}: {v.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
