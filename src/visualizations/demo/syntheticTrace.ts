// A synthetic ~40-step trace for the demo timeline: VFIO allocations and binds, a guest free,
// SVA's RCU-callback free in atomic context (v1's sleep-in-atomic), deferred cleanup, ID reuse.
import type { ContextName, EventName, NotifyReply, TraceDelivery, TraceViolation, ViolationKind } from '../../engine/trace';
import type { TimelineStep } from '../timeline/model';

interface StepSpec {
  thread: string;
  context: ContextName;
  text: string;
  result?: string;
  publish?: { event: EventName; id: number; set: string }[];
  violation?: { kind: ViolationKind; message: string };
}

const SPECS: StepSpec[] = [
  { thread: 'main', context: 'task', text: 'capacity 1048576' },
  { thread: 'main', context: 'task', text: 'set vm1 quota=8', result: '1' },
  { thread: 'main', context: 'task', text: 'system_set quota=64', result: '0' },
  { thread: 'main', context: 'task', text: 'notifier kvm kind=kvm set=vm1' },
  { thread: 'main', context: 'task', text: 'notifier iommu kind=iommu' },
  { thread: 'main', context: 'task', text: 'notifier vdcm kind=vdcm set=vm1' },
  { thread: 'main', context: 'task', text: 'notifier log kind=log' },
  { thread: 'main', context: 'task', text: 'device dev0 ats=on' },
  { thread: 'main', context: 'task', text: 'alloc vm1 -> g1', result: '1', publish: [{ event: 'ALLOC', id: 1, set: 'vm1' }] },
  { thread: 'main', context: 'task', text: 'bind dev0 g1 gpasid=10', publish: [{ event: 'BIND', id: 1, set: 'vm1' }] },
  { thread: 't1', context: 'task', text: 'alloc vm1 -> g2', result: '2', publish: [{ event: 'ALLOC', id: 2, set: 'vm1' }] },
  { thread: 't1', context: 'task', text: 'bind dev0 g2 gpasid=11', publish: [{ event: 'BIND', id: 2, set: 'vm1' }] },
  { thread: 'main', context: 'task', text: 'dma dev0 g1' },
  { thread: 'main', context: 'task', text: 'mm mm0' },
  { thread: 'main', context: 'task', text: 'sva_bind dev0 mm0 -> s1', result: '3', publish: [{ event: 'ALLOC', id: 3, set: 'system' }, { event: 'BIND', id: 3, set: 'system' }] },
  { thread: 't1', context: 'task', text: 'unbind dev0 g2', publish: [{ event: 'UNBIND', id: 2, set: 'vm1' }] },
  { thread: 't1', context: 'task', text: 'free g2', publish: [{ event: 'FREE', id: 2, set: 'vm1' }] },
  { thread: 'wq', context: 'work', text: 'vdcm: clear device g2, put' },
  { thread: 'main', context: 'task', text: 'mm_exit mm0' },
  { thread: 'main', context: 'task', text: 'mmu_notifier_put mm0' },
  {
    thread: 'rcu',
    context: 'atomic',
    text: 'srcu callback: ioasid_free s1',
    publish: [{ event: 'FREE', id: 3, set: 'system' }],
    violation: { kind: 'sleep-in-atomic', message: 'iommu handler took pasid_mutex (may sleep) in an RCU callback' },
  },
  { thread: 'main', context: 'task', text: 'alloc vm1 -> g3', result: '2', publish: [{ event: 'ALLOC', id: 2, set: 'vm1' }] },
  { thread: 'main', context: 'task', text: 'attach_spid g3 12', publish: [{ event: 'BIND', id: 2, set: 'vm1' }] },
  { thread: 't1', context: 'task', text: 'alloc vm1 -> g4', result: '4', publish: [{ event: 'ALLOC', id: 4, set: 'vm1' }] },
  { thread: 'main', context: 'task', text: 'expect find_sid g3 == 1' },
  { thread: 'main', context: 'task', text: 'free g1', publish: [{ event: 'FREE', id: 1, set: 'vm1' }] },
  {
    thread: 't1',
    context: 'task',
    text: 'alloc vm1 -> g5',
    result: '1',
    publish: [{ event: 'ALLOC', id: 1, set: 'vm1' }],
    violation: { kind: 'reuse-before-cleanup', message: 'ID 1 handed out again while dev0 still has a present entry' },
  },
  { thread: 'wq', context: 'work', text: 'iommu: deferred teardown of ID 1', publish: [{ event: 'UNBIND', id: 1, set: 'vm1' }] },
  { thread: 'main', context: 'task', text: 'bind dev0 g5', publish: [{ event: 'BIND', id: 1, set: 'vm1' }] },
  { thread: 'main', context: 'task', text: 'detach_spid g3', publish: [{ event: 'UNBIND', id: 2, set: 'vm1' }] },
  { thread: 'main', context: 'task', text: 'get g4', result: '0' },
  { thread: 'main', context: 'task', text: 'free g4', publish: [{ event: 'FREE', id: 4, set: 'vm1' }] },
  { thread: 't1', context: 'task', text: 'put g4', result: '1' },
  { thread: 'main', context: 'task', text: 'alloc vm1 -> g6', result: '3', publish: [{ event: 'ALLOC', id: 3, set: 'vm1' }] },
  {
    thread: 'main',
    context: 'task',
    text: 'dma dev0 s1',
    violation: { kind: 'stale-translation', message: 'dev0 translated ID 3 with mm0 tables, but ID 3 now belongs to vm1' },
  },
  { thread: 'main', context: 'task', text: 'unbind dev0 g5', publish: [{ event: 'UNBIND', id: 1, set: 'vm1' }] },
  { thread: 'main', context: 'task', text: 'free g5', publish: [{ event: 'FREE', id: 1, set: 'vm1' }] },
  { thread: 'main', context: 'task', text: 'free g6', publish: [{ event: 'FREE', id: 3, set: 'vm1' }] },
  { thread: 'main', context: 'task', text: 'free_set vm1 destroy', result: '0' },
  { thread: 'main', context: 'task', text: 'expect violations == 3' },
];

