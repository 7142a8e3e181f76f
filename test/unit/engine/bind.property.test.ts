// Random bind/unbind/free/alloc/dma/quiesce sequences under v4 (refcount + FREE_PENDING +
// deferred VT-d teardown). The design's promise: no reuse-before-cleanup and no
// stale-translation, ever. After every statement the present PASID entries must equal a
// recount from the bind history, checked from inside the run with `expect` lines.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kinds, runFull } from './harness';

const CAPACITY = 8;
const IDS = Array.from({ length: CAPACITY - 1 }, (_, i) => i + 1);
const DEVICES = { d0: CAPACITY, d1: 4 } as const;
type Dev = keyof typeof DEVICES;

type Op =
  | { kind: 'alloc'; set: 'vm1' | 'vm2' }
  | { kind: 'bind' | 'unbind' | 'dma'; dev: Dev; id: number }
  | { kind: 'free'; id: number }
  | { kind: 'quiesce' };

// Lowest-first allocation hands out small IDs, so aim mostly at them.
const idArb = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: CAPACITY }) });
const devArb = fc.constantFrom<Dev>('d0', 'd1');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('alloc' as const), set: fc.constantFrom('vm1' as const, 'vm2' as const) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('bind' as const), dev: devArb, id: idArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('unbind' as const), dev: devArb, id: idArb }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('dma' as const), dev: devArb, id: idArb }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('free' as const), id: idArb }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'quiesce' as const }) },
);

function text(op: Op): string {
  switch (op.kind) {
    case 'alloc':
      return `alloc ${op.set}`;
    case 'free':
      return `free ${op.id}`;
    case 'quiesce':
      return 'quiesce';
    default:
      return `${op.kind} ${op.dev} ${op.id}`;
  }
}

interface RefId {
  set: string;
  gen: number;
  refs: number;
  pending: boolean;
}

/** The bind history, replayed: which (device, ID) entries are present, and what each ID holds. */
class BindReference {
  ids = new Map<number, RefId>();
  /** `${dev}:${id}` → generation of the bind that programmed it. */
  entries = new Map<string, number>();
  queue: { id: number; gen: number }[] = [];
  gen = 0;

  private reclaimIfLast(id: number): void {
    const d = this.ids.get(id)!;
    if (d.refs === 0) this.ids.delete(id);
  }

  apply(op: Op): string {
    switch (op.kind) {
      case 'alloc': {
        const used = [...this.ids.values()].filter((d) => d.set === op.set).length;
        if (used >= 4) return 'INVALID_IOASID';
        const id = IDS.find((i) => !this.ids.has(i));
        if (id === undefined) return 'INVALID_IOASID';
        this.ids.set(id, { set: op.set, gen: ++this.gen, refs: 1, pending: false });
        return String(id);
      }
      case 'bind': {
        const d = this.ids.get(op.id);
        if (!d || d.pending) return '-ENOENT';
        if (op.id >= DEVICES[op.dev]) return '-EINVAL';
        const key = `${op.dev}:${op.id}`;
        if (this.entries.has(key)) return '-EBUSY';
        this.entries.set(key, d.gen);
        d.refs++;
        return '0';
      }
      case 'unbind': {
        const d = this.ids.get(op.id);
        const key = `${op.dev}:${op.id}`;
        if (!d || this.entries.get(key) !== d.gen) return '-ENOENT';
        this.entries.delete(key);
        d.refs--;
        this.reclaimIfLast(op.id);
        return '0';
      }
      case 'dma':
        return this.entries.has(`${op.dev}:${op.id}`) ? '0' : '-EFAULT';
      case 'free': {
        const d = this.ids.get(op.id);
        if (!d || d.pending) return '0';
        d.pending = true;
        d.refs--;
        if (d.refs === 0) this.ids.delete(op.id);
        // The VT-d subscriber queues teardown only for an ID it has bound.
        else if (this.boundDevices(op.id, d.gen).length > 0) this.queue.push({ id: op.id, gen: d.gen });
        return '0';
      }
      case 'quiesce':
        for (const { id, gen } of this.queue) {
          const devs = this.boundDevices(id, gen);
          for (const dev of devs) this.entries.delete(`${dev}:${id}`);
          for (let i = 0; i < devs.length; i++) {
            const d = this.ids.get(id);
            if (!d || d.gen !== gen) break;
            d.refs--;
            this.reclaimIfLast(id);
          }
        }
        this.queue = [];
        return '0';
    }
  }

  private boundDevices(id: number, gen: number): Dev[] {
    return (Object.keys(DEVICES) as Dev[]).filter((dev) => this.entries.get(`${dev}:${id}`) === gen);
  }

  /** `expect` lines for every (device, ID) entry and every ID's state. */
  expectations(): string[] {
    const out: string[] = [];
    for (const dev of Object.keys(DEVICES) as Dev[]) {
      for (const id of IDS) out.push(`expect entry ${dev} ${id} ${this.entries.has(`${dev}:${id}`) ? 'present' : 'absent'}`);
    }
    for (const id of IDS) {
      const d = this.ids.get(id);
      out.push(`expect state ${id} == ${!d ? 'free' : d.pending ? 'free_pending' : 'active'}`);
      if (d) out.push(`expect refs ${id} == ${d.refs}`);
    }
    return out;
  }
}

const HEADER = ['model v4', `capacity ${CAPACITY}`, 'set vm1 quota=4', 'set vm2 quota=4', 'device d0 ats=on', 'device d1 ats=off max_pasid=4', 'notifier iommu kind=iommu'];

function check(ops: Op[]): void {
  const ref = new BindReference();
  const src: string[] = [...HEADER];
  const want: string[] = [];
  for (const op of ops) {
    src.push(text(op));
    want.push(`${src.length}: ${text(op)} → ${ref.apply(op)}`);
    src.push(...ref.expectations());
  }
  const { trace } = runFull(src.join('\n'), {});
  const got = trace.steps
    .filter((s) => s.thread === 'main' && s.line > HEADER.length && !s.text.startsWith('('))
    .map((s) => `${s.line}: ${s.text} → ${s.resultName}`);
  expect(got).toStrictEqual(want);
  expect(trace.expectations.failures.slice(0, 5)).toStrictEqual([]);
  expect(kinds(trace)).toStrictEqual([]);
}

describe('property (b): v4 never reuses an ID before cleanup', () => {
  it('random bind/unbind/free/alloc/dma/quiesce sequences', () => {
    fc.assert(fc.property(fc.array(opArb, { minLength: 8, maxLength: 30 }), (ops) => check(ops)), { seed: 0xb14d, numRuns: 120 });
  });
});
