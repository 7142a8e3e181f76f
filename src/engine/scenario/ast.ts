// The syntax tree of a parsed `.ioasid` scenario (SPEC §4): the contract between the parser
// and the interpreter. Fields may be added, never renamed or removed.

import type { PresetName, ModelConfig } from '../model';
import type { EventName, ViolationKind } from '../trace';

export interface Loc {
  line: number;
  col: number;
}

export type IdRef = { kind: 'num'; value: number; loc: Loc } | { kind: 'name'; name: string; loc: Loc };

export interface Program {
  title?: string;
  model?: { preset?: PresetName; overrides: Partial<ModelConfig>; loc: Loc };
  /** Top-level statements of main, in order, including thread blocks where they stand. */
  body: Stmt[];
  /** Declared thread names in declaration order. */
  threads: string[];
}

export interface StmtBase {
  line: number;
  col: number;
  /**
   * The statement's source text, trimmed, without comment; for a block opener e.g. "atomic {".
   * Exception: on `note` the contract's own `text` field, the caption, shares this name.
   */
  text: string;
  /** Extension: the source text for every statement, `note` included (`note "…"`). */
  source?: string;
  /** `-> NAME` */
  bind?: { name: string; loc: Loc };
  /**
   * Extension: where each name-valued field was written, keyed by field name ('set', 'device',
   * 'mm', 'name', 'lock', 'subscriber', 'token', 'event', …; for `expect` the expectation's fields).
   */
  argLocs?: Partial<Record<string, Loc>>;
}

/** One union member per verb, so `Extract<Stmt, { verb: 'free' }>` and switch narrowing work. */
type PerVerb<V extends string, F> = V extends string ? { verb: V } & F : never;

export type StmtBody =
  | PerVerb<'capacity', { n: number }>
  /** token defaults to name; token=T accepts a name, number (stored in decimal) or string. */
  | PerVerb<'set', { name: string; quota: number; type: 'mm' | 'null'; token: string }>
  /** Declares the set named `system`. */
  | PerVerb<'system_set', { quota: number }>
  | PerVerb<'adjust', { set: string; quota: number }>
  | PerVerb<'free_set', { set: string; destroy: boolean }>
  | PerVerb<'find_sid', { id: IdRef }>
  | PerVerb<'alloc', { set: string; min?: number; max?: number }>
  | PerVerb<'free' | 'get' | 'put' | 'detach_spid', { id: IdRef }>
  | PerVerb<'find', { id: IdRef; set?: string }>
  | PerVerb<'attach_spid', { id: IdRef; spid: number }>
  | PerVerb<'find_spid', { set: string; spid: number }>
  /** prio: cpu=3 iommu=2 device=1 last=0 or a number; default by kind: kvm 3, iommu 2, vdcm 1, log 0. */
  | PerVerb<'notifier', { name: string; kind: 'iommu' | 'kvm' | 'vdcm' | 'log'; set?: string; prio: number }>
  | PerVerb<'unnotifier', { name: string }>
  | PerVerb<'notify', { id: IdRef; event: EventName }>
  | PerVerb<'device', { name: string; ats: boolean; maxPasid: number }>
  | PerVerb<'bind', { device: string; id: IdRef; gpasid?: number; mode: 'nested' | 'fl' | 'sl' | 'pt' }>
  | PerVerb<'unbind' | 'dma', { device: string; id: IdRef }>
  | PerVerb<'mm', { name: string }>
  | PerVerb<'sva_bind', { device: string; mm: string }>
  | PerVerb<'mm_exit' | 'mmu_notifier_put', { mm: string }>
  | PerVerb<'atomic' | 'call_rcu' | 'work', { body: Stmt[] }>
  /** Any name; locks need no declaration. */
  | PerVerb<'spin_lock' | 'spin_unlock' | 'mutex_lock' | 'mutex_unlock', { lock: string }>
  | PerVerb<'thread', { name: string; body: Stmt[] }>
  | PerVerb<'join' | 'quiesce' | 'rcu_barrier' | 'flush_work', object>
  /** Each a declared thread (anywhere in the file), `main`, `rcu` or `wq`. */
  | PerVerb<'schedule', { names: { name: string; loc: Loc }[] }>
  | PerVerb<'repeat', { count: number; body: Stmt[] }>
  /** `text` is the caption (unescaped string); the statement's source text is in `source`. */
  | PerVerb<'note', { text: string }>
  | PerVerb<'expect', { expectation: Expectation }>;

export type Stmt = StmtBase & StmtBody;
export type Verb = Stmt['verb'];
/** A statement that holds a block of statements. */
export type BlockStmt = Extract<Stmt, { body: Stmt[] }>;

export type ExpectState = 'active' | 'free_pending' | 'free';

type PerKind<K extends string, F> = K extends string ? { kind: K } & F : never;

export type Expectation =
  | { kind: 'ok' }
  /** `expect -EINVAL` → the negative errno, `expect INVALID_IOASID` → 0xFFFFFFFF, `expect 5` → 5. */
  | { kind: 'result'; value: number }
  /** expect NAME == N */
  | { kind: 'bound'; name: string; value: number }
  | PerKind<'used' | 'quota', { set: string; value: number }>
  | PerKind<'avail' | 'allocated', { value: number }>
  | { kind: 'refs'; id: IdRef; value: number }
  | { kind: 'state'; id: IdRef; state: ExpectState }
  | { kind: 'entry'; device: string; id: IdRef; present: boolean }
  | { kind: 'delivered'; subscriber: string; event: EventName; id: IdRef }
  | { kind: 'violation'; violation: ViolationKind }
  | { kind: 'no-violations' };
