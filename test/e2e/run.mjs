// Browser end-to-end runner: builds the app, serves dist with `vite preview` on a free port,
// runs every test/e2e/*.e2e.mjs test in a fresh Chromium context, prints one line per test and
// `N passed, N failed`, exits 1 on any failure, and always stops the server.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, 'test-results');
const SERVER_START_TIMEOUT_MS = 60_000;
const TEST_TIMEOUT_MS = 90_000;
const MAX_ATTEMPTS = 2;
const only = process.argv[2] ? new RegExp(process.argv[2]) : null;

mkdirSync(OUT, { recursive: true });

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

async function waitForServer(url, log) {
  const start = Date.now();
  while (Date.now() - start < SERVER_START_TIMEOUT_MS) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`vite preview did not start:\n${log()}`);
}

function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([promise.finally(() => clearTimeout(t)), new Promise((_, rej) => (t = setTimeout(() => rej(new Error(`${what} timed out after ${ms} ms`)), ms)))]);
}

if (!process.env.E2E_SKIP_BUILD) {
  console.log('building…');
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}/`;
const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
  cwd: ROOT,
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
});
let serverLog = '';
server.stdout.on('data', (d) => (serverLog += d));
server.stderr.on('data', (d) => (serverLog += d));
const stopServer = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
process.on('exit', stopServer);
process.on('SIGINT', () => process.exit(130));

let passed = 0;
let failed = 0;
let browser;
try {
  await waitForServer(baseUrl, () => serverLog);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const files = readdirSync(join(ROOT, 'test/e2e'))
    .filter((f) => f.endsWith('.e2e.mjs'))
    .sort();
  for (const file of files) {
    const mod = await import(pathToFileURL(join(ROOT, 'test/e2e', file)).href);
    const tests = mod.default ?? mod.tests ?? [];
    for (const t of tests) {
      const name = `${file.replace(/\.e2e\.mjs$/, '')} › ${t.name}`;
      if (only && !only.test(name)) continue;
      // A test that fails is run once more in a fresh context: a 2-core machine under load
      // can miss a timing window. Both outcomes are printed, so a flake stays visible.
      let lastError;
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const context = await browser.newContext({ viewport: t.viewport ?? { width: 1366, height: 768 }, acceptDownloads: true });
        const page = await context.newPage();
        // shot(name) photographs the test's page, or another page of the test when given one.
        const shot = async (shotName, target = page) => {
          await target.screenshot({ path: join(OUT, `${shotName}.png`) });
        };
        const started = Date.now();
        try {
          await withTimeout(t.run({ page, context, baseUrl, shot, browser }), t.timeout ?? TEST_TIMEOUT_MS, name);
          lastError = undefined;
          console.log(`  ✓ ${name} (${Date.now() - started} ms)${attempt > 1 ? ` — passed on attempt ${attempt} after a failure` : ''}`);
          break;
        } catch (e) {
          lastError = e;
          console.log(`  ${attempt < MAX_ATTEMPTS ? '!' : '✗'} ${name} (${Date.now() - started} ms, attempt ${attempt})\n      ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n      ')}`);
          await page.screenshot({ path: join(OUT, `FAILED-${t.name.replace(/[^A-Za-z0-9]+/g, '-')}.png`) }).catch(() => {});
        } finally {
          await context.close().catch(() => {});
        }
      }
      if (lastError) failed++;
      else passed++;
    }
  }
} catch (e) {
  failed++;
  console.log(`  ✗ runner: ${e?.stack ?? e}`);
} finally {
  await browser?.close().catch(() => {});
  stopServer();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
