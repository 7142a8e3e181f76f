// Breakpoints on an ID stop at every step that uses it: allocation, references, PASID-table
// work, and a DMA request with it (where a stale translation shows).
import { describe, expect, it } from 'vitest';
import { loadScenario, resolveModel } from '../../../src/engine/lab';
import { Session } from '../../../src/engine/run/session';
import { findBreakpoint } from '../../../src/engine/run/breakpoints';

const SRC = `model v4
set vm1 quota=4
device dev0
alloc vm1 -> a
bind dev0 a
dma dev0 a
quiesce
dma dev0 a
`;

describe('ID breakpoints', () => {
  it('stop at a DMA request with the ID, not only where its state changes', () => {
    const l = loadScenario(SRC);
    if (!l.ok) throw new Error(JSON.stringify(l.errors));
    const model = resolveModel(l.program.source);
    if (typeof model === 'string') throw new Error(model);
    const s = new Session(l.program, model);
    s.advance();
    const stops: number[] = [];
    for (let p = 0; ; ) {
      p = findBreakpoint(s.recorder, p, 1, [{ kind: 'id', id: 1 }]);
      if (p < 0) break;
      stops.push(p);
    }
    // Positions count steps applied: alloc (3), bind (4), dma (5), dma (7); not the quiesce.
    expect(stops).toEqual([3, 4, 5, 7]);
  });
});
