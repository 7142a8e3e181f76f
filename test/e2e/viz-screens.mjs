// Screenshots of the visualization demo (viz-demo.html) for eyeballing: starts its own Vite dev
// server on :5180, drives headless Chromium, writes PNGs to test-results/viz/.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const PORT = 5180;
const BASE = `http://127.0.0.1:${PORT}/viz-demo.html`;
const OUT = 'test-results/viz';
const SERVER_START_TIMEOUT_MS = 60_000;

mkdirSync(OUT, { recursive: true });

const server = spawn('npx', ['vite', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
let serverLog = '';
server.stdout.on('data', (d) => (serverLog += d));
server.stderr.on('data', (d) => (serverLog += d));

async function waitForServer() {
  const start = Date.now();
  while (Date.now() - start < SERVER_START_TIMEOUT_MS) {
    try {
      const res = await fetch(BASE);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`vite did not start:\n${serverLog}`);
}

let browser;
const errors = [];
try {
  await waitForServer();
  // launch() always starts from a fresh temporary profile (it rejects --user-data-dir).
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });

  async function open(query, viewport = { width: 1366, height: 768 }) {
    const page = await browser.newPage({ viewport });
    page.on('pageerror', (e) => errors.push(`${query}: ${e.message}`));
    // Resource failures are reported by URL below, so the browser's own favicon probe is not one.
    page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(`${query}: ${m.text()}`));
    page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && errors.push(`${query}: HTTP ${r.status()} ${r.url()}`));
    await page.goto(`${BASE}${query}`);
    await page.waitForSelector('.viz-heatmap__canvas');
    await page.waitForTimeout(1200);
    return page;
  }

  const shot = async (page, name, selector) => {
    const path = join(OUT, `${name}.png`);
    if (selector) await page.locator(selector).screenshot({ path });
    else await page.screenshot({ path, fullPage: true });
    console.log(`wrote ${path}`);
  };

  // Dark theme: the whole page, then each view.
  let page = await open('');
  await shot(page, 'dark-full');
  await shot(page, 'dark-heatmap', '[data-testid=heatmap]');
  await shot(page, 'dark-quota', '[data-testid=quota]');
  await shot(page, 'dark-quota-many', '[data-testid=quota-many]');
  await shot(page, 'dark-timeline', '[data-testid=timeline]');

  // Hover tooltip on the heatmap.
  // Element screenshots scroll the page: go back to the top before using page coordinates.
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await page.locator('.viz-heatmap__canvas').boundingBox();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
  await page.mouse.move(box.x + box.width * 0.32, box.y + box.height * 0.32, { steps: 4 });
  await page.waitForTimeout(200);
  await shot(page, 'dark-heatmap-tooltip', '[data-testid=heatmap]');

  // Zoom in around the selected stale knot until labels appear.
  await page.locator('.viz-heatmap__canvas').focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  const sel = await page.evaluate(() => document.querySelector('.viz-heatmap .viz-visually-hidden')?.textContent ?? '');
  console.log(`heatmap text alternative: ${sel}`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Equal');
    await page.waitForTimeout(80);
  }
  // Keyboard zoom centres on the viewport; pan the selection into view again.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(300);
  await shot(page, 'dark-heatmap-zoomed', '[data-testid=heatmap]');
  await page.keyboard.press('Equal');
  await page.keyboard.press('ArrowLeft');
  await page.waitForTimeout(300);
  await shot(page, 'dark-heatmap-zoomed-more', '[data-testid=heatmap]');

  // Zoom with the wheel into a busy band to see pending hatching and bound markers.
  await page.locator('.viz-heatmap__canvas').focus();
  await page.keyboard.press('Digit0');
  await page.waitForTimeout(200);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(box.x + box.width * 0.42, box.y + box.height * 0.16, { steps: 3 });
  for (let i = 0; i < 10; i++) {
    await page.mouse.wheel(0, -400);
    await page.waitForTimeout(60);
  }
  await page.waitForTimeout(300);
  await shot(page, 'dark-heatmap-zoomed-active', '[data-testid=heatmap]');

  // Step: pulses changed IDs (shown from the fitted view).
  await page.getByRole('button', { name: /^Step/ }).click();
  await page.locator('.viz-heatmap__canvas').focus();
  await page.keyboard.press('Digit0');
  await page.waitForTimeout(300);
  await shot(page, 'dark-heatmap-step', '[data-testid=heatmap]');

  // Flash -ENOSPC on vm2 and on a set that does not exist yet.
  await page.getByRole('button', { name: 'Flash vm2 -ENOSPC' }).click();
  await page.waitForTimeout(150);
  await shot(page, 'dark-quota-flash', '[data-testid=quota]');
  await page.getByRole('button', { name: 'Flash new set -ENOSPC' }).click();
  await page.waitForTimeout(150);
  await shot(page, 'dark-quota-flash-capacity', '[data-testid=quota]');

  // Timeline: walk deliveries on a lane from the keyboard, then show the table.
  const tl = page.locator('.viz-timeline__canvas');
  await tl.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Period');
  await page.waitForTimeout(200);
  await shot(page, 'dark-timeline-selected', '[data-testid=timeline]');
  await tl.scrollIntoViewIfNeeded();
  const tbox = await tl.boundingBox();
  await page.mouse.move(tbox.x + tbox.width * 0.5, tbox.y + tbox.height * 0.5);
  for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -300);
  await page.waitForTimeout(300);
  await shot(page, 'dark-timeline-zoomed', '[data-testid=timeline]');
  await page.locator('[data-testid=timeline]').getByRole('button', { name: 'Table' }).click();
  await page.waitForTimeout(150);
  await shot(page, 'dark-timeline-table', '[data-testid=timeline]');
  await page.close();

  // Light theme and projector mode.
  page = await open('?theme=light');
  await shot(page, 'light-full');
  await page.close();
  page = await open('?projector');
  await shot(page, 'projector-full');
  await page.close();
  page = await open('?projector&theme=light', { width: 1920, height: 1080 });
  await shot(page, 'projector-light-1080');
  await page.close();
} finally {
  await browser?.close();
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}
if (errors.length) {
  console.error(`page errors:\n${errors.join('\n')}`);
  process.exitCode = 1;
}
