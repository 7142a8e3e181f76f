// Synthetic ID-space data for the demo page: a 2^20 state array carved into a few sets, with
// holes, free-pending, bound and stale IDs, plus a "next step" that mutates a handful of IDs.
import { encodeIdState, ID_ACTIVE, ID_FREE, ID_FREE_PENDING } from '../../engine/idstate';
import type { QuotaSet } from '../quota/rows';

export const DEMO_CAPACITY = 1 << 20;

export interface DemoSet {
  name: string;
  sid: number;
  quota: number;
  token: string;
}

export const DEMO_SETS: DemoSet[] = [
  { name: 'system', sid: 0, quota: 180_000, token: 'init_mm' },
  { name: 'vm1', sid: 1, quota: 320_000, token: 'mm:vm1' },
  { name: 'vm2', sid: 2, quota: 150_000, token: 'mm:vm2' },
  { name: 'vm3', sid: 3, quota: 90_000, token: 'mm:vm3' },
  { name: 'vm4', sid: 4, quota: 60_000, token: 'mm:vm4' },
  { name: 'vdcm', sid: 5, quota: 40_000, token: 'null' },
];

/** Small deterministic PRNG (mulberry32) so every screenshot shows the same picture. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeDemoState(seed = 7): Uint8Array {
  const rnd = prng(seed);
  const state = new Uint8Array(DEMO_CAPACITY);
  const budget = DEMO_SETS.map((s) => Math.floor(s.quota * (0.45 + rnd() * 0.5)));
  let id = 1; // PASID 0 is RID2PASID, never allocated.
  while (id < DEMO_CAPACITY) {
    const len = Math.floor(2_000 + rnd() * 30_000);
    const k = Math.floor(rnd() * (DEMO_SETS.length + 2));
    const set = k < DEMO_SETS.length && budget[k] > 0 ? DEMO_SETS[k] : null;
    const density = 0.55 + rnd() * 0.43;
    const boundShare = set && set.name !== 'vdcm' ? rnd() * 0.5 : 0.05;
    for (let i = id; i < Math.min(DEMO_CAPACITY, id + len); i++) {
      if (!set || budget[set.sid] <= 0 || rnd() > density) continue;
      budget[set.sid]--;
      const pending = rnd() < 0.03;
      // Bound IDs cluster: a device keeps a run of PASIDs.
      const bound = ((i >> 9) & 3) === 0 ? rnd() < boundShare * 2.5 : rnd() < boundShare * 0.2;
      state[i] = encodeIdState(pending ? ID_FREE_PENDING : ID_ACTIVE, bound, set.sid);
    }
    id += len;
  }
  // A knot of stale entries: freed IDs a device still translates (the reuse race).
  for (let i = 700_000; i < 700_000 + 2_400; i++) if (rnd() < 0.35) state[i] = encodeIdState(ID_FREE, true, 0);
  for (let n = 0; n < 40; n++) state[Math.floor(rnd() * DEMO_CAPACITY)] = encodeIdState(ID_FREE, true, 0);
  return state;
}

export function setOfByte(byte: number): DemoSet | undefined {
  if ((byte & 3) === ID_FREE) return undefined;
  return DEMO_SETS.find((s) => s.sid === byte >>> 3);
}

export function quotaSetsOf(state: Uint8Array): QuotaSet[] {
  const used = new Map<number, number>();
  const pending = new Map<number, number>();
  for (let i = 0; i < state.length; i++) {
    const b = state[i];
    const st = b & 3;
    if (st === ID_FREE) continue;
    const sid = b >>> 3;
    used.set(sid, (used.get(sid) ?? 0) + 1);
    if (st === ID_FREE_PENDING) pending.set(sid, (pending.get(sid) ?? 0) + 1);
  }
  return DEMO_SETS.map((s) => ({ name: s.name, sid: s.sid, quota: s.quota, used: used.get(s.sid) ?? 0, pending: pending.get(s.sid) ?? 0, token: s.token }));
}

/** Thousands of small sets, to show the "+K more sets" folding. */
export function manySets(count: number, seed = 11): QuotaSet[] {
  const rnd = prng(seed);
  return Array.from({ length: count }, (_, i) => {
    const quota = Math.floor(16 + rnd() * rnd() * 600);
    const used = Math.floor(quota * rnd());
    return { name: `vm${i + 1}`, sid: i + 1, quota, used, pending: Math.floor(used * rnd() * 0.1), token: `mm:vm${i + 1}` };
  });
}

/** Mutates a few hundred IDs near `around` the way one scenario step might; returns them. */
export function mutateStep(state: Uint8Array, step: number): number[] {
  const rnd = prng(1000 + step);
  const changed: number[] = [];
  const base = Math.floor(rnd() * (DEMO_CAPACITY - 5_000));
  for (let n = 0; n < 12; n++) {
    const id = base + Math.floor(rnd() * 4_000);
    const sid = DEMO_SETS[Math.floor(rnd() * DEMO_SETS.length)].sid;
    const r = rnd();
    state[id] = r < 0.5 ? encodeIdState(ID_ACTIVE, rnd() < 0.4, sid) : r < 0.75 ? encodeIdState(ID_FREE_PENDING, rnd() < 0.5, sid) : encodeIdState(ID_FREE, false, 0);
    changed.push(id);
  }
  return changed;
}
