// A LabActions whose every method is a vi.fn, so component tests see which action a button,
// a key or a field asked for, without a worker.
import { vi, type Mock } from 'vitest';
import type { LabActions } from '../../../src/ui/session/actions';

const NAMES: (keyof LabActions)[] = [
  'run', 'openScenario', 'setModel', 'play', 'pause', 'togglePlay', 'step', 'seek', 'toStart', 'toEnd', 'setSpeed',
  'runToBreakpoint', 'toggleLineBreakpoint', 'addBreakpoint', 'removeBreakpoint', 'selectId', 'describeId', 'selectSet', 'selectDevice',
  'runConsole', 'keepConsole', 'setWatches', 'runMatrix', 'share', 'importFile', 'exportAs', 'toast',
];

export type FakeActions = { [K in keyof LabActions]: Mock };

export function fakeActions(): FakeActions & LabActions {
  return Object.fromEntries(NAMES.map((n) => [n, vi.fn()])) as unknown as FakeActions & LabActions;
}
