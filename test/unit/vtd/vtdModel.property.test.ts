// Random op sequences on VtdModel over 2-3 devices and a small id range, checked after every
// op against a from-scratch recount of a reference Map model kept beside it. Seeds are fixed;
// a seed that ever failed is pinned below as a named regression.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PGTT_OF_MODE, type PasidMode } from '../../../src/engine/vtd/entry';
import { VtdModel, type Translation } from '../../../src/engine/vtd/vtdModel';

type Op =
  | { kind: 'setup'; dev: number; id: number; mode: PasidMode; owner: number; did: number }
  | { kind: 'tearDown' | 'clearEntry' | 'translate'; dev: number; id: number }
  | { kind: 'invalidatePasidCache' | 'invalidateIotlb' | 'invalidateDevtlb'; dev: number; id: number; did?: number };

interface Dev { name: string; ats: boolean; maxPasid: number }
interface Ref { did: number; owner: number; pgtt: number }
type Level = 'pc' | 'iotlb' | 'devtlb';

const ID_SPAN = 200;

/** The reference: plain maps keyed by strings, recounted from scratch on every check. */
class Reference {
  readonly entries = new Map<string, Ref>();           // `${dev}|${id}`
  readonly leaves = new Map<string, Set<number>>();    // dev -> directory indices
  readonly cache = new Map<string, Ref>();             // `${level}|${dev}|${id}`
  readonly lastDid = new Map<string, number>();        // `${dev}|${id}`

  constructor(readonly devs: Dev[]) {
    for (const d of devs) this.leaves.set(d.name, new Set());
  }

  present(d: string, id: number): Ref | undefined {
    return this.entries.get(`${d}|${id}`);
  }

  dropCache(level: Level, id: number, keep: (dev: string, r: Ref) => boolean): void {
    for (const [k, r] of [...this.cache]) {
      const [l, dev, i] = k.split('|');
      if (l === level && Number(i) === id && !keep(dev, r)) this.cache.delete(k);
    }
  }

  defaultDid(d: string, id: number): number {
    return this.present(d, id)?.did ?? this.lastDid.get(`${d}|${id}`)
      ?? this.cache.get(`pc|${d}|${id}`)?.did ?? this.cache.get(`iotlb|${d}|${id}`)?.did ?? 0;
  }

  translate(dev: Dev, id: number): Translation | undefined {
    const key = `${dev.name}|${id}`;
    const hit = (level: Level) => this.cache.get(`${level}|${key}`);
    const fill = (level: Level, r: Ref) => this.cache.set(`${level}|${key}`, { ...r });
    if (dev.ats && hit('devtlb')) return { level: 'devtlb', ...hit('devtlb')! };
    let r: Ref | undefined;
    let level: Translation['level'];
    if ((r = hit('iotlb'))) level = 'iotlb';
    else if ((r = hit('pc'))) { level = 'pasid-cache'; fill('iotlb', r); }
    else if ((r = this.present(dev.name, id))) { level = 'table'; fill('pc', r); fill('iotlb', r); }
    else return undefined;
    if (dev.ats) fill('devtlb', r);
    return { level, ...r };
  }

  /** From scratch: how many entries and cache entries each PASID still has. */
  residueCounts(): Map<number, number> {
    const counts = new Map<number, number>();
    for (const k of [...this.entries.keys(), ...this.cache.keys()]) {
      const id = Number(k.split('|').at(-1));
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  }
}

const opArb = (nDev: number): fc.Arbitrary<Op> => {
  const dev = fc.integer({ min: 0, max: nDev - 1 });
  const id = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: ID_SPAN - 1 }) });
  const did = fc.integer({ min: 1, max: 3 });
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('setup' as const), dev, id, mode: fc.constantFrom<PasidMode>('nested', 'fl', 'sl', 'pt'), owner: fc.integer({ min: 1, max: 50 }), did }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('tearDown' as const), dev, id }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('clearEntry' as const), dev, id }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('translate' as const), dev, id }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('invalidatePasidCache' as const, 'invalidateIotlb' as const, 'invalidateDevtlb' as const), dev, id, did: fc.option(did, { nil: undefined }) }) },
  );
};

const scenarioArb = fc.integer({ min: 2, max: 3 }).chain((n) => fc.record({
  devs: fc.tuple(...Array.from({ length: n }, (_, i) => fc.record({
    name: fc.constant(`dev${i}`), ats: fc.boolean(), maxPasid: fc.constantFrom(9, 64, 130, ID_SPAN),
  }))),
  ops: fc.array(opArb(n), { minLength: 1, maxLength: 60, size: 'max' }),
}));

function check(m: VtdModel, ref: Reference, touched: Set<number>): void {
  for (const d of ref.devs) {
    const t = m.device(d.name)!.table;
    const ids = [...ref.entries.keys()].filter((k) => k.startsWith(`${d.name}|`)).map((k) => Number(k.split('|')[1])).sort((a, b) => a - b);
    expect(t.presentIds()).toEqual(ids);
    expect(t.presentCount).toBe(ids.length);
    expect(t.leafDirIndices()).toEqual([...ref.leaves.get(d.name)!].sort((a, b) => a - b));
    expect(t.leafTableCount).toBe(ref.leaves.get(d.name)!.size);
  }
  const ids = [...touched];
  const counts = ref.residueCounts();
  expect(ids.map((id) => [id, m.hasResidue(id), m.residue(id).length]))
    .toEqual(ids.map((id) => [id, counts.has(id), counts.get(id) ?? 0]));
}

