// Protocol decoder fuzz: random values and mutated valid requests through requestProblem /
// isRequest and LabHandler.handle. Nothing throws, every message gets exactly one terminal
// response (progress may come first), and a malformed one an error that names the field.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/engine/model';
import { LabHandler } from '../../src/worker/handler';
import { isRequest, requestProblem, type WorkerMessage } from '../../src/worker/protocol';
import { FUZZ_SEED, FUZZ_TIMEOUT_MS, fuzzRuns } from './runs';

const SOURCE = ['set vm1 quota=4', 'device d0', 'notifier n1 kind=log', 'alloc vm1 -> g1', 'bind d0 g1', 'unbind d0 g1', 'free g1', 'repeat 3 {', 'alloc vm1', '}'].join('\n');

/** One valid request of every type; mutations start from these. */
const VALID: Record<string, unknown>[] = [
  { type: 'load', id: 1, source: SOURCE, model: PRESETS.v4, maxSteps: 500 },
  { type: 'seek', id: 2, position: 3, watches: ['avail', 'used vm1'] },
  { type: 'steps', id: 3, from: 0, to: 5 },
  { type: 'describe-id', id: 4, position: 2, pasid: 1 },
  { type: 'find-breakpoint', id: 5, position: 0, direction: 1, breakpoints: [{ kind: 'event', event: 'FREE' }, { kind: 'line', line: 5 }, { kind: 'violation' }] },
  { type: 'console', id: 6, text: 'alloc vm1' },
  { type: 'matrix', id: 7, source: SOURCE },
  { type: 'export', id: 8, format: 'trace-json' },
  { type: 'watch', id: 9, expressions: ['avail', 'used vm1', 'refs g1'], samples: 10 },
];

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, null, NaN, Infinity, -Infinity, -1, 0, 1e300, -0, 2 ** 53, '', '3', 'x'.repeat(70_000), [], {}, [null], [{}], true, { kind: 'id' }),
  fc.anything({ maxDepth: 2 }),
);

type Mutation = { op: 'set'; field: string; value: unknown } | { op: 'delete'; field: string } | { op: 'swapType'; type: string };
const FIELDS = ['type', 'id', 'source', 'model', 'maxSteps', 'position', 'watches', 'from', 'to', 'pasid', 'direction', 'breakpoints', 'text', 'format', 'expressions', 'samples'];
const TYPES = ['load', 'seek', 'steps', 'describe-id', 'find-breakpoint', 'console', 'matrix', 'export', 'watch', 'progress', 'constructor', '__proto__'];
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), field: fc.constantFrom(...FIELDS), value: hostileValue }),
  fc.record({ op: fc.constant('delete' as const), field: fc.constantFrom(...FIELDS) }),
  fc.record({ op: fc.constant('swapType' as const), type: fc.constantFrom(...TYPES) }),
);

function mutate(base: Record<string, unknown>, ms: Mutation[]): Record<string, unknown> {
  const r: Record<string, unknown> = structuredClone(base);
  for (const m of ms) {
    if (m.op === 'set') r[m.field] = m.value;
    else if (m.op === 'delete') delete r[m.field];
    else r.type = m.type;
  }
  return r;
}

/** Sends one message and checks the replies: progress*, then exactly one terminal message. */
async function exchange(handler: LabHandler, out: WorkerMessage[], message: unknown): Promise<WorkerMessage> {
  const before = out.length;
  await handler.handle(message);
  const replies = out.slice(before);
  const terminal = replies.filter((r) => r.type !== 'progress');
  // The message is built only on failure: a frame carries a capacity-sized typed array.
  if (terminal.length !== 1) expect.fail(`${terminal.length} terminal replies to ${JSON.stringify(message)?.slice(0, 200)}: ${replies.map((r) => r.type).join(', ')}`);
  expect(replies[replies.length - 1]).toBe(terminal[0]);
  return terminal[0];
}

describe('protocol fuzz', () => {
  it('requestProblem never throws and agrees with isRequest on any value', () => {
    fc.assert(
      fc.property(fc.oneof(hostileValue, fc.constantFrom(...VALID).chain((v) => fc.array(mutation, { maxLength: 3 }).map((ms) => mutate(v, ms)))), (m) => {
        const problem = requestProblem(m);
        expect(isRequest(m)).toBe(problem === undefined);
        if (problem !== undefined) expect(problem.length).toBeGreaterThan(5);
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(2000, 2) },
    );
    for (const v of VALID) expect(requestProblem(v)).toBeUndefined();
  }, FUZZ_TIMEOUT_MS);

  it('the handler answers every message exactly once; wrong types get a specific error', async () => {
    let messages = 0;
    const errors = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...VALID), fc.array(mutation, { maxLength: 2 }), fc.boolean()), { minLength: 1, maxLength: 8 }), async (script) => {
        const out: WorkerMessage[] = [];
        const handler = new LabHandler((m) => out.push(m));
        // Most sessions start with a valid load so later requests reach a live session.
        await exchange(handler, out, VALID[0]);
        for (const [base, ms, keep] of script) {
          const message = keep ? base : mutate(base, ms);
          messages++;
          const reply = await exchange(handler, out, message);
          const problem = requestProblem(message);
          if (problem !== undefined) {
            expect(reply).toMatchObject({ type: 'error', error: `malformed request: ${problem}` });
            errors.add(problem.replace(/\[\d+\]/g, '[i]'));
          } else if (reply.type === 'error') {
            // A well-formed request may still fail, but never with a raw JS exception.
            expect(reply.error).not.toMatch(/TypeError|RangeError|ReferenceError|undefined|NaN/);
          }
          if (typeof (message as { id?: unknown }).id === 'number' && Number.isFinite((message as { id: number }).id)) {
            expect(reply.id).toBe((message as { id: number }).id);
          }
        }
      }),
      { seed: FUZZ_SEED + 2, numRuns: fuzzRuns(150, 0.1) },
    );
    console.log(`protocol fuzz: ${messages} messages, ${errors.size} distinct error messages`);
    expect(errors.size).toBeGreaterThan(10);
  }, FUZZ_TIMEOUT_MS);
});
