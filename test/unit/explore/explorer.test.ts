import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { loadScenario, resolveModel, runScenario, type ModelOverride } from '../../../src/engine/lab';
import { explore, EXPLORE_MAX_STEPS, type ExploreProgress, type HandedNode } from '../../../src/engine/run/explore/explorer';
import { incompleteWhy } from '../../../src/engine/run/explore/incompleteWhy';
import { replaySteps, scheduleLine, stepsInReplay, trimSchedule } from '../../../src/engine/run/explore/replay';
import { frontierRoots, mergeReports, splitRoundRobin } from '../../../src/engine/run/explore/partition';
import type { CompiledProgram } from '../../../src/engine/run/program';
import { SharedVisited } from '../../../src/engine/run/explore/sharedVisited';
import { LocalVisited } from '../../../src/engine/run/explore/localVisited';

const RACE = `title "racing free and alloc"
set vm1 quota=4
set vm2 quota=4
notifier vtd kind=iommu
notifier kvm kind=kvm
device dev0
alloc vm1 -> a
bind dev0 a gpasid=5
thread t1 {
  free a
}
thread t2 {
  alloc vm2 -> b
  dma dev0 b
}
join
`;

const SRCU_FREE = `title "free from an SRCU callback"
system_set quota=64
notifier vtd kind=iommu
device dev0
mm mm1
sva_bind dev0 mm1 -> p
thread exit {
  mm_exit mm1
  mmu_notifier_put mm1
}
thread other {
  note "another process keeps allocating"
  sva_bind dev0 mm1
}
join
`;

function load(src: string): CompiledProgram {
  const l = loadScenario(src);
  if (!l.ok) throw new Error(JSON.stringify(l.errors));
  return l.program;
}

function model(program: CompiledProgram, o: ModelOverride) {
  const m = resolveModel(program.source, o);
  if (typeof m === 'string') throw new Error(m);
  return m;
}

const kinds = (r: { violations: { kind: string }[] }) => r.violations.map((v) => v.kind).sort();

