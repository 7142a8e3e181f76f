// The CLI writes its trace JSON and step log in parts (a 5,000,000-step run's output is
// longer than V8's longest string) and waits for a full pipe: what arrives must be exactly
// what one string would have been.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadScenario, runScenario } from '../../../src/engine/lab';
import { PRESETS } from '../../../src/engine/model';
import { flushed, jsonParts, writeChunked } from '../../../src/cli/output';
import { stepLogLines } from '../../../src/cli/stepLog';

const source = readFileSync(join(import.meta.dirname, '../../../scenarios/vm-lifecycle.ioasid'), 'utf8');

/** A stream that takes one write per tick and asks the writer to wait beyond 64 characters. */
function slowSink(): { stream: Writable; writes: string[]; drains: () => number } {
  const writes: string[] = [];
  let drains = 0;
  const stream = new Writable({
    highWaterMark: 64,
    decodeStrings: false,
    write(chunk: string, _enc, done) {
      writes.push(chunk);
      setImmediate(done);
    },
  });
  stream.on('drain', () => drains++);
  return { stream, writes, drains: () => drains };
}

describe('chunked CLI output', () => {
  it('writes a real trace as JSON.stringify does, in chunks, waiting when the stream is full', async () => {
    const l = loadScenario(source);
    if (!l.ok) throw new Error('does not parse');
    const trace = runScenario(l.program, PRESETS.v4).trace();
    const sink = slowSink();
    await writeChunked(jsonParts(trace), sink.stream, 512);
    await flushed(sink.stream);
    expect(sink.writes.join('')).toBe(JSON.stringify(trace));
    expect(sink.writes.filter((w) => w !== '').length).toBeGreaterThan(3);
    for (const w of sink.writes.slice(0, -2)) expect(w.length).toBeGreaterThanOrEqual(512);
    expect(sink.drains()).toBeGreaterThan(2);
  });

  it('follows JSON.stringify on the awkward values too', () => {
    const value = { a: undefined, b: [1, undefined, () => 1, 'x"y', null], c: { d: [], e: {}, f: undefined }, g: Symbol('s'), h: -0, i: new Date(0), j: 'ü\n' };
    expect([...jsonParts(value)].join('')).toBe(JSON.stringify(value));
  });

  it('writes the step log one line at a time: a line per step at least, then the summary', () => {
    const l = loadScenario(source);
    if (!l.ok) throw new Error('does not parse');
    const trace = runScenario(l.program, PRESETS.v1).trace();
    const lines = [...stepLogLines(trace)];
    expect(lines.length).toBeGreaterThan(trace.steps.length);
    // Each item is one line, except the summary at the end, which is a block of its own.
    expect(lines.slice(0, -1).every((x) => !x.includes('\n'))).toBe(true);
    expect(lines.at(-1)).toMatch(/^steps: \d+, deliveries: \d+\nviolations: /);
  });
});