function run(devs: Dev[], ops: Op[]): void {
  const m = new VtdModel();
  for (const d of devs) expect(m.addDevice(d.name, d.ats, d.maxPasid)).toBe(0);
  const ref = new Reference(devs);
  // Every id an op named, plus a neighbour that no op touched: residue must stay empty there.
  const touched = new Set<number>([ID_SPAN - 1]);
  for (const op of ops) {
    touched.add(op.id);
    const dev = devs[op.dev];
    const key = `${dev.name}|${op.id}`;
    const inRange = op.id < dev.maxPasid;
    switch (op.kind) {
      case 'setup': {
        const r = m.setup(dev.name, op.id, op.mode, op.owner, op.did);
        const ok = inRange && !ref.present(dev.name, op.id);
        expect(r === 0).toBe(ok);
        if (ok) {
          ref.entries.set(key, { did: op.did, owner: op.owner, pgtt: PGTT_OF_MODE[op.mode] });
          ref.leaves.get(dev.name)!.add(op.id >> 6);
        }
        break;
      }
      case 'tearDown': {
        const e = ref.present(dev.name, op.id);
        // A cache entry under another DID (left by an earlier hand-made teardown) survives a
        // DID-selective invalidation, as it would in hardware; only without one must DMA fault.
        const staleOtherDid = e !== undefined && [...ref.cache].some(([k, r]) => k.endsWith(`|${key}`) && r.did !== e.did && !k.startsWith('devtlb'));
        const { result, events } = m.tearDown(dev.name, op.id);
        expect(result === 0).toBe(e !== undefined);
        expect(events.map((x) => x.kind)).toEqual(e ? ['clear', 'pasid-cache', 'iotlb', ...(dev.ats ? ['devtlb'] : [])] : []);
        if (e) {
          ref.entries.delete(key);
          ref.lastDid.set(key, e.did);
          ref.dropCache('pc', op.id, (_, r) => r.did !== e.did);
          ref.dropCache('iotlb', op.id, (_, r) => r.did !== e.did);
          if (dev.ats) ref.dropCache('devtlb', op.id, (d) => d !== dev.name);
          if (!staleOtherDid) expect(m.translate(dev.name, op.id)).toBeUndefined();
        }
        break;
      }
      case 'clearEntry': {
        const e = ref.present(dev.name, op.id);
        expect(m.clearEntry(dev.name, op.id) === 0).toBe(e !== undefined);
        if (e) { ref.entries.delete(key); ref.lastDid.set(key, e.did); }
        break;
      }
      case 'translate':
        expect(m.translate(dev.name, op.id)).toEqual(inRange ? ref.translate(dev, op.id) : undefined);
        break;
      default: {
        const did = op.did ?? ref.defaultDid(dev.name, op.id);
        const before = m.flushLog.length;
        expect(m[op.kind](dev.name, op.id, op.did) === 0).toBe(inRange);
        if (!inRange) break;
        expect(m.flushLog.slice(before)).toEqual([{ kind: { invalidatePasidCache: 'pasid-cache', invalidateIotlb: 'iotlb', invalidateDevtlb: 'devtlb' }[op.kind], device: dev.name, id: op.id, did }]);
        if (op.kind === 'invalidateDevtlb') ref.dropCache('devtlb', op.id, (d) => d !== dev.name);
        else ref.dropCache(op.kind === 'invalidateIotlb' ? 'iotlb' : 'pc', op.id, (_, r) => r.did !== did);
      }
    }
    check(m, ref, touched);
  }
  // Whatever the history, a snapshot restores to an identical state.
  const n = new VtdModel();
  n.restore(m.snapshot());
  expect(n.fingerprint()).toBe(m.fingerprint());
  expect([...touched].map((id) => n.residue(id))).toEqual([...touched].map((id) => m.residue(id)));
}

describe('VtdModel against a reference recount', () => {
  it('agrees after every op of random sequences', () => {
    fc.assert(fc.property(scenarioArb, ({ devs, ops }) => run(devs, ops)), { seed: 42, numRuns: 150 });
  });

  // Shrunk counterexamples of seed 42 (found while checking that the property catches planted
  // bugs), kept so they run even if the generator changes.
  it('regression: an IOTLB hit refills the device-TLB that was invalidated alone', () => {
    run([{ name: 'dev0', ats: true, maxPasid: 9 }, { name: 'dev1', ats: false, maxPasid: 9 }], [
      { kind: 'setup', dev: 0, id: 0, mode: 'nested', owner: 1, did: 1 },
      { kind: 'translate', dev: 0, id: 0 },
      { kind: 'invalidateDevtlb', dev: 0, id: 0 },
      { kind: 'translate', dev: 0, id: 0 },
    ]);
  });

  it('regression: a flush after teardown uses the DID read before the clear', () => {
    run([{ name: 'dev0', ats: false, maxPasid: 9 }, { name: 'dev1', ats: false, maxPasid: 9 }], [
      { kind: 'setup', dev: 0, id: 0, mode: 'nested', owner: 1, did: 1 },
      { kind: 'tearDown', dev: 0, id: 0 },
      { kind: 'invalidatePasidCache', dev: 0, id: 0 },
    ]);
  });
});
