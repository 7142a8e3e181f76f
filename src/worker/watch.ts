// Watch expressions for the player's sparklines: `avail`, `allocated`, `used SET`,
// `quota SET`, `pending SET`, `refs ID`, `violations`. Parsed once, evaluated per position.

import type { Machine } from '../engine/run/machine';

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
    case 'refs':
      if (!arg) return `'refs' needs an ID (number or bound name)`;
      return (m) => {
        const s = m.kernel.state;
        const id = /^\d+$/.test(arg) ? Number(arg) : s.bindings.get(arg);
        return id !== undefined && s.ids.isLive(id) ? s.ids.refs[id] : 0;
      };
    default:
      return `unknown watch '${head}': try avail, allocated, used SET, quota SET, pending SET, refs ID, violations`;
  }
}
