// Everything a run's kernel holds, as one value that checkpoints copy and restore. History
// (steps, deliveries) is not state: it lives in the recorder.

import { MAX_IDS } from '../ids/allocator';
import { GrowableAllocator } from './growableAllocator';
import { VtdModel } from '../vtd/vtdModel';
import { SetTable } from '../sets/setTable';
import { SubscriberTable } from '../notify/subscribers';
import { Holdings } from '../consumers/holdings';
import { DeferredQueues } from '../exec/deferred';
import { cloneLockdep, createLockdep, type LockdepState } from '../exec/lockdep';
import { IdTable } from './idTable';
import type { ViolationKind } from '../trace';

export const DEFAULT_CAPACITY = MAX_IDS;

export interface KernelState {
  capacity: number;
  capacityInstalled: boolean;
  avail: number;
  alloc: GrowableAllocator;
  ids: IdTable;
  genCounter: number;
  sets: SetTable;
  subs: SubscriberTable;
  vtd: VtdModel;
  hold: Holdings;
  deferred: DeferredQueues;
  lockdep: LockdepState;
  /** Scenario ID names → values, rebound only when the binding statement succeeds. */
  bindings: Map<string, number>;
  /** Violations so far by kind (for `expect violation KIND`). */
  violationCounts: Map<ViolationKind, number>;
  /**
   * `sub|EVENT|id` of every delivery so far (for `expect delivered`). History that only the
   * recording machine reads: copies (checkpoints, explorer states) start it empty.
   */
  delivered: Set<string>;
  /** Once-only reports (leak per id, etc.). */
  reported: Set<string>;
}

export function createKernelState(capacity = DEFAULT_CAPACITY): KernelState {
  return {
    capacity,
    capacityInstalled: false,
    avail: capacity,
    alloc: new GrowableAllocator(capacity),
    ids: new IdTable(capacity),
    genCounter: 0,
    sets: new SetTable(),
    subs: new SubscriberTable(),
    vtd: new VtdModel(),
    hold: new Holdings(),
    deferred: new DeferredQueues(),
    lockdep: createLockdep(),
    bindings: new Map(),
    violationCounts: new Map(),
    delivered: new Set(),
    reported: new Set(),
  };
}

export function cloneKernelState(s: KernelState): KernelState {
  const alloc = s.alloc.clone();
  const vtd = s.vtd.cloneState();
  return {
    capacity: s.capacity,
    capacityInstalled: s.capacityInstalled,
    avail: s.avail,
    alloc,
    ids: s.ids.clone(),
    genCounter: s.genCounter,
    sets: s.sets.clone(),
    subs: s.subs.clone(),
    vtd,
    hold: s.hold.clone(),
    deferred: s.deferred.clone(),
    lockdep: cloneLockdep(s.lockdep),
    bindings: new Map(s.bindings),
    violationCounts: new Map(s.violationCounts),
    delivered: new Set(),
    reported: new Set(s.reported),
  };
}
