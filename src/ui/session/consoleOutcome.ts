// What the console says about a statement it ran: appended after the scenario's last step,
// the statement's result and warnings, not only that it ran.

import type { TraceStep } from '../../engine/trace';

/**
 * The console's line for the steps a statement added at the end of the run: the last one's
 * result and warnings, and whether it failed (an errno, INVALID_IOASID or a warning).
 */
export function consoleOutcome(steps: readonly TraceStep[], total: number): [ok: boolean, message: string] {
  const last = steps[steps.length - 1];
  if (!last) return [true, 'no step added'];
  const failed = last.resultName.startsWith('-E') || last.resultName === 'INVALID_IOASID' || last.warnings.length > 0;
  const where = steps.length === 1 ? `step ${total.toLocaleString('en-US')}` : `steps ${(total - steps.length + 1).toLocaleString('en-US')}–${total.toLocaleString('en-US')}, the last`;
  const warned = last.warnings.length ? ` — warning: ${last.warnings.join('; ')}` : '';
  return [!failed, `${where}, after the scenario's end: = ${last.resultName}${warned}`];
}
