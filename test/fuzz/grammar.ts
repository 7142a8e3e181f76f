// A fast-check grammar of scenario programs: every verb of SPEC §4 with right and wrong
// arguments (unknown names, huge/negative/0x numbers, wrong keys, missing args), blocks,
// threads, schedule lines and repeats with big counts, so the engine sees hostile input.

import fc from 'fast-check';
import { AXIS_VALUES, MODEL_AXES } from '../../src/engine/model';

const SETS = ['vm1', 'vm2', 'system'];
const DEVICES = ['d0', 'd1'];
const MMS = ['m0', 'm1'];
const IDS = ['g1', 'g2', 'g3'];
const SUBS = ['n1', 'n2'];
const THREADS = ['t1', 't2', 't3'];
const LOCKS = ['L1', 'L2', 'ioasid_allocator_lock', 'pasid_mutex'];
/** Names nothing declares: a name error, never a crash. */
const STRANGERS = ['nosuch', 'vm9', 'dev', 'main', 'rcu', 'wq'];

/** Numbers that sit on edges: 0, the PASID geometry, the 20-bit space, 2^32-1, hex forms. */
const EDGE_NUMBERS = ['0', '1', '2', '3', '5', '63', '64', '65', '1023', '1024', '16383', '16384', '65535', '1048575', '1048576',
  '1048577', '0xFFFFFFFF', '0xfffffffe', '0x10', '0x0', '4294967295', '007'];
/** Numbers the lexer must refuse with a located message. */
const BAD_NUMBERS = ['4294967296', '99999999999', '-1', '-0', '1.5', '0x', '0xZZ', '1e3'];

interface Vocabulary {
  number: fc.Arbitrary<string>;
  pick: (xs: string[]) => fc.Arbitrary<string>;
}

function vocabulary(hostile: boolean): Vocabulary {
  const edge = fc.constantFrom(...EDGE_NUMBERS, ...(hostile ? BAD_NUMBERS : []));
  return {
    number: fc.oneof({ weight: 3, arbitrary: edge }, { weight: 2, arbitrary: fc.nat({ max: 70 }).map(String) }),
    pick: (xs) => (hostile ? fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...xs) }, { weight: 1, arbitrary: fc.constantFrom(...STRANGERS) }) : fc.constantFrom(...xs)),
  };
}