describe('explorer', () => {
  it('finds reuse-before-cleanup in the racing free/alloc under cyclic with alloc=lowest, completely', () => {
    const p = load(RACE);
    const r = explore(p, model(p, { preset: 'cyclic', axes: [['alloc', 'lowest']] }));
    expect(r.complete).toBe(true);
    expect(kinds(r)).toContain('reuse-before-cleanup');
    expect(kinds(r)).toContain('stale-translation');
  });

  it('a schedule the step limit stops is not an end of the run: the search is incomplete, and says why', () => {
    // The violation comes after the limit: a search that called the cut run "complete"
    // reported that no violation was reachable.
    const p = load(`repeat ${EXPLORE_MAX_STEPS + 1} {\n  quiesce\n}\natomic {\n  mutex_lock m\n  mutex_unlock m\n}\n`);
    const r = explore(p, model(p, { preset: 'v1' }), { maxStates: 10 * EXPLORE_MAX_STEPS });
    expect(r.complete).toBe(false);
    expect(r.cut).toBe(1);
    expect(r.schedules).toBe(0);
    expect(incompleteWhy(r, '1,000,000', 'bound')).toBe('1 schedule was cut at the limit of 100,000 steps per schedule');
    expect(mergeReports([r, { ...r, cut: 2 }]).cut).toBe(3);
  });

  it('reports with its progress the shortest schedule found so far per kind', () => {
    const p = load(RACE);
    // A clock that moves 100 ms per look: progress every few expansions.
    let t = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (t += 100));
    const seen: ExploreProgress[] = [];
    const m = model(p, { preset: 'cyclic', axes: [['alloc', 'lowest']] });
    try {
      const r = explore(p, m, { onProgress: (q) => seen.push(q) });
      const last = seen.filter((q) => q.violations.length > 0).at(-1)!;
      expect(last.found!.map((v) => v.kind)).toEqual(last.violations);
      for (const v of last.found!) {
        const final = r.violations.find((w) => w.kind === v.kind)!;
        expect(v.schedule.length).toBeGreaterThanOrEqual(final.schedule.length);
        // A found schedule reaches its kind when replayed.
        expect(replaySteps(p, m, v.schedule, v.kind, 1000)).toBeDefined();
      }
    } finally {
      clock.mockRestore();
    }
  });

  it('finds no reuse or stale translation under v4 and v1', () => {
    const p = load(RACE);
    for (const preset of ['v4', 'v1'] as const) {
      const r = explore(p, model(p, { preset }));
      expect(r.complete).toBe(true);
      expect(kinds(r)).not.toContain('reuse-before-cleanup');
      expect(kinds(r)).not.toContain('stale-translation');
    }
    expect(kinds(explore(p, model(p, { preset: 'v4' })))).toEqual([]);
  });

  it('finds sleep-in-atomic in every schedule of the SRCU-callback free under v1, and none under v4', () => {
    const p = load(SRCU_FREE);
    const v1 = explore(p, model(p, { preset: 'v1' }));
    expect(v1.complete).toBe(true);
    expect(v1.schedules).toBeGreaterThan(1);
    const sia = v1.violations.find((v) => v.kind === 'sleep-in-atomic');
    expect(sia?.inEverySchedule).toBe(true);
    expect(kinds(explore(p, model(p, { preset: 'v4' })))).not.toContain('sleep-in-atomic');
  });

  it('reports a shortest schedule that replays to the violation, also as a pasted schedule line', () => {
    const p = load(RACE);
    const m = model(p, { preset: 'cyclic', axes: [['alloc', 'lowest']] });
    const v = explore(p, m).violations.find((x) => x.kind === 'reuse-before-cleanup')!;
    expect(replaySteps(p, m, v.schedule, v.kind, v.steps)).toBeLessThanOrEqual(v.steps);
    const trimmed = trimSchedule(p, m, v.schedule, v.kind, v.steps);
    expect(trimmed.schedule.length).toBeLessThanOrEqual(v.schedule.length);
    // The search was complete: no schedule reaches the kind in fewer steps.
    expect(trimmed.steps).toBe(v.steps);
    const pasted = RACE.replace('set vm1 quota=4', `${scheduleLine(trimmed.schedule)}\nset vm1 quota=4`);
    const replay = runScenario(load(pasted), m);
    // The player shows it at the step the report names (the pasted line is a step of its own).
    const first = replay.recorder.violations.find((x) => x.kind === 'reuse-before-cleanup')!;
    expect(first.step + 1).toBe(stepsInReplay(trimmed, 0));
  });

  /** Thread a queues an RCU callback that frees a bound ID (sleep-in-atomic under v1); b runs two statements. */
  const RCU_RACE = `model v1
set vm1 quota=8
notifier iommu kind=iommu
device dev0
thread a {
  alloc vm1 -> g1
  bind dev0 g1
  call_rcu {
    free g1
  }
}
thread b {
  alloc vm1 -> g2
  dma dev0 g2
}
join
`;

  it('trims a schedule only to suffixes that reach the kind as early as the whole one', () => {
    // Dropping the leading "a" of the shortest schedule lets the default schedule run b
    // first, which reaches the violation one step later: not as short.
    const text = RCU_RACE;
    const p = load(text);
    const m = model(p, { preset: 'v1' });
    const v = explore(p, m).violations.find((x) => x.kind === 'sleep-in-atomic')!;
    const trimmed = trimSchedule(p, m, v.schedule, v.kind, v.steps);
    expect(trimmed.steps).toBe(v.steps);
    // Every suffix from the whole schedule down to the one kept reaches it in time; the next
    // shorter one (the default schedule picking that entry) reaches it later or not at all.
    const kept = v.schedule.length - trimmed.schedule.length;
    for (let k = 0; k <= kept; k++) expect(replaySteps(p, m, v.schedule.slice(k), v.kind, 1000)).toBeLessThanOrEqual(v.steps);
    expect(replaySteps(p, m, v.schedule.slice(kept + 1), v.kind, 1000) ?? Infinity).toBeGreaterThan(v.steps);
    const pasted = runScenario(load(text.replace('model v1\n', `model v1\n${scheduleLine(trimmed.schedule)}\n`)), m);
    expect(pasted.recorder.violations.find((x) => x.kind === 'sleep-in-atomic')!.step + 1).toBe(stepsInReplay(trimmed, 0));
  });

  it('counts the step the player shows when the default schedule reaches the kind and the text had a schedule line to replace', () => {
    const body = 'thread a {\n  mutex_lock A\n  mutex_lock B\n  mutex_unlock B\n  mutex_unlock A\n}\nthread b {\n  mutex_lock B\n  mutex_lock A\n  mutex_unlock A\n  mutex_unlock B\n}\njoin\n';
    const text = `schedule a a a a\n${body}`;
    const p = load(text);
    const m = model(p, { preset: 'v4' });
    const v = explore(p, m).violations.find((x) => x.kind === 'deadlock')!;
    const trimmed = trimSchedule(p, m, v.schedule, v.kind, v.steps);
    expect(trimmed.schedule).toEqual([]);
    // Pasted as told: the comment replaces the schedule line, one step fewer.
    const pasted = runScenario(load(`${scheduleLine(trimmed.schedule)}\n${body}`), m);
    expect(pasted.recorder.violations.find((x) => x.kind === 'deadlock')!.step + 1).toBe(stepsInReplay(trimmed, 1));
  });

  it('reports the step the player shows when one unit runs several steps (a callback of three statements)', () => {
    const text = RCU_RACE.replace('    free g1\n', '    free g1\n    note "after"\n    note "and after"\n');
    const p = load(text);
    const m = model(p, { preset: 'v1' });
    const v = explore(p, m).violations.find((x) => x.kind === 'sleep-in-atomic')!;
    const trimmed = trimSchedule(p, m, v.schedule, v.kind, v.steps);
    const pasted = runScenario(load(text.replace('model v1\n', `model v1\n${scheduleLine(trimmed.schedule)}\n`)), m);
    expect(pasted.recorder.violations.find((x) => x.kind === 'sleep-in-atomic')!.step + 1).toBe(stepsInReplay(trimmed, 0));
    // No suffix raises it later than the whole schedule does.
    expect(trimmed.steps).toBeLessThanOrEqual(replaySteps(p, m, v.schedule, v.kind, v.steps)!);
  });

  it('a partitioned search finds exactly what one search finds', () => {
    const p = load(RACE);
    const m = model(p, { preset: 'cyclic', axes: [['alloc', 'lowest']] });
    const whole = explore(p, m);
    const parts = splitRoundRobin(frontierRoots(p, m, 6), 3).map((roots) => explore(p, m, { roots }));
    const merged = mergeReports(parts);
    expect(kinds(merged)).toEqual(kinds(whole));
    expect(merged.complete).toBe(true);
    for (const v of merged.violations) {
      expect(v.schedule.length).toBe(whole.violations.find((w) => w.kind === v.kind)!.schedule.length);
    }
  });

  it('keeps "in every schedule" when another worker takes over states reached through the violation', () => {
    // A violation raised on the way to the threads, so every schedule has it: the states a
    // worker hands over were reached through it, and the taker never records it itself.
    const p = load(`set vm1 quota=8
notifier vtd kind=iommu
device dev0
alloc vm1 -> a
bind dev0 a gpasid=3
free a
dma dev0 a
thread t1 {
  alloc vm1 -> x
  spin_lock A
  spin_unlock A
}
thread t2 {
  alloc vm1 -> y
  spin_lock A
  spin_unlock A
}
thread t3 {
  alloc vm1 -> z
  spin_lock A
  spin_unlock A
}
join`);
    const m = model(p, {});
    const whole = explore(p, m);
    const every = whole.violations.filter((v) => v.inEverySchedule).map((v) => v.kind);
    expect(every.length).toBeGreaterThan(0);
    // Worker A gives half its stack away once, as WorkSharing would; worker B explores it
    // against the same shared table; the rounds are merged as the worker and the pool do.
    const shared = SharedVisited.create(10_000);
    const handed: HandedNode[] = [];
    const a = explore(p, m, { shared, wanted: (q) => (handed.length === 0 && q >= 4 ? Math.floor(q / 2) : 0), give: (nodes) => (handed.push(...nodes), nodes.length) });
    expect(handed.length).toBeGreaterThan(0);
    const b = mergeReports([explore(p, m, { shared, roots: [] }), explore(p, m, { shared, roots: [], handed })]);
    expect(b.schedules).toBeGreaterThan(0);
    const merged = mergeReports([a, b]);
    expect(merged.violations.filter((v) => v.inEverySchedule).map((v) => v.kind).sort()).toEqual([...every].sort());
  });

  it('keeps the shortest schedule when a later root prefix reaches a kind earlier', () => {
    const p = load(`set vm1 quota=8
notifier vtd kind=iommu
device dev0
alloc vm1 -> a
thread t0 {
  spin_unlock A
  spin_unlock A
}
thread t1 {
  bind dev0 a gpasid=4
  spin_lock A
  mutex_lock M
}
join
`);
    const m = model(p, { preset: 'v4' });
    const main = Array.from({ length: 4 }, () => 'main');
    const whole = explore(p, m, { reduction: false, hashing: false });
    const shortest = whole.violations.find((v) => v.kind === 'sleep-in-atomic')!;
    expect(shortest.schedule).toEqual([...main, 't1', 't1', 't1']);
    // The first prefix reaches the kind one unit later than the second.
    const r = explore(p, m, { roots: [[...main, 't0', 't1', 't1', 't1'], [...main, 't1', 't1', 't1', 't0']] });
    expect(r.violations.find((v) => v.kind === 'sleep-in-atomic')!.schedule).toEqual(shortest.schedule);
  });

  it('stops at the state bound and says the search is incomplete', () => {
    const p = load(RACE);
    const r = explore(p, model(p, { preset: 'v1' }), { maxStates: 3 });
    expect(r.complete).toBe(false);
    // Exactly the bound: a state past it is not counted or explored, even among the children
    // of the last state expanded (the root alone has more than two).
    expect(r.states).toBe(3);
    // Two threads ready at the start: the root has three children, so a bound of 2 fell
    // inside one expansion and 3 states were counted.
    const abba = load('thread a {\n  mutex_lock A\n  mutex_lock B\n  mutex_unlock B\n  mutex_unlock A\n}\nthread b {\n  mutex_lock B\n  mutex_lock A\n  mutex_unlock A\n  mutex_unlock B\n}\njoin\n');
    for (const n of [1, 2, 5, 17]) expect(explore(abba, model(abba, { preset: 'v4' }), { maxStates: n }).states).toBe(n);
  });
});

