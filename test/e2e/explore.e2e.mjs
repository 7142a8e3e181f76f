// End-to-end tests of Find races (SPEC §7) in the built app: the explorer runs on Web Workers,
// finds the reuse race with its shortest schedule, Replay puts the line into the editor and the
// player shows the violation; a long search shows progress and cancels; races per preset.
import assert from 'node:assert/strict';

const REUSE_RACE = 'The ID-reuse race: first-fit allocation with deferred cleanup';

async function openApp(page, url) {
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(url);
  await waitReady(page);
  return errors;
}

/** The app's document is taller than the viewport, so focus moves can scroll the header away; shots show the top. */
const shotTop = async (page, shot, name) => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(name);
};

async function waitReady(page) {
  await page.waitForFunction(() => {
    const s = document.querySelector('.editor-pane .status');
    return s && /\d+ steps/.test(s.textContent ?? '') && document.querySelector('#jump-input');
  }, null, { timeout: 30_000 });
}

/** Four threads of six steps each: far more interleavings than a 200,000-state budget. */
const MANY_THREADS = [
  'title "Many threads"',
  'model v4',
  'set s quota=64',
  ...['a', 'b', 'c', 'd'].flatMap((t) => [`thread ${t} {`, `  alloc s -> ${t}1`, `  alloc s -> ${t}2`, `  free ${t}1`, `  alloc s -> ${t}3`, `  free ${t}2`, `  free ${t}3`, '}']),
  'join',
  '',
].join('\n');

/** The explorer bench's heavy scenario: 4,438 states, and schedules that leak an ID. */
const LEAKY = [
  'title "Leaky: 3 threads x 4 statements, 2 deferred items"',
  'model v4',
  'set vm1 quota=64',
  'set vm2 quota=64',
  'notifier vtd kind=iommu',
  'notifier kvm kind=kvm',
  'device dev0',
  'device dev1',
  'alloc vm1 -> a',
  'alloc vm2 -> b',
  'work {', '  dma dev0 a', '}',
  'call_rcu {', '  put b', '}',
  'thread t1 {', '  alloc vm1 -> x', '  bind dev0 x gpasid=1', '  unbind dev0 x', '  free x', '}',
  'thread t2 {', '  alloc vm2 -> y', '  bind dev1 y gpasid=2', '  dma dev1 y', '  free y', '}',
  'thread t3 {', '  get b', '  bind dev0 a gpasid=3', '  dma dev0 a', '  alloc vm1 -> z', '}',
  'join',
  '',
].join('\n');

