// The bundled runner end to end (`npm run scenario` runs exactly this): what a file that is
// not UTF-8 gets, the exit status when expectations are never reached, and a large trace
// arriving whole through a pipe before the process exits.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'ioasid-cli-'));

function cli(name: string, content: string | Buffer, ...flags: string[]) {
  const file = join(dir, name);
  writeFileSync(file, content);
  const r = spawnSync(process.execPath, [join(root, 'build/cli/main.mjs'), file, ...flags], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the scenario runner', () => {
  beforeAll(() => {
    const b = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs')], { encoding: 'utf8' });
    expect(b.status, b.stderr).toBe(0);
  }, 60_000);

  it('names a file that is not UTF-8 text as such (exit 2), as the lab does an import', () => {
    const latin1 = Buffer.from('title "caf\xe9"\nset vm1 quota=4\n', 'latin1');
    const r = cli('latin1.ioasid', latin1);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/latin1\.ioasid is not UTF-8 text\./);
    expect(r.out).toBe('');
  });

  it('exits 1 when a deadlock keeps the run from its expectations', () => {
    const r = cli('deadlock.ioasid', 'set vm1 quota=8\nthread a {\n  mutex_lock A\n  mutex_lock B\n}\nthread b {\n  mutex_lock B\n  mutex_lock A\n}\njoin\nexpect no violations\n');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/expectations: 0 passed, 1 failed\n {2}line 11: expect no violations — actual: not reached: the run ended in a deadlock before this line/);
  });

  it('ends quietly with the run\'s status when the reader stops early (| head)', async () => {
    const file = join(dir, 'head.ioasid');
    writeFileSync(file, 'set vm1 quota=8\nrepeat 50000 {\n  alloc vm1 -> a\n  free a\n}\nexpect allocated == 1\n');
    const child = spawn(process.execPath, [join(root, 'build/cli/main.mjs'), file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    // Read the first chunk, then close the pipe as head does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    // The expectation fails (allocated is 0): status 1, and no "internal error".
    expect(code).toBe(1);
    expect(err).not.toMatch(/internal error|EPIPE/);
  }, 60_000);

  it('writes a 100,000-step trace whole through a pipe', () => {
    const r = cli('long.ioasid', 'set vm1 quota=8\nrepeat 50000 {\n  alloc vm1 -> a\n  free a\n}\nexpect allocated == 0\n', '--json');
    expect(r.code).toBe(0);
    const trace = JSON.parse(r.out) as { steps: unknown[]; expectations: { passed: number } };
    expect(trace.steps.length).toBeGreaterThan(100_000);
    expect(trace.expectations.passed).toBe(1);
  }, 60_000);
});