const smallCount = fc.oneof(fc.nat({ max: 6 }).map(String), fc.constantFrom('0', '100000000', '4294967295', '1000', '0x100'));
const bindTo = fc.option(fc.constantFrom(...IDS).map((n) => ` -> ${n}`), { nil: '', freq: 2 });
const opt = (key: string, value: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.option(value.map((v) => ` ${key}=${v}`), { nil: '' });

/** Wrong shapes: missing arguments, wrong kinds, stray keys, unknown verbs. */
const WRONG_SHAPES = ['alloc', 'free', 'bind d0', 'set vm1', 'set vm1 quota=', 'alloc vm1 color=red', 'free vm1', 'alloc 5', 'device 7',
  'adjust', 'notify g1', 'allc vm1', '-> g1', 'alloc vm1 ->', 'capacity -5', 'capacity "big"', 'dma d0 d0', '=', 'atomic',
  'device d0 ats=maybe', 'bind d0 g1 mode=xx', 'notifier n1 kind=bogus', 'notify g1 BOGUS', 'set vm1 quota=1 type=xx'];

/** One simple statement line (no block). */
function simpleStatement(hostile: boolean): fc.Arbitrary<string> {
  const { number, pick } = vocabulary(hostile);
  const set = pick(SETS);
  const dev = pick(DEVICES);
  const mm = pick(MMS);
  const idArg = fc.oneof({ weight: 3, arbitrary: pick(IDS) }, { weight: 2, arbitrary: number });
  const event = fc.constantFrom('ALLOC', 'FREE', 'BIND', 'UNBIND');
  const options: fc.Arbitrary<string>[] = [
    number.map((n) => `capacity ${n}`),
    fc.tuple(fc.constantFrom(...SETS.slice(0, 2)), number, opt('type', fc.constantFrom('mm', 'null')), opt('token', fc.constantFrom('a', '7', '"tok"', 'vm1'))).map(([s, q, t, k]) => `set ${s} quota=${q}${t}${k}`),
    number.map((q) => `system_set quota=${q}`),
    fc.tuple(set, number).map(([s, q]) => `adjust ${s} quota=${q}`),
    fc.tuple(set, fc.boolean()).map(([s, d]) => `free_set ${s}${d ? ' destroy' : ''}`),
    idArg.map((i) => `find_sid ${i}`),
    fc.tuple(set, opt('min', number), opt('max', number), bindTo).map(([s, a, b, n]) => `alloc ${s}${a}${b}${n}`),
    fc.tuple(set, opt('min', number), opt('max', number), bindTo).map(([s, a, b, n]) => `alloc ${s}${a}${b}${n}`),
    fc.tuple(fc.constantFrom('free', 'get', 'put', 'detach_spid'), idArg).map(([v, i]) => `${v} ${i}`),
    fc.tuple(fc.constantFrom('free', 'get', 'put'), idArg).map(([v, i]) => `${v} ${i}`),
    fc.tuple(idArg, opt('set', set)).map(([i, s]) => `find ${i}${s}`),
    fc.tuple(idArg, number).map(([i, n]) => `attach_spid ${i} ${n}`),
    fc.tuple(set, number, bindTo).map(([s, n, b]) => `find_spid ${s} ${n}${b}`),
    fc.tuple(fc.constantFrom(...SUBS), fc.constantFrom('iommu', 'kvm', 'vdcm', 'log'), opt('set', set), opt('prio', fc.constantFrom('cpu', 'iommu', 'device', 'last', '7', '4294967295'))).map(([n, k, s, p]) => `notifier ${n} kind=${k}${s}${p}`),
    pick(SUBS).map((n) => `unnotifier ${n}`),
    fc.tuple(idArg, event).map(([i, e]) => `notify ${i} ${e}`),
    fc.tuple(fc.constantFrom(...DEVICES), opt('ats', fc.constantFrom('on', 'off')), opt('max_pasid', number)).map(([d, a, m]) => `device ${d}${a}${m}`),
    fc.tuple(dev, idArg, opt('gpasid', number), opt('mode', fc.constantFrom('nested', 'fl', 'sl', 'pt'))).map(([d, i, g, m]) => `bind ${d} ${i}${g}${m}`),
    fc.tuple(fc.constantFrom('unbind', 'dma'), dev, idArg).map(([v, d, i]) => `${v} ${d} ${i}`),
    fc.constantFrom(...MMS).map((m) => `mm ${m}`),
    fc.tuple(dev, mm, bindTo).map(([d, m, b]) => `sva_bind ${d} ${m}${b}`),
    fc.tuple(fc.constantFrom('mm_exit', 'mmu_notifier_put'), mm).map(([v, m]) => `${v} ${m}`),
    fc.tuple(fc.constantFrom('spin_lock', 'spin_unlock', 'mutex_lock', 'mutex_unlock'), fc.constantFrom(...LOCKS)).map(([v, l]) => `${v} ${l}`),
    fc.constantFrom('quiesce', 'rcu_barrier', 'flush_work', 'note "a caption \\" with a quote"'),
    fc.constantFrom(
      'expect ok', 'expect -EINVAL', 'expect INVALID_IOASID', 'expect 1', 'expect g1 == 1', 'expect used vm1 == 0', 'expect quota vm1 == 4',
      'expect avail == 7', 'expect allocated == 0', 'expect refs g1 == 1', 'expect state g1 == free_pending', 'expect entry d0 g1 present',
      'expect delivered n1 FREE g1', 'expect violation leak', 'expect no violations',
    ),
  ];
  if (hostile) options.push(fc.constantFrom(...WRONG_SHAPES));
  return fc.oneof(...options);
}

/** A statement or a block (atomic / call_rcu / work / repeat) nested at most `depth` levels. */
function statementLines(hostile: boolean, depth: number): fc.Arbitrary<string[]> {
  const simple = simpleStatement(hostile).map((s) => [s]);
  if (depth <= 0) return simple;
  const block = fc
    .tuple(fc.oneof(fc.constantFrom('atomic', 'call_rcu', 'work'), smallCount.map((n) => `repeat ${n}`)), fc.array(statementLines(hostile, depth - 1), { maxLength: 4 }))
    .map(([open, body]) => [`${open} {`, ...body.flat(), '}']);
  return fc.oneof({ weight: 5, arbitrary: simple }, { weight: 1, arbitrary: block });
}

function topItems(hostile: boolean): fc.Arbitrary<string[]> {
  const scheduled = hostile ? [...THREADS, 'main', 'rcu', 'wq', 'nosuch'] : ['main', 'rcu', 'wq'];
  const item = fc.oneof(
    { weight: 12, arbitrary: statementLines(hostile, 3) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...scheduled), { minLength: 1, maxLength: 8 }).map((ns) => [`schedule ${ns.join(' ')}`]) },
    { weight: 1, arbitrary: fc.constant(['join']) },
  );
  const thread = (name: string): fc.Arbitrary<string[]> => fc.array(statementLines(hostile, 2), { maxLength: 5 }).map((body) => [`thread ${name} {`, ...body.flat(), '}']);
  // Hostile programs may declare a thread twice; clean ones declare each at most once.
  const threads = hostile
    ? fc.array(fc.constantFrom(...THREADS).chain(thread), { maxLength: 3 })
    : fc.subarray(THREADS).chain((names) => (names.length ? fc.tuple(...names.map(thread)) : fc.constant([] as string[][])));
  return fc.tuple(fc.array(item, { maxLength: 10 }), threads, fc.array(item, { maxLength: 4 })).map(([a, t, b]) => [...a.flat(), ...t.flat(), ...b.flat()]);
}