/** Subscribers as registered above: global chain first, then the set chain, each by priority. */
const GLOBAL_CHAIN = [
  { subscriber: 'iommu', priority: 2 },
  { subscriber: 'log', priority: 0 },
];
const SET_CHAINS: Record<string, { subscriber: string; priority: number }[]> = {
  vm1: [
    { subscriber: 'kvm', priority: 3 },
    { subscriber: 'vdcm', priority: 1 },
  ],
};

const FIRST_LINE = 3;

export function makeDemoTrace(): { steps: TimelineStep[]; deliveries: TraceDelivery[]; violations: TraceViolation[] } {
  const steps: TimelineStep[] = [];
  const deliveries: TraceDelivery[] = [];
  const violations: TraceViolation[] = [];
  SPECS.forEach((spec, index) => {
    const line = FIRST_LINE + index + Math.floor(index / 6);
    steps.push({ index, line, thread: spec.thread, context: spec.context, text: spec.text, resultName: spec.result ?? '0' });
    for (const p of spec.publish ?? []) {
      const chains: ['global' | 'set', { subscriber: string; priority: number }[]][] = [
        ['global', GLOBAL_CHAIN],
        ['set', SET_CHAINS[p.set] ?? []],
      ];
      for (const [chain, subs] of chains) {
        for (const s of subs) {
          const reply: NotifyReply = s.subscriber === 'log' ? 'NOTIFY_DONE' : 'NOTIFY_OK';
          deliveries.push({ index: deliveries.length, step: index, event: p.event, id: p.id, set: p.set, subscriber: s.subscriber, priority: s.priority, chain, context: spec.context, reply });
        }
      }
    }
    if (spec.violation) violations.push({ kind: spec.violation.kind, step: index, line, message: spec.violation.message });
  });
  return { steps, deliveries, violations };
}
