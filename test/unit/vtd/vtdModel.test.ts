import { beforeEach, describe, expect, it } from 'vitest';
import { EBUSY, EEXIST, EINVAL, ENODEV, ENOENT } from '../../../src/engine/errno';
import { FLPT_DEFAULT_DID } from '../../../src/engine/vtd/entry';
import { VtdModel, type FlushKind } from '../../../src/engine/vtd/vtdModel';

const kinds = (m: VtdModel): FlushKind[] => m.flushLog.map((e) => e.kind);

describe('VtdModel devices', () => {
  it('adds devices in order and refuses duplicates and bad max_pasid', () => {
    const m = new VtdModel();
    expect(m.addDevice('dev0', true, 1 << 20)).toBe(0);
    expect(m.addDevice('dev1', false, 64)).toBe(0);
    expect(m.addDevice('dev0', false, 64)).toBe(EEXIST);
    for (const max of [0, -1, (1 << 20) + 1, 1.5, NaN]) expect(m.addDevice('x', false, max)).toBe(EINVAL);
    expect(m.devices().map((d) => [d.name, d.ats, d.maxPasid])).toEqual([['dev0', true, 1 << 20], ['dev1', false, 64]]);
    expect(m.device('dev1')?.table.maxPasid).toBe(64);
    expect(m.device('nope')).toBeUndefined();
  });
});

describe('VtdModel setup', () => {
  let m: VtdModel;
  beforeEach(() => {
    m = new VtdModel();
    m.addDevice('dev0', true, 128);
  });

  it('programs the entry and logs only a write-buffer flush (bare metal)', () => {
    expect(m.setup('dev0', 5, 'nested', 3, 2, { flptptr: 0xabc000, slptptr: 0xdef000 })).toBe(0);
    expect(m.device('dev0')?.table.entry(5)).toEqual({
      p: true, fpd: false, pgtt: 3, did: 2, flptptr: 0xabc000, slptptr: 0xdef000, sre: false, aw: 2, flpm: 0, owner: 3,
    });
    expect(m.flushLog).toEqual([{ kind: 'write-buffer', device: 'dev0', id: 5, did: 2 }]);
  });

  it('sets PGTT by mode and SRE for SL/PT as v5.5 does', () => {
    m.setup('dev0', 1, 'fl', 1, FLPT_DEFAULT_DID);
    m.setup('dev0', 2, 'sl', 1, 5);
    m.setup('dev0', 3, 'pt', 1, FLPT_DEFAULT_DID);
    const t = m.device('dev0')!.table;
    expect([1, 2, 3].map((id) => [t.entry(id)?.pgtt, t.entry(id)?.sre])).toEqual([[1, false], [2, true], [4, true]]);
  });

  it('returns -ENODEV, -EINVAL and -EBUSY without logging a flush', () => {
    expect(m.setup('nope', 5, 'nested', 1, 2)).toBe(ENODEV);
    expect(m.setup('dev0', 128, 'nested', 1, 2)).toBe(EINVAL);
    expect(m.setup('dev0', -1, 'nested', 1, 2)).toBe(EINVAL);
    expect(m.setup('dev0', 5, 'bogus' as never, 1, 2)).toBe(EINVAL);
    expect(m.setup('dev0', 5, 'nested', 1, -3)).toBe(EINVAL);
    expect(m.setup('dev0', 5, 'nested', 1, 2)).toBe(0);
    expect(m.setup('dev0', 5, 'nested', 2, 2)).toBe(EBUSY);
    expect(m.device('dev0')?.table.entry(5)?.owner).toBe(1);
    expect(kinds(m)).toEqual(['write-buffer']);
  });
});

describe('VtdModel teardown', () => {
  let m: VtdModel;
  beforeEach(() => {
    m = new VtdModel();
    m.addDevice('ats', true, 128);
    m.addDevice('noats', false, 128);
  });

  it('flushes in the strict order clear, PASID cache, IOTLB, device-TLB with ATS', () => {
    m.setup('ats', 7, 'nested', 1, 4);
    const { result, events } = m.tearDown('ats', 7);
    expect(result).toBe(0);
    expect(events).toEqual([
      { kind: 'clear', device: 'ats', id: 7, did: 4 },
      { kind: 'pasid-cache', device: 'ats', id: 7, did: 4 },
      { kind: 'iotlb', device: 'ats', id: 7, did: 4 },
      { kind: 'devtlb', device: 'ats', id: 7, did: 4 },
    ]);
    expect(m.flushLog.slice(1)).toEqual(events);
  });

  it('skips the device-TLB flush when ATS is off', () => {
    m.setup('noats', 7, 'fl', 1, FLPT_DEFAULT_DID);
    expect(m.tearDown('noats', 7).events.map((e) => e.kind)).toEqual(['clear', 'pasid-cache', 'iotlb']);
  });

  it('returns -ENOENT and no events without a present entry, -ENODEV for an unknown device', () => {
    expect(m.tearDown('ats', 7)).toEqual({ result: ENOENT, events: [] });
    expect(m.tearDown('ats', 1000)).toEqual({ result: ENOENT, events: [] });
    expect(m.tearDown('nope', 7)).toEqual({ result: ENODEV, events: [] });
    expect(m.flushLog).toEqual([]);
  });

  it('a full teardown leaves no residue and nothing translates', () => {
    m.setup('ats', 7, 'nested', 1, 4);
    m.translate('ats', 7);
    expect(m.hasResidue(7)).toBe(true);
    m.tearDown('ats', 7);
    expect(m.hasResidue(7)).toBe(false);
    expect(m.residue(7)).toEqual([]);
    expect(m.translate('ats', 7)).toBeUndefined();
  });
});