const STATEMENTS = [
  'free a', 'free b', 'get a', 'put a', 'dma dev0 a', 'dma dev0 b', 'unbind dev0 a', 'bind dev0 b',
  'alloc vm2 -> c', 'spin_lock A', 'spin_unlock A', 'spin_lock B', 'spin_unlock B', 'note "n"',
  'work {\n    free a\n  }', 'call_rcu {\n    put b\n  }', 'find a', 'attach_spid b 9',
];

describe('reduction and hashing never hide a violation', () => {
  it('on small random scenarios the reduced search finds the same kinds as a plain exhaustive search', () => {
    let compared = 0;
    let withViolations = 0;
    fc.assert(
      fc.property(
        fc.constantFrom('v1', 'cyclic', 'v4'),
        fc.array(fc.array(fc.constantFrom(...STATEMENTS), { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 3 }),
        (preset, threads) => {
          const src = [
            'set vm1 quota=8', 'set vm2 quota=8', 'notifier vtd kind=iommu', 'notifier kvm kind=kvm', 'device dev0',
            'alloc vm1 -> a', 'alloc vm1 -> b', 'bind dev0 a gpasid=3',
            ...threads.map((body, i) => `thread t${i} {\n  ${body.join('\n  ')}\n}`),
            'join',
          ].join('\n');
          const p = load(src);
          const m = model(p, { preset: preset as 'v1' });
          const reduced = explore(p, m, { maxStates: 4000 });
          const plain = explore(p, m, { reduction: false, hashing: false, maxStates: 4000 });
          if (!reduced.complete || !plain.complete) return;
          compared++;
          if (plain.violations.length > 0) withViolations++;
          expect(kinds(reduced)).toEqual(kinds(plain));
          // ... each with a schedule as short as the plain search's shortest.
          for (const v of reduced.violations) expect(v.schedule.length).toBe(plain.violations.find((w) => w.kind === v.kind)!.schedule.length);
          expect(reduced.states).toBeLessThanOrEqual(plain.states);
          // Three partitions sharing one visited set (sleep sets included), run one after
          // the other (the later ones meet states the earlier ones explored), merged.
          const shared = SharedVisited.create(4000);
          const parts = splitRoundRobin(frontierRoots(p, m, 6), 3).map((roots) => explore(p, m, { roots, shared, maxStates: 4000 }));
          const merged = mergeReports(parts);
          if (merged.complete) {
            expect(kinds(merged)).toEqual(kinds(plain));
            for (const v of merged.violations) expect(v.schedule.length).toBe(plain.violations.find((w) => w.kind === v.kind)!.schedule.length);
          }
        },
      ),
      { seed: 7, numRuns: 60 },
    );
    // The property must not hold vacuously: most cases finish, and some do find violations.
    expect(compared).toBeGreaterThanOrEqual(15);
    expect(withViolations).toBeGreaterThanOrEqual(5);
  });
});

describe('visited sets: the rules, the same in one thread and shared', () => {
  // Digests differ in the high bits of their second word: LocalVisited keys drop its low 11.
  for (const [name, make] of [['LocalVisited', () => new LocalVisited()], ['SharedVisited', () => SharedVisited.create(16)]] as const) {
    it(`${name} records each state once, keeps the smallest depth and says when to explore again`, () => {
      const v = make();
      expect(v.visit(1, 2 << 11, 5)).toBe('new');
      expect(v.visit(1, 2 << 11, 5)).toBe('seen');
      expect(v.visit(1, 2 << 11, 7)).toBe('seen');
      expect(v.visit(1, 2 << 11, 3)).toBe('shorter');
      expect(v.visit(1, 2 << 11, 4)).toBe('seen');
      expect(v.visit(1, 3 << 11, 9)).toBe('new');
      expect(v.size).toBe(2);
    });

    it(`${name} keeps the intersection of the sleep sets and says which choices woke up`, () => {
      const v = make();
      expect(v.visit(7, 7 << 11, 3, 0b0110)).toBe('new');
      expect(v.visit(7, 7 << 11, 3, 0b1110)).toBe('seen'); // nothing asleep before is awake now
      expect(v.visit(7, 7 << 11, 4, 0b0011)).toBe('woken');
      expect(v.awake).toBe(0b0100);
      expect(v.narrowed).toBe(0b0010);
      expect(v.visit(7, 7 << 11, 3, 0b0010)).toBe('seen');
      // Shorter: explored again in full; the stored set narrows too.
      expect(v.visit(7, 7 << 11, 1, 0)).toBe('shorter');
      expect(v.visit(7, 7 << 11, 2, 0b1111)).toBe('seen');
    });
  }
});

describe('shared visited set (parallel search)', () => {
  it('grows level by level: a small search touches only the first level, every digest stays found', () => {
    const v = SharedVisited.create(20_000);
    const key = (i: number): [number, number] => [Math.imul(i, 0x9e3779b1), Math.imul(i ^ 0x5555, 0x85ebca6b)];
    for (let i = 0; i < 1000; i++) expect(v.visit(...key(i), 4)).toBe('new');
    expect(v.levels).toBe(1);
    for (let i = 1000; i < 20_000; i++) expect(v.visit(...key(i), 4)).toBe('new');
    expect(v.levels).toBeGreaterThan(2);
    expect(v.size).toBe(20_000);
    for (let i = 0; i < 20_000; i += 7) expect(v.visit(...key(i), 4)).toBe('seen');
    expect(v.visit(...key(3), 1)).toBe('shorter');
    expect(v.visit(...key(19_999), 1)).toBe('shorter');
    expect(v.size).toBe(20_000);
  });

  it('cleared, is empty again in every level it used, and grows as a new one does', () => {
    const v = SharedVisited.create(20_000);
    const key = (i: number): [number, number] => [Math.imul(i, 0x9e3779b1), Math.imul(i ^ 0x5555, 0x85ebca6b)];
    for (let i = 0; i < 20_000; i++) v.visit(...key(i), 4, 0b11);
    expect(v.levels).toBeGreaterThan(2);
    v.clear();
    expect(v.size).toBe(0);
    expect(v.levels).toBe(1);
    expect(new Int32Array(v.buffer).every((x) => x === 0)).toBe(true);
    for (let i = 0; i < 20_000; i += 3) expect(v.visit(...key(i), 4)).toBe('new');
    expect(v.size).toBe(6667);
  });

  it('counts in batches: each view of the table sees its own inserts at once, the others once flushed', () => {
    const a = SharedVisited.create(1000);
    const b = new SharedVisited(a.buffer);
    for (let i = 1; i <= 5; i++) expect(a.visit(i, i * 7, 0)).toBe('new');
    expect(a.size).toBe(5);
    expect(b.size).toBe(0);
    // The digests themselves are visible to every view at once.
    expect(b.visit(3, 21, 0)).toBe('seen');
    a.flush();
    expect(b.size).toBe(5);
    // A full batch is added without a flush.
    for (let i = 6; i <= 100; i++) a.visit(i, i * 7, 0);
    expect(b.size).toBeGreaterThan(100 - 32);
    expect(b.size).toBeLessThanOrEqual(100);
    a.flush();
    expect(b.size).toBe(100);
  });

  it('always has a first level, and refuses a buffer too small for one', () => {
    for (const n of [0, -5, Number.NaN]) {
      const v = SharedVisited.create(n);
      expect(v.visit(1, 2, 0)).toBe('new');
      expect(v.visit(1, 2, 0)).toBe('seen');
    }
    expect(() => new SharedVisited(new SharedArrayBuffer(4000))).toThrow(RangeError);
  });

  it('says "full" once its last level has no room', () => {
    const v = SharedVisited.create(16);
    let full = 0;
    for (let i = 0; i < 9000 && !full; i++) if (v.visit(i + 1, i * 31, 0) === 'full') full = i;
    expect(full).toBeGreaterThan(4096);
  });

  it('partitions sharing one table find the same kinds with the same shortest schedules, without exploring a state twice', () => {
    const p = load(RACE);
    const m = model(p, { preset: 'cyclic', axes: [['alloc', 'lowest']] });
    const whole = explore(p, m, { reduction: false });
    const shared = SharedVisited.create(10_000);
    // Later partitions run after earlier ones filled the table: the relaxation must still
    // recover the shortest schedules found by the whole search.
    const parts = splitRoundRobin(frontierRoots(p, m, 6), 3).reverse().map((roots) => explore(p, m, { roots, shared }));
    const merged = mergeReports(parts);
    expect(kinds(merged)).toEqual(kinds(whole));
    for (const v of merged.violations) {
      expect(v.schedule.length).toBe(whole.violations.find((w) => w.kind === v.kind)!.schedule.length);
    }
    expect(shared.size).toBeLessThanOrEqual(whole.states + 6);
  });
});
