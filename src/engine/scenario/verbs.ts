// The verb schema table: for every verb of SPEC §3/§4 its positional arguments, key=value
// options, flags, whether it opens a block and where it may stand. The parser is driven by it.

import { EVENT_NAMES } from '../trace';

/** The namespaces of name resolution (resolve.ts). Locks need no declaration. */
export type Namespace = 'id' | 'set' | 'subscriber' | 'device' | 'mm' | 'thread';

export type ArgKind = 'number' | 'id' | 'name' | 'event' | 'string';

export interface ArgSpec {
  /** The field of the statement that receives the value. */
  field: string;
  kind: ArgKind;
  /** How the usage line writes it: SET, ID, N … */
  label: string;
  /** For a name: the namespace it refers to, or declares when `declares` is set. */
  ns?: Namespace;
  declares?: boolean;
}

export type KeyValueType =
  | { type: 'number' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'name'; ns: Namespace }
  /** token=T: a name, a number or a string, kept as a string. */
  | { type: 'token' }
  /** prio=cpu|iommu|device|last|N */
  | { type: 'prio' }
  | { type: 'onoff' };

export interface KeySpec {
  field: string;
  value: KeyValueType;
  required?: boolean;
}

export type Placement = 'anywhere' | 'top' | 'main-top';

export interface VerbSchema {
  usage: string;
  args: readonly ArgSpec[];
  keys: Readonly<Record<string, KeySpec>>;
  flags: readonly string[];
  block: boolean;
  /** `schedule NAME…`: any number (≥ 1) of names after the fixed arguments. */
  variadic?: ArgSpec;
  placement: Placement;
  /** `-> NAME` may follow it. */
  bindable: boolean;
  /** Parsed by its own grammar (expect, title, model) rather than from this table. */
  special?: boolean;
}

/** prio=… names (SPEC §3.3). */
export const PRIORITY_BY_NAME: Readonly<Record<string, number>> = { cpu: 3, iommu: 2, device: 1, last: 0 };
export const NOTIFIER_KINDS = ['iommu', 'kvm', 'vdcm', 'log'] as const;
export type NotifierKind = (typeof NOTIFIER_KINDS)[number];
/** Default priority of a subscriber kind: kvm=cpu, iommu=iommu, vdcm=device, log=last. */
export const DEFAULT_PRIORITY: Readonly<Record<NotifierKind, number>> = { kvm: 3, iommu: 2, vdcm: 1, log: 0 };
export const BIND_MODES = ['nested', 'fl', 'sl', 'pt'] as const;
export const SET_TYPES = ['mm', 'null'] as const;
/** The largest PASID table a VT-d device has: 20-bit PASIDs. */
export const DEFAULT_MAX_PASID = 1 << 20;
/** Names `schedule` accepts besides thread names. */
export const SCHEDULE_BUILTINS = ['main', 'rcu', 'wq'] as const;
/** Thread blocks one scenario may declare: the scheduler looks at every thread on each step. */
export const MAX_THREADS = 64;
/** Blocks may nest this deep and no deeper. */
export const MAX_BLOCK_DEPTH = 16;

const num = (field: string, label = 'N'): ArgSpec => ({ field, kind: 'number', label });
const id = (field = 'id'): ArgSpec => ({ field, kind: 'id', label: 'ID' });
const ref = (field: string, ns: Namespace, label: string): ArgSpec => ({ field, kind: 'name', ns, label });
const decl = (ns: Namespace): ArgSpec => ({ field: 'name', kind: 'name', ns, label: 'NAME', declares: true });
const QUOTA: Record<string, KeySpec> = { quota: { field: 'quota', value: { type: 'number' }, required: true } };

function verb(usage: string, args: ArgSpec[] = [], more: Partial<VerbSchema> = {}): VerbSchema {
  const block = more.block ?? false;
  return { usage, args, keys: {}, flags: [], block, placement: 'anywhere', bindable: !block, ...more };
}

const idVerb = (name: string): VerbSchema => verb(`${name} ID`, [id()]);
const lockVerb = (name: string): VerbSchema => verb(`${name} LOCK`, [{ field: 'lock', kind: 'name', label: 'LOCK' }]);
const bare = (name: string, more: Partial<VerbSchema> = {}): VerbSchema => verb(name, [], more);

