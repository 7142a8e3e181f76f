// What the console says about a statement it ran: appended after the scenario's last step,
// the statement's result and warnings, not only that it ran.

import { isFailure } from '../../engine/errno';
import type { TraceStep } from '../../engine/trace';

/**
 * The console's line for the `added` steps a statement put at the end of the run, from the
 * last of them: its result and warnings, and whether it failed (an errno, INVALID_IOASID or
 * a warning).
 */
export function consoleOutcome(last: TraceStep | undefined, added: number, total: number): [ok: boolean, message: string] {
  if (!last) return [true, 'no step added'];
  const failed = isFailure(last.result) || last.warnings.length > 0;
  const where = added === 1 ? `step ${total.toLocaleString('en-US')}` : `steps ${(total - added + 1).toLocaleString('en-US')}–${total.toLocaleString('en-US')}, the last`;
  const warned = last.warnings.length ? ` — warning: ${last.warnings.join('; ')}` : '';
  return [!failed, `${where}, after the scenario's end: = ${last.resultName}${warned}`];
}