describe('VtdModel translation and hand-made teardowns', () => {
  let m: VtdModel;
  beforeEach(() => {
    m = new VtdModel();
    m.addDevice('dev0', true, 128);
    m.addDevice('dev1', false, 128);
  });

  it('walks the table once, then hits the caches closest to the device', () => {
    m.setup('dev0', 9, 'nested', 11, 2);
    expect(m.translate('dev0', 9)).toEqual({ level: 'table', owner: 11, did: 2, pgtt: 3 });
    expect(m.translate('dev0', 9)?.level).toBe('devtlb');
    m.setup('dev1', 9, 'nested', 11, 2);
    expect(m.translate('dev1', 9)?.level).toBe('table');
    expect(m.translate('dev1', 9)?.level).toBe('iotlb');
  });

  it('faults when nothing translates', () => {
    expect(m.translate('dev0', 9)).toBeUndefined();
    expect(m.translate('nope', 9)).toBeUndefined();
    expect(m.translate('dev0', 500)).toBeUndefined();
  });

  it('returns the stale owner from the device-TLB when its invalidation is skipped', () => {
    m.setup('dev0', 9, 'nested', 1, 2);
    m.translate('dev0', 9);
    expect(m.clearEntry('dev0', 9)).toBe(0);
    expect(m.invalidatePasidCache('dev0', 9)).toBe(0);
    expect(m.invalidateIotlb('dev0', 9)).toBe(0);
    m.setup('dev0', 9, 'nested', 2, 2);
    expect(m.translate('dev0', 9)).toEqual({ level: 'devtlb', owner: 1, did: 2, pgtt: 3 });
    expect(m.residue(9)).toEqual(['dev0 PASID entry (owner 2)', 'dev0 device-TLB entry']);
    expect(m.flushLog.map((e) => [e.kind, e.did])).toEqual([
      ['write-buffer', 2], ['clear', 2], ['pasid-cache', 2], ['iotlb', 2], ['write-buffer', 2],
    ]);
  });

  it('returns the stale owner from the IOTLB when flushes run in the wrong order', () => {
    m.setup('dev1', 9, 'fl', 1, FLPT_DEFAULT_DID);
    m.translate('dev1', 9);
    // Invalidating before the clear: the next DMA re-fills the caches from the still-present entry.
    m.invalidatePasidCache('dev1', 9);
    m.invalidateIotlb('dev1', 9);
    expect(m.translate('dev1', 9)?.level).toBe('table');
    m.clearEntry('dev1', 9);
    expect(m.translate('dev1', 9)).toEqual({ level: 'iotlb', owner: 1, did: 1, pgtt: 1 });
    expect(m.residue(9)).toEqual(['PASID-cache entry DID 1 on dev1', 'IOTLB entry DID 1 on dev1']);
  });

  it('falls back to the PASID cache when only the IOTLB was invalidated, and re-fills it', () => {
    m.setup('dev1', 9, 'sl', 4, 3);
    m.translate('dev1', 9);
    m.clearEntry('dev1', 9);
    m.invalidateIotlb('dev1', 9);
    expect(m.translate('dev1', 9)).toEqual({ level: 'pasid-cache', owner: 4, did: 3, pgtt: 2 });
    expect(m.translate('dev1', 9)?.level).toBe('iotlb');
  });

  it('invalidates by DID and PASID across devices, device-TLB per device', () => {
    m.setup('dev0', 9, 'nested', 1, 2);
    m.setup('dev1', 9, 'nested', 1, 2);
    m.setup('dev0', 10, 'nested', 1, 2);
    for (const [d, id] of [['dev0', 9], ['dev1', 9], ['dev0', 10]] as const) m.translate(d, id);
    m.invalidatePasidCache('dev0', 9);
    expect(m.residue(9)).toEqual([
      'dev0 PASID entry (owner 1)', 'dev1 PASID entry (owner 1)', 'IOTLB entry DID 2 on dev0', 'IOTLB entry DID 2 on dev1', 'dev0 device-TLB entry',
    ]);
    m.invalidateIotlb('dev0', 9, 5);
    expect(m.residue(9)).toContain('IOTLB entry DID 2 on dev1');
    m.invalidateIotlb('dev0', 9);
    expect(m.residue(9).filter((r) => r.startsWith('IOTLB'))).toEqual([]);
    expect(m.residue(10)).toHaveLength(4);
  });

  it('a DID-selective teardown leaves cache entries of an older DID (hardware behaviour)', () => {
    m.setup('dev1', 9, 'nested', 1, 2);
    m.translate('dev1', 9);
    m.clearEntry('dev1', 9); // hand-made teardown that forgets every flush
    m.setup('dev1', 9, 'nested', 2, 3);
    expect(m.tearDown('dev1', 9).result).toBe(0);
    expect(m.translate('dev1', 9)).toEqual({ level: 'iotlb', owner: 1, did: 2, pgtt: 3 });
    expect(m.residue(9)).toEqual(['PASID-cache entry DID 2 on dev1', 'IOTLB entry DID 2 on dev1']);
  });

  it('keeps its per-PASID index when a caller programs a device table directly', () => {
    const t = m.device('dev1')!.table;
    t.program(4, { fpd: false, pgtt: 1, did: 1, flptptr: 0, slptptr: 0, sre: false, aw: 2, flpm: 0, owner: 6 });
    m.setup('dev0', 4, 'fl', 6, 1);
    expect(m.presentDevices(4)).toEqual(['dev0', 'dev1']);
    expect(m.residue(4)).toEqual(['dev0 PASID entry (owner 6)', 'dev1 PASID entry (owner 6)']);
    t.clear(4);
    expect(m.presentDevices(4)).toEqual(['dev0']);
    m.tearDown('dev0', 4);
    expect(m.hasResidue(4)).toBe(false);
  });

  it('refuses fine-grained steps on unknown devices or bad ids, and clears of absent entries', () => {
    expect(m.clearEntry('nope', 1)).toBe(ENODEV);
    expect(m.invalidatePasidCache('nope', 1)).toBe(ENODEV);
    expect(m.invalidateIotlb('dev0', -1)).toBe(EINVAL);
    expect(m.invalidateDevtlb('dev0', 128)).toBe(EINVAL);
    expect(m.clearEntry('dev0', 1)).toBe(ENOENT);
    expect(m.flushLog).toEqual([]);
    expect(m.invalidateDevtlb('dev0', 1)).toBe(0);
    expect(m.flushLog).toEqual([{ kind: 'devtlb', device: 'dev0', id: 1, did: 0 }]);
  });
});

