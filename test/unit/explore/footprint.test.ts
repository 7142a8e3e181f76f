// Footprints decide which units commute (src/engine/run/explore/footprint.ts): units on
// disjoint IDs and locks do; a statement that runs deferred blocks inline does not commute
// with a hand-made lock, since those blocks may take it.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadScenario, resolveModel } from '../../../src/engine/lab';
import { Machine, type MachineSnapshot } from '../../../src/engine/run/machine';
import { fingerprintKey } from '../../../src/engine/run/explore/fingerprint';
import { EXPLORE_MAX_STEPS } from '../../../src/engine/run/explore/explorer';
import { footprintOf, independent, nextAllocated } from '../../../src/engine/run/explore/footprint';

/** A machine with every thread at its first statement (main has run up to `join`). */
function atThreads(source: string): Machine {
  const l = loadScenario(source);
  if (!l.ok) throw new Error('does not parse');
  const model = resolveModel(l.program.source);
  if (typeof model === 'string') throw new Error(model);
  const m = new Machine(l.program, model, { maxSteps: EXPLORE_MAX_STEPS });
  while (m.choices().includes('main')) m.runUnit('main');
  return m;
}

describe('footprints', () => {
  it('locks of different names commute; so do gets of different IDs', () => {
    const m = atThreads('set vm1 quota=8\nalloc vm1 -> a\nalloc vm1 -> b\nthread t1 {\n  spin_lock A\n  get a\n}\nthread t2 {\n  spin_lock B\n  get b\n}\njoin\n');
    expect(independent(footprintOf(m, 't1'), footprintOf(m, 't2'))).toBe(true);
  });

  for (const verb of ['quiesce', 'rcu_barrier', 'flush_work']) {
    it(`${verb} does not commute with a hand-made lock (the deferred blocks it runs may take it)`, () => {
      const m = atThreads(`set vm1 quota=8\ncall_rcu {\n  spin_lock B\n  spin_unlock B\n}\nthread t1 {\n  spin_lock B\n  spin_unlock B\n}\nthread t2 {\n  ${verb}\n}\njoin\n`);
      expect(m.choices()).toEqual(expect.arrayContaining(['t1', 't2']));
      expect(independent(footprintOf(m, 't1'), footprintOf(m, 't2'))).toBe(false);
    });
  }
});

// The reduction is sound only if every pair of units the footprints call independent really
// commutes where they are called so: from that state, a then b and b then a reach the same
// state (same fingerprint), and neither disables the other. Checked at every reachable state
// of random scenarios over the verbs footprints bound finely, under every model axis.
const THREAD_STATEMENTS = [
  'alloc vm1 -> c', 'alloc vm2 -> d', 'free a', 'free b', 'free c', 'get a', 'get b', 'put a', 'put b', 'put c',
  'bind dev0 a gpasid=7', 'bind dev1 b', 'bind dev0 c gpasid=8', 'bind dev1 a gpasid=7', 'unbind dev0 a', 'unbind dev1 b', 'unbind dev0 c',
  'dma dev0 a', 'dma dev1 a', 'dma dev1 b', 'dma dev0 c', 'attach_spid b 9', 'detach_spid a', 'detach_spid b', 'find a', 'find_spid vm1 7',
  'spin_lock A', 'spin_unlock A', 'mutex_lock B', 'mutex_unlock B', 'note "n"',
  // A hand-made lock named like the kernel's own closes lock-order cycles with its edges.
  'spin_lock ioasid_allocator_lock', 'spin_unlock ioasid_allocator_lock',
  'work {\n    dma dev0 a\n  }', 'work {\n    put b\n  }', 'call_rcu {\n    free a\n  }', 'call_rcu {\n    get b\n    dma dev1 b\n  }',
  'work {\n    unbind dev0 a\n  }', 'call_rcu {\n    bind dev1 d gpasid=9\n  }', 'work {\n    spin_lock A\n    free d\n    spin_unlock A\n  }',
  // A block of one compound statement still runs whole as one unit.
  'work {\n    atomic {\n      spin_lock A\n      spin_unlock A\n    }\n  }', 'call_rcu {\n    repeat 2 {\n      put b\n    }\n  }',
];

function commutes(m: Machine, a: string, b: string): boolean {
  const start = m.snapshot();
  const after = (first: string, second: string): number | undefined => {
    m.restore(start);
    m.runUnit(first);
    if (m.phase !== 'running' || !m.choices().includes(second)) return undefined;
    m.runUnit(second);
    return fingerprintKey(m);
  };
  const ab = after(a, b);
  const ba = after(b, a);
  m.restore(start);
  return ab !== undefined && ab === ba;
}