/** Declarations that let later statements resolve (with random arguments, so their run may fail). */
function prelude(hostile: boolean): fc.Arbitrary<string[]> {
  const { number } = vocabulary(hostile);
  const all = fc.tuple(number, number, number, fc.constantFrom('on', 'off'), number).map(([q1, q2, q3, ats, mp]) => [
    `set vm1 quota=${q1}`, `set vm2 quota=${q2} type=null`, `system_set quota=${q3}`, `device d0 ats=${ats}`, `device d1 max_pasid=${mp}`,
    'mm m0', 'mm m1', 'notifier n1 kind=iommu', 'notifier n2 kind=kvm set=vm1', 'alloc vm1 -> g1', 'alloc vm1 -> g2', 'alloc vm2 -> g3',
  ]);
  // Hostile programs drop some declarations (name errors); clean ones keep them all.
  return hostile ? all.chain((lines) => fc.subarray(lines)) : all;
}

const header = (hostile: boolean): fc.Arbitrary<string> =>
  fc.constantFrom('', 'model v1', 'model v4', 'model cyclic', 'model v4 free=immediate cleanup=sync', 'title "fuzz"', ...(hostile ? ['model nope', 'model v4 lock=x'] : []));

function program(hostile: boolean): fc.Arbitrary<string> {
  return fc.tuple(header(hostile), prelude(hostile), topItems(hostile)).map(([h, p, items]) => [h, ...p, ...items].join('\n'));
}

/** A whole scenario text: mostly well-formed (so the engine runs it), one in four hostile. */
export const scenarioProgram: fc.Arbitrary<string> = fc.oneof({ weight: 3, arbitrary: program(false) }, { weight: 1, arbitrary: program(true) });

/** A model: a preset, axis overrides (some wrong), or none. */
export const modelOverride = fc.record({
  preset: fc.option(fc.constantFrom('v1', 'v4', 'cyclic') as fc.Arbitrary<'v1' | 'v4' | 'cyclic'>, { nil: undefined }),
  axes: fc.array(
    fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom(...MODEL_AXES).chain((axis) => fc.tuple(fc.constant(axis as string), fc.constantFrom(...AXIS_VALUES[axis]))) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom('colour', '__proto__', 'constructor', ''), fc.constantFrom('x', 'toString')) },
    ),
    { maxLength: 3 },
  ),
});
