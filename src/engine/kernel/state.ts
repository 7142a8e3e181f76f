// Everything a run's kernel holds, as one value that checkpoints copy and restore. History
// (steps, deliveries) is not state: it lives in the recorder.
//
// Copies are copy-on-write per component: fork() shares every component and the first
// access through a getter copies that one component. A step touches a few components, so a
// checkpoint, an explorer branch or a step-back snapshot costs what the step changed, not
// the whole state. Observers that only read (fingerprints, frames, invariant checks) use
// `view` and copy nothing.

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

/** The components copied on write. */
export interface KernelParts {
  alloc: GrowableAllocator;
  ids: IdTable;
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
  /** Once-only reports (leak per id, etc.). */
  reported: Set<string>;
}

const ALLOC = 1;
const IDS = 2;
const SETS = 4;
const SUBS = 8;
const VTD = 16;
const HOLD = 32;
const DEFERRED = 64;
const LOCKDEP = 128;
const BINDINGS = 256;
const VIOLATIONS = 512;
const REPORTED = 1024;
const ALL = 2047;

/** Each component's bit in `changedParts`. */
export const PART_BIT: { readonly [K in keyof KernelParts]: number } = {
  alloc: ALLOC,
  ids: IDS,
  sets: SETS,
  subs: SUBS,
  vtd: VTD,
  hold: HOLD,
  deferred: DEFERRED,
  lockdep: LOCKDEP,
  bindings: BINDINGS,
  violationCounts: VIOLATIONS,
  reported: REPORTED,
};

export class KernelState {
  capacity: number;
  capacityInstalled = false;
  avail: number;
  genCounter = 0;
  /** Bit i set once a violation of VIOLATION_KINDS[i] happened (kept with the counts). */
  violationBits = 0;
  private deliveredSet: Set<string> | undefined;
  private p: KernelParts;
  /** Components this state may change in place; the others are shared with a copy. */
  private owned = ALL;

  constructor(capacity = DEFAULT_CAPACITY, parts?: KernelParts) {
    this.capacity = capacity;
    this.avail = capacity;
    this.p = parts ?? {
      alloc: new GrowableAllocator(capacity),
      ids: new IdTable(capacity),
      sets: new SetTable(),
      subs: new SubscriberTable(),
      vtd: new VtdModel(),
      hold: new Holdings(),
      deferred: new DeferredQueues(),
      lockdep: createLockdep(),
      bindings: new Map(),
      violationCounts: new Map(),
      reported: new Set(),
    };
  }

  /**
   * A copy sharing every component with this state; both copy a component before their
   * next change to it. O(1): checkpoints and explorer branches are made with this.
   */
  fork(): KernelState {
    const p = this.p;
    // A literal with every field, not a spread: this runs on every explorer transition.
    const k = new KernelState(this.capacity, {
      alloc: p.alloc, ids: p.ids, sets: p.sets, subs: p.subs, vtd: p.vtd, hold: p.hold, deferred: p.deferred,
      lockdep: p.lockdep, bindings: p.bindings, violationCounts: p.violationCounts, reported: p.reported,
    });
    k.capacityInstalled = this.capacityInstalled;
    k.avail = this.avail;
    k.genCounter = this.genCounter;
    k.violationBits = this.violationBits;
    k.owned = 0;
    this.owned = 0;
    return k;
  }

  /**
   * Shares every component from now on: the next change to any of them copies it first, so
   * the component objects this state holds now never change again, and `changedParts`
   * names exactly the components changed since.
   */
  seal(): void {
    this.owned = 0;
  }

  /**
   * `sub|EVENT|id` of every delivery so far (for `expect delivered`). History that only the
   * recording machine reads: copies (checkpoints, explorer states) start it empty. Made on
   * first use: most states never need one, and forks are made by the hundred thousand.
   */
  get delivered(): Set<string> {
    return (this.deliveredSet ??= new Set());
  }

  /** The components for reading only: nothing is copied, so callers must not change them. */
  get view(): Readonly<KernelParts> {
    return this.p;
  }

  private own(bit: number): void {
    const p = this.p;
    switch (bit) {
      case ALLOC: p.alloc = p.alloc.clone(); break;
      case IDS: p.ids = p.ids.clone(); break;
      case SETS: p.sets = p.sets.clone(); break;
      case SUBS: p.subs = p.subs.clone(); break;
      case VTD: p.vtd = p.vtd.cloneState(); break;
      case HOLD: p.hold = p.hold.clone(); break;
      case DEFERRED: p.deferred = p.deferred.clone(); break;
      case LOCKDEP: p.lockdep = cloneLockdep(p.lockdep); break;
      case BINDINGS: p.bindings = new Map(p.bindings); break;
      case VIOLATIONS: p.violationCounts = new Map(p.violationCounts); break;
      case REPORTED: p.reported = new Set(p.reported); break;
    }
    this.owned |= bit;
  }

  /**
   * The components copied (or replaced) since the last fork() or seal(): the others are the
   * very objects the state had then. The explorer rehashes only these.
   */
  get changedParts(): number {
    return this.owned;
  }

  get alloc(): GrowableAllocator {
    if (!(this.owned & ALLOC)) this.own(ALLOC);
    return this.p.alloc;
  }
  set alloc(v: GrowableAllocator) {
    this.p.alloc = v;
    this.owned |= ALLOC;
  }
  get ids(): IdTable {
    if (!(this.owned & IDS)) this.own(IDS);
    return this.p.ids;
  }
  set ids(v: IdTable) {
    this.p.ids = v;
    this.owned |= IDS;
  }
  get sets(): SetTable {
    if (!(this.owned & SETS)) this.own(SETS);
    return this.p.sets;
  }
  get subs(): SubscriberTable {
    if (!(this.owned & SUBS)) this.own(SUBS);
    return this.p.subs;
  }
  get vtd(): VtdModel {
    if (!(this.owned & VTD)) this.own(VTD);
    return this.p.vtd;
  }
  get hold(): Holdings {
    if (!(this.owned & HOLD)) this.own(HOLD);
    return this.p.hold;
  }
  get deferred(): DeferredQueues {
    if (!(this.owned & DEFERRED)) this.own(DEFERRED);
    return this.p.deferred;
  }
  get lockdep(): LockdepState {
    if (!(this.owned & LOCKDEP)) this.own(LOCKDEP);
    return this.p.lockdep;
  }
  get bindings(): Map<string, number> {
    if (!(this.owned & BINDINGS)) this.own(BINDINGS);
    return this.p.bindings;
  }
  get violationCounts(): Map<ViolationKind, number> {
    if (!(this.owned & VIOLATIONS)) this.own(VIOLATIONS);
    return this.p.violationCounts;
  }
  get reported(): Set<string> {
    if (!(this.owned & REPORTED)) this.own(REPORTED);
    return this.p.reported;
  }
}

export function createKernelState(capacity = DEFAULT_CAPACITY): KernelState {
  return new KernelState(capacity);
}

/** An independent copy (copy-on-write: components are copied when either side changes them). */
export function cloneKernelState(s: KernelState): KernelState {
  return s.fork();
}