export default [
  {
    name: 'finds the reuse race, shows its shortest schedule and replays it in the player',
    async run({ page, baseUrl, shot }) {
      const errors = await openApp(page, baseUrl);
      // The server's COOP/COEP headers isolate the page: the workers share one visited set.
      assert.equal(await page.evaluate(() => globalThis.crossOriginIsolated), true, 'the page is cross-origin isolated');
      await page.selectOption('select[aria-label="Built-in scenario"]', { label: REUSE_RACE });
      await waitReady(page);
      const findButton = page.locator('.header [data-command="explore.find"]');
      assert.match(await findButton.getAttribute('title'), /Find races .*\(R\)/);
      await findButton.click();
      const dialog = page.getByRole('dialog', { name: 'Find races' });
      await dialog.getByTestId('explore-status').waitFor({ timeout: 60_000 });
      assert.match(await dialog.getByTestId('explore-status').innerText(), /^Complete/);
      assert.equal(await dialog.getByTestId('explore-model').innerText(), 'cyclic alloc=lowest');
      const item = dialog.locator('.explore-item[data-kind="reuse-before-cleanup"]');
      const line = (await item.getByTestId('schedule-line').innerText()).trim();
      assert.match(line, /^schedule( \S+)+$/);
      await page.waitForTimeout(200);
      await shotTop(page, shot, 'explore-2-finished');

      await item.getByRole('button', { name: 'Replay reuse-before-cleanup' }).click();
      await dialog.waitFor({ state: 'detached' });
      const text = await page.locator('#scenario-editor').inputValue();
      const scheduleLines = text.split('\n').filter((l) => /^\s*schedule\b/.test(l));
      assert.deepEqual(scheduleLines, [line], 'the replay line replaces the scenario schedule');
      await page.waitForFunction((l) => document.querySelector('.editor-pane .status')?.textContent?.match(/\d+ steps/) && document.querySelector('#scenario-editor')?.value.includes(l), line);
      await waitReady(page);
      // The player stands on the violation: the caption shows it.
      await page.locator('.caption .alert--violation').first().waitFor({ timeout: 10_000 });
      assert.match(await page.locator('.caption .alert--violation').first().innerText(), /reuse-before-cleanup/);
      await page.getByRole('tab', { name: /Violations/ }).click();
      assert.match(await page.locator('#insp-panel').innerText(), /reuse-before-cleanup/);
      assert.match(await page.getByTestId('replay-notice').innerText(), /reuse-before-cleanup/);
      await shotTop(page, shot, 'explore-3-replayed');

      await page.getByRole('button', { name: 'Undo replay' }).click();
      await page.waitForFunction((l) => !document.querySelector('#scenario-editor')?.value.split('\n').includes(l), line);
      assert.match(await page.locator('#scenario-editor').inputValue(), /^schedule vm1 vm1 vm1 vm1 vm2 vm2 wq$/m);
      assert.deepEqual(errors, []);
    },
  },
  {
    name: 'a long search shows progress on every worker and cancels (dark theme)',
    async run({ page, baseUrl, shot }) {
      const errors = await openApp(page, baseUrl);
      await page.locator('#scenario-editor').fill(MANY_THREADS);
      await page.locator('.centre').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('d');
      await page.keyboard.press('r');
      const dialog = page.getByRole('dialog', { name: 'Find races' });
      const bar = dialog.getByRole('progressbar');
      await page.waitForFunction(() => Number(document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow')) > 2000, null, { timeout: 30_000 });
      assert.match(await dialog.getByTestId('explore-progress').innerText(), /Exploring schedules… [\d,]+ schedules · [\d,]+ of 200,000 states · [\d,]+ states\/s · \d+ workers?/);
      // Keys stay with the dialog: Space must not start the player behind it.
      const position = await page.locator('#jump-input').inputValue();
      await page.keyboard.press('Space');
      await page.waitForTimeout(1200);
      assert.equal(await page.locator('#jump-input').inputValue(), position);
      const before = Number(await bar.getAttribute('aria-valuenow'));
      await page.waitForFunction((b) => Number(document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow')) > b, before, { timeout: 10_000 });
      await shotTop(page, shot, 'explore-1-running-dark');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      assert.match(await dialog.getByTestId('explore-status').innerText(), /^Cancelled/);
      await shotTop(page, shot, 'explore-4-cancelled-dark');
      assert.deepEqual(errors, []);
    },
  },
  {
    name: 'a search the state budget stops says so, and calls its schedules the shortest found',
    async run({ page, baseUrl, shot }) {
      const errors = await openApp(page, baseUrl);
      await page.locator('#scenario-editor').fill(LEAKY);
      await page.locator('.centre').click({ position: { x: 5, y: 5 } });
      await waitReady(page);
      await page.keyboard.press('r');
      const dialog = page.getByRole('dialog', { name: 'Find races' });
      await dialog.getByTestId('explore-status').waitFor({ timeout: 60_000 });
      assert.match(await dialog.getByTestId('explore-status').innerText(), /^Complete/);
      await dialog.getByLabel('State budget').fill('1000');
      await dialog.getByLabel('State budget').press('Enter');
      await dialog.getByRole('button', { name: 'Search again' }).click();
      await page.waitForFunction(() => /^Incomplete/.test(document.querySelector('[data-testid=explore-status]')?.textContent ?? ''), null, { timeout: 60_000 });
      assert.match(await dialog.getByTestId('explore-status').innerText(), /^Incomplete: the budget of 1,000 states stopped the search\. Each schedule below is the shortest found; a shorter one may exist\.$/);
      assert.match(await dialog.locator('.explore-item[data-kind="leak"]').getByTestId('schedule-line').innerText(), /^schedule( \S+)+$/);
      await shotTop(page, shot, 'explore-6-incomplete');
      assert.deepEqual(errors, []);
    },
  },
  {
    name: 'Compare models offers the races under every preset',
    async run({ page, baseUrl, shot }) {
      const errors = await openApp(page, baseUrl);
      await page.selectOption('select[aria-label="Built-in scenario"]', { label: REUSE_RACE });
      await waitReady(page);
      await page.locator('.header [data-command="model.compare"]').click();
      await page.getByRole('button', { name: 'Find races under every preset' }).click();
      const dialog = page.getByRole('dialog', { name: 'Find races' });
      await page.waitForFunction(() => document.querySelectorAll('.explore-table tbody tr').length === 3 && ![...document.querySelectorAll('.explore-table tbody tr td:last-child')].some((td) => /waiting|Exploring|Splitting|Trimming|Starting/.test(td.textContent ?? '')), null, { timeout: 60_000 });
      const rows = await dialog.locator('.explore-table tbody tr').allInnerTexts();
      assert.deepEqual(rows.map((r) => r.split(/\s/)[0]), ['v1', 'cyclic', 'v4']);
      for (const r of rows) assert.match(r, /complete/);
      await shotTop(page, shot, 'explore-5-presets');
      assert.deepEqual(errors, []);
    },
  },
];