describe('independent units commute', () => {
  it('at every reachable state of random scenarios, under every model', () => {
    let pairs = 0;
    let allocs = 0;
    fc.assert(
      fc.property(
        fc.record({ lock: fc.constantFrom('spinlock', 'mutex'), chain: fc.constantFrom('atomic', 'blocking'), alloc: fc.constantFrom('lowest', 'cyclic'), free: fc.constantFrom('immediate', 'refcount'), cleanup: fc.constantFrom('sync', 'deferred') }),
        fc.boolean(),
        // Tight: five IDs in all, so allocations run out and the cyclic allocator wraps.
        fc.boolean(),
        fc.array(fc.array(fc.constantFrom(...THREAD_STATEMENTS), { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 3 }),
        (axes, vdcm, tight, threads) => {
          const src = [
            ...(tight ? ['capacity 6', 'set vm1 quota=3', 'set vm2 quota=3'] : ['set vm1 quota=4', 'set vm2 quota=4']), 'notifier vtd kind=iommu', 'notifier kvm kind=kvm', ...(vdcm ? ['notifier dm kind=vdcm'] : []),
            'device dev0', 'device dev1 ats=on', 'alloc vm1 -> a', 'alloc vm2 -> b', 'alloc vm1 -> c', 'alloc vm2 -> d', 'bind dev0 a gpasid=3', 'get a',
            ...threads.map((body, i) => `thread t${i} {\n  ${body.join('\n  ')}\n}`),
            'join',
          ].join('\n');
          const l = loadScenario(src);
          if (!l.ok) throw new Error(JSON.stringify(l.errors));
          const model = resolveModel(l.program.source, { axes: Object.entries(axes) });
          if (typeof model === 'string') throw new Error(model);
          const m = new Machine(l.program, model, { maxSteps: EXPLORE_MAX_STEPS });
          const seen = new Set<number>();
          const stack: MachineSnapshot[] = [m.snapshot()];
          while (stack.length > 0 && seen.size < 300) {
            m.restore(stack.pop()!);
            const key = fingerprintKey(m);
            if (seen.has(key)) continue;
            seen.add(key);
            const choices = m.choices();
            const prints = choices.map((c) => footprintOf(m, c));
            for (let i = 0; i < choices.length; i++) {
              for (let j = i + 1; j < choices.length; j++) {
                if (!independent(prints[i], prints[j])) continue;
                pairs++;
                if (!commutes(m, choices[i], choices[j])) throw new Error(`${choices[i]} and ${choices[j]} were called independent but do not commute, under ${JSON.stringify(axes)} in\n${src}`);
              }
            }
            const here = m.snapshot();
            for (const c of choices) {
              m.restore(here);
              // An alloc's footprint names the ID it will take (or -1: none is free).
              const st = m.peekNext(c);
              const predicted = st?.verb === 'alloc' ? nextAllocated(m, st) : undefined;
              const usedBefore = st?.verb === 'alloc' ? m.kernel.state.view.sets.get(st.set)?.used : undefined;
              m.runUnit(c);
              if (st?.verb === 'alloc' && st.bind && predicted !== undefined) {
                const quotaLeft = usedBefore !== undefined && usedBefore < m.kernel.state.view.sets.get(st.set)!.quota;
                const took = m.kernel.state.view.sets.get(st.set)!.used > usedBefore!;
                if (took) expect(m.kernel.state.view.bindings.get(st.bind.name)).toBe(predicted);
                else if (quotaLeft) expect(predicted).toBe(-1);
                allocs++;
              }
              if (m.phase === 'running') stack.push(m.snapshot());
            }
          }
        },
      ),
      { seed: 11, numRuns: 120 },
    );
    // Not vacuous: many independent pairs were put to the test.
    expect(pairs).toBeGreaterThan(2000);
    expect(allocs).toBeGreaterThan(200);
  });
});

describe('fingerprints', () => {
  it('tell apart states whose pending RCU callback and work item were queued in the other order', () => {
    // quiesce runs pending items oldest first, so the order across the two queues is state.
    const m = atThreads('set vm1 quota=8\nalloc vm1 -> a\nthread t1 {\n  work {\n    get a\n  }\n}\nthread t2 {\n  call_rcu {\n    put a\n  }\n}\nthread t3 {\n  quiesce\n}\njoin\n');
    const start = m.snapshot();
    const after = (first: string, second: string) => {
      m.restore(start);
      m.runUnit(first);
      m.runUnit(second);
      return fingerprintKey(m);
    };
    expect(after('t1', 't2')).not.toBe(after('t2', 't1'));
    // Everything else about the two states is the same: the same order twice hashes alike.
    expect(after('t1', 't2')).toBe(after('t1', 't2'));
  });
});
