// The CLI reads at most one byte past the size limit: a huge file or a device is refused
// without being read whole.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAtMost } from '../../../src/cli/readAtMost';

describe('readAtMost', () => {
  const dir = mkdtempSync(join(tmpdir(), 'read-at-most-'));

  it('reads a small file whole, and knows its size', () => {
    const f = join(dir, 'small');
    writeFileSync(f, 'set vm1 quota=1\n');
    const r = readAtMost(f, 100);
    expect(new TextDecoder().decode(r.bytes)).toBe('set vm1 quota=1\n');
    expect(r.size).toBe(16);
  });

  it('stops one byte past the limit, and still reports the whole size', () => {
    const f = join(dir, 'big');
    writeFileSync(f, 'x'.repeat(1000));
    const r = readAtMost(f, 100);
    expect(r.bytes.length).toBe(101);
    expect(r.size).toBe(1000);
  });

  it('reads a device that never ends up to the limit, with no size', () => {
    const r = readAtMost('/dev/zero', 100);
    expect(r.bytes.length).toBe(101);
    expect(r.size).toBeUndefined();
  });

  it('reads a file that says size 0 (procfs) up to the limit, not one byte', () => {
    const r = readAtMost('/proc/self/status', 100_000);
    expect(new TextDecoder().decode(r.bytes)).toMatch(/^Name:/);
    expect(r.bytes.length).toBeGreaterThan(100);
  });
});