describe('VtdModel snapshot and fingerprint', () => {
  function build(order: 'ab' | 'ba'): VtdModel {
    const m = new VtdModel();
    m.addDevice('a', true, 256);
    m.addDevice('b', false, 256);
    const steps = [
      () => { m.setup('a', 70, 'nested', 1, 2); m.translate('a', 70); },
      () => { m.setup('b', 3, 'fl', 2, 1); m.translate('b', 3); m.tearDown('b', 3); m.setup('b', 3, 'fl', 5, 1); },
    ];
    if (order === 'ba') steps.reverse();
    for (const s of steps) s();
    return m;
  }

  it('round-trips exactly, and the copy is independent', () => {
    const m = build('ab');
    const s = m.snapshot();
    const n = new VtdModel();
    n.restore(s);
    expect(n.snapshot()).toEqual(s);
    expect(n.fingerprint()).toBe(m.fingerprint());
    expect(n.residue(70)).toEqual(m.residue(70));
    expect(n.device('a')?.table.leafTableCount).toBe(1);
    n.tearDown('a', 70);
    expect(m.hasResidue(70)).toBe(true);
    expect(m.snapshot()).toEqual(s);
    m.restore(s);
    m.tearDown('a', 70);
    expect(m.snapshot()).toEqual(n.snapshot());
  });

  it('restores over a model with other state', () => {
    const m = build('ab');
    const s = m.snapshot();
    m.tearDown('b', 3);
    m.addDevice('c', true, 64);
    m.setup('c', 1, 'pt', 1, 1);
    m.restore(s);
    expect(m.snapshot()).toEqual(s);
    expect(m.device('c')).toBeUndefined();
    expect(m.hasResidue(1)).toBe(false);
  });

  it('restoring something that is not a snapshot empties the model instead of throwing', () => {
    const m = build('ab');
    expect(() => m.restore(null as never)).not.toThrow();
    expect(m.devices()).toEqual([]);
    expect(m.flushLog).toEqual([]);
    expect(m.hasResidue(70)).toBe(false);
  });

  it('gives equal fingerprints for equal states reached in different orders', () => {
    const ab = build('ab');
    const ba = build('ba');
    expect(ab.flushLog).not.toEqual(ba.flushLog);
    expect(ab.fingerprint()).toBe(ba.fingerprint());
    ab.translate('b', 3);
    expect(ab.fingerprint()).not.toBe(ba.fingerprint());
    ba.translate('b', 3);
    expect(ab.fingerprint()).toBe(ba.fingerprint());
  });

  it('tells states apart that differ only in a leaf table or a cache entry', () => {
    const x = new VtdModel();
    const y = new VtdModel();
    for (const m of [x, y]) m.addDevice('d', false, 256);
    expect(x.fingerprint()).toBe(y.fingerprint());
    x.setup('d', 200, 'pt', 1, 1);
    x.tearDown('d', 200);
    expect(x.fingerprint()).not.toBe(y.fingerprint());
  });
});