export const VERBS: Readonly<Record<string, VerbSchema>> = {
  title: verb('title "TEXT"', [], { special: true, bindable: false }),
  model: verb('model [PRESET] [axis=value…]', [], { special: true, bindable: false }),
  capacity: verb('capacity N', [num('n')]),
  set: verb('set NAME quota=N [type=mm|null] [token=T]', [decl('set')], {
    keys: {
      ...QUOTA,
      type: { field: 'type', value: { type: 'enum', values: SET_TYPES } },
      token: { field: 'token', value: { type: 'token' } },
    },
  }),
  system_set: verb('system_set quota=N', [], { keys: QUOTA }),
  adjust: verb('adjust SET quota=N', [ref('set', 'set', 'SET')], { keys: QUOTA }),
  free_set: verb('free_set SET [destroy]', [ref('set', 'set', 'SET')], { flags: ['destroy'] }),
  find_sid: idVerb('find_sid'),
  alloc: verb('alloc SET [min=N] [max=N] [-> NAME]', [ref('set', 'set', 'SET')], {
    keys: { min: { field: 'min', value: { type: 'number' } }, max: { field: 'max', value: { type: 'number' } } },
  }),
  free: idVerb('free'),
  get: idVerb('get'),
  put: idVerb('put'),
  find: verb('find ID [set=SET]', [id()], { keys: { set: { field: 'set', value: { type: 'name', ns: 'set' } } } }),
  attach_spid: verb('attach_spid ID SPID', [id(), num('spid', 'SPID')]),
  detach_spid: idVerb('detach_spid'),
  find_spid: verb('find_spid SET SPID [-> NAME]', [ref('set', 'set', 'SET'), num('spid', 'SPID')]),
  notifier: verb('notifier NAME kind=iommu|kvm|vdcm|log [set=SET] [prio=cpu|iommu|device|last|N]', [decl('subscriber')], {
    keys: {
      kind: { field: 'kind', value: { type: 'enum', values: NOTIFIER_KINDS }, required: true },
      set: { field: 'set', value: { type: 'name', ns: 'set' } },
      prio: { field: 'prio', value: { type: 'prio' } },
    },
  }),
  unnotifier: verb('unnotifier NAME', [ref('name', 'subscriber', 'NAME')]),
  notify: verb(`notify ID ${EVENT_NAMES.join('|')}`, [id(), { field: 'event', kind: 'event', label: 'EVENT' }]),
  device: verb('device NAME [ats=on|off] [max_pasid=N]', [decl('device')], {
    keys: {
      ats: { field: 'ats', value: { type: 'onoff' } },
      max_pasid: { field: 'maxPasid', value: { type: 'number' } },
    },
  }),
  bind: verb('bind DEV ID [gpasid=N] [mode=nested|fl|sl|pt]', [ref('device', 'device', 'DEV'), id()], {
    keys: {
      gpasid: { field: 'gpasid', value: { type: 'number' } },
      mode: { field: 'mode', value: { type: 'enum', values: BIND_MODES } },
    },
  }),
  unbind: verb('unbind DEV ID', [ref('device', 'device', 'DEV'), id()]),
  dma: verb('dma DEV ID', [ref('device', 'device', 'DEV'), id()]),
  mm: verb('mm NAME', [decl('mm')]),
  sva_bind: verb('sva_bind DEV MM [-> NAME]', [ref('device', 'device', 'DEV'), ref('mm', 'mm', 'MM')]),
  mm_exit: verb('mm_exit MM', [ref('mm', 'mm', 'MM')]),
  mmu_notifier_put: verb('mmu_notifier_put MM', [ref('mm', 'mm', 'MM')]),
  atomic: bare('atomic {', { block: true }),
  call_rcu: bare('call_rcu {', { block: true }),
  work: bare('work {', { block: true }),
  spin_lock: lockVerb('spin_lock'),
  spin_unlock: lockVerb('spin_unlock'),
  mutex_lock: lockVerb('mutex_lock'),
  mutex_unlock: lockVerb('mutex_unlock'),
  thread: verb('thread NAME {', [decl('thread')], { block: true, placement: 'top' }),
  join: bare('join', { placement: 'main-top' }),
  schedule: verb('schedule NAME…', [], {
    placement: 'main-top',
    variadic: { field: 'names', kind: 'name', ns: 'thread', label: 'NAME' },
  }),
  repeat: verb('repeat N {', [num('count')], { block: true }),
  quiesce: bare('quiesce'),
  rcu_barrier: bare('rcu_barrier'),
  flush_work: bare('flush_work'),
  note: verb('note "TEXT"', [{ field: 'text', kind: 'string', label: '"TEXT"' }], { bindable: false }),
  expect: verb('expect …', [], { special: true, bindable: false }),
};

export const KNOWN_VERBS: readonly string[] = Object.keys(VERBS);

export function schemaOf(name: string): VerbSchema | undefined {
  return Object.prototype.hasOwnProperty.call(VERBS, name) ? VERBS[name] : undefined;
}
