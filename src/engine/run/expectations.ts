// `expect` lines: they check the run and never change it. Each evaluates to a pass or to the
// actual value a failure report prints.

import { isFailure, resultName } from '../errno';
import { ID_ACTIVE, ID_FREE_PENDING } from '../idstate';
import type { Kernel } from '../kernel/kernel';
import type { Expectation, IdRef } from '../scenario/ast';
import type { ExpectationFailure } from '../trace';

export interface ExpectationLog {
  passed: number;
  failed: number;
  failures: ExpectationFailure[];
}

export function emptyExpectationLog(): ExpectationLog {
  return { passed: 0, failed: 0, failures: [] };
}

export interface LastResult {
  result: number;
  warned: boolean;
  /** Whether the thread has run any statement yet. */
  any: boolean;
}

function idValue(k: Kernel, ref: IdRef): number | undefined {
  return ref.kind === 'num' ? ref.value : k.state.view.bindings.get(ref.name);
}

function stateName(k: Kernel, id: number): string {
  const st = k.state.view.ids.stateOf(id);
  return st === ID_ACTIVE ? 'active' : st === ID_FREE_PENDING ? 'free_pending' : 'free';
}

/** undefined when the expectation holds, else the actual value to report. */
export function evaluate(k: Kernel, e: Expectation, last: LastResult): string | undefined {
  const s = k.state;
  const unbound = (ref: IdRef) => (ref.kind === 'name' ? `'${ref.name}' refers to no ID` : 'no ID');
  switch (e.kind) {
    case 'ok':
      if (!last.any) return 'no statement ran before it';
      if (isFailure(last.result)) return resultName(last.result);
      return last.warned ? `${resultName(last.result)} with a warning` : undefined;
    case 'result':
      return last.result === e.value ? undefined : resultName(last.result);
    case 'bound': {
      const v = s.bindings.get(e.name);
      if (v === undefined) return `'${e.name}' is not bound`;
      return v === e.value ? undefined : String(v);
    }
    case 'used':
    case 'quota': {
      const set = s.sets.get(e.set);
      if (!set) return `no set '${e.set}'`;
      const v = e.kind === 'used' ? set.used : set.quota;
      return v === e.value ? undefined : String(v);
    }
    case 'avail':
      return s.avail === e.value ? undefined : String(s.avail);
    case 'allocated':
      return s.alloc.count === e.value ? undefined : String(s.alloc.count);
    case 'refs': {
      const id = idValue(k, e.id);
      if (id === undefined) return unbound(e.id);
      const v = s.ids.isLive(id) ? s.ids.refs[id] : 0;
      return v === e.value ? undefined : String(v);
    }
    case 'state': {
      const id = idValue(k, e.id);
      if (id === undefined) return unbound(e.id);
      const v = stateName(k, id);
      return v === e.state ? undefined : v;
    }
    case 'entry': {
      const id = idValue(k, e.id);
      if (id === undefined) return unbound(e.id);
      const dev = s.vtd.device(e.device);
      if (!dev) return `no device '${e.device}'`;
      const present = dev.table.isPresent(id);
      return present === e.present ? undefined : present ? 'present' : 'absent';
    }
    case 'delivered': {
      const id = idValue(k, e.id);
      if (id === undefined) return unbound(e.id);
      return s.delivered.has(`${e.subscriber}|${e.event}|${id}`) ? undefined : `${e.subscriber} received no ${e.event} for ${id}`;
    }
    case 'violation':
      return (s.violationCounts.get(e.violation) ?? 0) > 0 ? undefined : `no ${e.violation} violation so far`;
    case 'no-violations': {
      const kinds = [...s.violationCounts].filter(([, n]) => n > 0).map(([kind, n]) => `${n} ${kind}`);
      return kinds.length === 0 ? undefined : kinds.join(', ');
    }
  }
}
