// Watch expressions for the player's sparklines: `avail`, `allocated`, `used SET`,
// `quota SET`, `pending SET`, `refs ID`, `violations`. Parsed once, evaluated per position.

import type { Machine } from '../engine/run/machine';
import { parseNumber } from '../engine/scenario/lexer';

export type WatchFn = (m: Machine) => number | null;

export function parseWatch(expr: string): WatchFn | string {
  const parts = expr.trim().split(/\s+/);
  const [head, arg] = parts;
  if (parts.length > 2 || !head) return `cannot read '${expr}': try avail, allocated, used SET, quota SET, pending SET, refs ID, violations`;
  switch (head) {
    case 'avail':
      return (m) => m.kernel.state.avail;
    case 'allocated':
      return (m) => m.kernel.state.alloc.count;
    case 'violations':
      return (m) => [...m.kernel.state.violationCounts.values()].reduce((a, b) => a + b, 0);
    case 'used':
    case 'quota':
    case 'pending':
      if (!arg) return `'${head}' needs a set name`;
      return (m) => {
        const set = m.kernel.state.sets.get(arg);
        return set ? set[head] : null;
      };
    case 'refs': {
      if (!arg) return `'refs' needs an ID (number or bound name)`;
      // A number as the scenario language reads it (decimal or 0x hex); a name not bound (yet)
      // at a position has no value there, like a set not made yet.
      const number = /^[0-9]/.test(arg) ? parseNumber(arg) : undefined;
      if (typeof number === 'string') return number;
      return (m) => {
        const s = m.kernel.state;
        const id = number ?? s.bindings.get(arg);
        if (id === undefined) return null;
        return s.ids.isLive(id) ? s.ids.refs[id] : 0;
      };
    }
    default:
      return `unknown watch '${head}': try avail, allocated, used SET, quota SET, pending SET, refs ID, violations`;
  }
}
