// End-to-end tests of the lab page, each asserting what the user sees. Run by test/e2e/run.mjs
// against the built app (so the Content-Security-Policy is in force).
import assert from 'node:assert/strict';
import lz from 'lz-string';
import { openApp, waitReady } from './page.mjs';

const { compressToEncodedURIComponent } = lz;

const editorText = (page) => page.locator('#scenario-editor').inputValue();
const jumpValue = (page) => page.locator('#jump-input').inputValue();
const currentStep = (page) => page.locator('[data-testid=current-step]').innerText();

async function waitPosition(page, p) {
  await page.waitForFunction((p) => document.querySelector('#jump-input')?.value === String(p), p, { timeout: 10_000 });
}

/** Presses → until the caption shows a violation raised by the current step. */
async function stepToViolation(page) {
  await page.locator('.centre').click({ position: { x: 5, y: 5 } });
  for (let i = 0; i < 60; i++) {
    if (await page.locator('.caption .alert--violation').count()) return Number(await jumpValue(page));
    const before = await jumpValue(page);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((b) => document.querySelector('#jump-input')?.value !== b, before, { timeout: 10_000 });
  }
  throw new Error('no violation within 60 steps');
}

function lineOf(text, needle) {
  const i = text.split('\n').findIndex((l) => l.trim().startsWith(needle));
  assert.ok(i >= 0, `no line starting with ${needle}`);
  return i + 1;
}

function assertNoErrors(errors) {
  assert.deepEqual(errors, [], `console errors:\n${errors.join('\n')}`);
}

export default [
  {
    name: 'the Export and Axes menus close on a press outside them and on Escape',
    async run({ page, baseUrl }) {
      const errors = await openApp(page, baseUrl);
      const isOpen = (label) => page.evaluate((l) => [...document.querySelectorAll('details.menu')].find((d) => d.querySelector('summary')?.textContent?.includes(l))?.open, label);
      await page.getByText('Export ▾').click();
      assert.equal(await isOpen('Export'), true);
      await page.locator('.caption').click();
      assert.equal(await isOpen('Export'), false);
      await page.getByText('Axes', { exact: true }).click();
      assert.equal(await isOpen('Axes'), true);
      await page.keyboard.press('Escape');
      assert.equal(await isOpen('Axes'), false);
      assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Axes');
      assertNoErrors(errors);
    },
  },
  {
    name: 'keyboard: Space presses the button Tab reached, arrows move between tabs; after a click, Space still plays',
    async run({ page, baseUrl }) {
      const errors = await openApp(page, baseUrl);
      const play = page.getByRole('button', { name: /^Play/ });
      // Tab to "Compare models" and press Space: the dialog opens, playback does not start.
      const compare = page.getByRole('button', { name: /^Compare models/ });
      await compare.focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Compare models');
      await page.keyboard.press('Space');
      await page.getByRole('dialog').waitFor();
      assert.equal(await play.count(), 1, 'the player did not start');
      await page.keyboard.press('Escape');
      // The inspector tabs: → moves to the next tab (selected and focused) instead of stepping.
      await page.getByRole('tab', { name: /Violations/ }).focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.getByRole('tab', { name: /^Sets/ }).getAttribute('aria-selected'), 'true');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Sets');
      assert.equal(await jumpValue(page), '0');
      // A button clicked with the mouse keeps focus, but Space still plays (then pauses).
      await page.getByRole('button', { name: /^Step forward/ }).click();
      await waitPosition(page, 1);
      await page.keyboard.press('Space');
      await page.getByRole('button', { name: /^Pause/ }).waitFor();
      await page.keyboard.press('Space');
      await play.waitFor();
      // A dialog opened by a click gives focus back to its button: Space still plays.
      await page.getByRole('button', { name: /^Breakpoints/ }).click();
      await page.getByRole('dialog').waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page.keyboard.press('Space');
      await page.getByRole('button', { name: /^Pause/ }).waitFor();
      await page.keyboard.press('Space');
      assertNoErrors(errors);
    },
  },
  {
    name: 'opens with the RCU-free scenario and no console errors',
    async run({ page, baseUrl, shot }) {
      const errors = await openApp(page, baseUrl);
      const text = await editorText(page);
      assert.match(text, /free-from-SRCU-callback bug/);
      const picked = await page.locator('select[aria-label="Built-in scenario"] option:checked').innerText();
      assert.match(picked, /free-from-SRCU-callback/);
      assert.match(await page.locator('[data-testid=note]').innerText(), /press Space to play/);
      assert.equal(await jumpValue(page), '0');
      await page.waitForSelector('.viz-heatmap__canvas');
      await page.waitForTimeout(400);
      await shot('app-1366-light-start');
      assertNoErrors(errors);
    },
  },
  {
    name: 'picks a built-in scenario from the library',
    async run({ page, baseUrl }) {
      const errors = await openApp(page, baseUrl);
      await page.selectOption('select[aria-label="Built-in scenario"]', { label: 'Set quota: exhaustion and adjustment' });
      await page.waitForFunction(() => document.querySelector('#scenario-editor')?.value.includes('title "Set quota'));
      await waitReady(page);
      assert.match(await page.locator('.editor-pane .status').innerText(), /expectations? held/);
      assert.match(await page.locator('select[aria-label="Built-in scenario"] option:checked').innerText(), /Set quota/);
      assertNoErrors(errors);
    },
  },
  {
    name: 'steps to the violation, sees it in the violations panel, and steps back',
    async run({ page, baseUrl, shot }) {
      const errors = await openApp(page, baseUrl);
      const p = await stepToViolation(page);
      const alert = await page.locator('.caption .alert--violation').first().innerText();
      assert.match(alert, /sleep-in-atomic/);
      assert.match(await currentStep(page), /rcu_barrier|ioasid_free|free/);
      await page.getByRole('tab', { name: /Violations/ }).click();
      const panel = await page.locator('#insp-panel').innerText();
      assert.match(panel, /sleep-in-atomic/);
      // The card names the step the way the player counts: position p shows step p.
      assert.match(panel, new RegExp(`step\\s${p} · line\\s\\d+`));
      await shot('app-1366-light-violation');
      // This step's note is longer than its three lines: a cue says so, and reads on.
      await page.getByRole('button', { name: 'more ↓' }).click();
      await page.waitForFunction(() => document.querySelector('[data-testid=note]').scrollTop > 0, null, { timeout: 5_000 });
      // Step back: one position earlier, the violation alert is gone and the statement changed.
      const stmt = await currentStep(page);
      await page.getByRole('button', { name: 'Step back' }).click();
      await waitPosition(page, p - 1);
      assert.equal(await page.locator('.caption .alert--violation').count(), 0);
      assert.notEqual(await currentStep(page), stmt);
      assertNoErrors(errors);
    },
  },
  {
    name: 'sets a line breakpoint in the gutter and runs to it',
    async run({ page, baseUrl, shot }) {
      const errors = await openApp(page, baseUrl);
      const line = lineOf(await editorText(page), 'unbind dev0 pasid');
      await page.locator(`.gutter-line[data-line="${line}"]`).click();
      assert.equal(await page.locator(`.gutter-line[data-line="${line}"]`).getAttribute('aria-pressed'), 'true');
      await page.locator('.centre').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('BracketRight');
      await page.waitForFunction((l) => document.querySelector('[data-testid=current-step]')?.textContent?.startsWith(`L${l}`), line, { timeout: 10_000 });
      assert.match(await currentStep(page), /unbind dev0 pasid/);
      // The editor highlights the current line.
      assert.equal(await page.locator(`.gutter-line--current[data-line="${line}"]`).count(), 1);
      await shot('app-1366-light-breakpoint');
      // No breakpoint after this one: a toast says so and the position stays.
      const p = await jumpValue(page);
      await page.keyboard.press('BracketRight');
      await page.waitForSelector('[data-testid=toast]');
      assert.match(await page.locator('[data-testid=toast]').innerText(), /No breakpoint after/);
      assert.equal(await jumpValue(page), p);
      assertNoErrors(errors);
    },
  },
  {
    name: 'share link round trip: same text, model, step and breakpoints in a new page',
    async run({ page, baseUrl, browser }) {
      const errors = await openApp(page, baseUrl);
      const ta = page.locator('#scenario-editor');
      await ta.click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('\n# shared by the e2e test\n');
      await page.keyboard.press('Control+Enter');
      await page.keyboard.press('Control+Home');
      await waitReady(page);
      await page.selectOption('select[aria-label="Model preset"]', 'v4');
      await page.waitForFunction(() => document.querySelector('.editor-pane .status')?.textContent?.includes('steps'));
      await page.locator(`.gutter-line[data-line="3"]`).click();
      await page.locator('#jump-input').fill('7');
      await page.locator('#jump-input').press('Enter');
      await waitPosition(page, 7);
      const text = await editorText(page);
      await page.getByRole('button', { name: 'Copy a share link' }).click();
      await page.waitForFunction(() => /^#v=1&n=\d+&s=/.test(location.hash));
      const url = page.url();
      assert.match(url, /&m=v4&p=7&b=3$/);

      const other = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      try {
        const p2 = await other.newPage();
        const errors2 = await openApp(p2, url);
        await waitPosition(p2, 7);
        assert.equal(await editorText(p2), text);
        assert.equal(await p2.locator('select[aria-label="Model preset"]').inputValue(), 'v4');
        assert.equal(await p2.locator('.gutter-line[data-line="3"]').getAttribute('aria-pressed'), 'true');
        assertNoErrors(errors2);
      } finally {
        await other.close();
      }
      assertNoErrors(errors);
    },
  },
  {
    name: 'a reload keeps the edited text, its line breakpoints and the step on show',
    async run({ page, baseUrl }) {
      const errors = await openApp(page, baseUrl);
      await page.locator('#scenario-editor').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('\nnote "kept across a reload"\n');
      await page.keyboard.press('Control+Enter');
      await page.waitForFunction(() => !document.querySelector('.editor-pane .status')?.textContent?.includes('edited'));
      await waitReady(page);
      // The gutter draws the lines in view only: back to the top.
      await page.keyboard.press('Control+Home');
      await page.locator('.gutter-line[data-line="3"]').click();
      await page.locator('#jump-input').fill('5');
      await page.locator('#jump-input').press('Enter');
      await waitPosition(page, 5);
      const text = await editorText(page);
      assert.match(text, /kept across a reload/);
      // The autosave's debounce.
      await page.waitForTimeout(800);
      await page.reload();
      await waitReady(page);
      await waitPosition(page, 5);
      assert.equal(await editorText(page), text);
      assert.equal(await page.locator('.gutter-line[data-line="3"]').getAttribute('aria-pressed'), 'true');
      assertNoErrors(errors);
    },
  },
  {
    name: 'a malformed share link shows its message and keeps the autosaved text',
    async run({ page: first, context, baseUrl, shot }) {
      const errors = await openApp(first, baseUrl);
      await first.locator('#scenario-editor').click();
      await first.keyboard.press('Control+Home');
      await first.keyboard.type('# my own work\n');
      await first.waitForTimeout(800); // autosave debounce
      const mine = await editorText(first);
      await first.close();

      // At start-up (a new tab of the same profile): the autosaved work opens instead.
      const page = await context.newPage();
      errors.push(...(await openApp(page, `${baseUrl}#v=1&s=%%%not-lz%%%&m=v4&p=3`)));
      const banner = page.locator('[data-testid=banner]');
      assert.match(await banner.innerText(), /could not be decompressed/);
      assert.match(await banner.innerText(), /autosaved work was opened instead/);
      assert.equal(await editorText(page), mine);
      await shot('app-1366-light-bad-link', page);

      // Pasted into the open tab (a hash change): the editor is left as it is.
      await page.goto(`${baseUrl}#v=1&s=${compressToEncodedURIComponent('set vm1 quota=4\n')}&m=v9`);
      await page.waitForFunction(() => document.querySelector('[data-testid=banner]')?.textContent?.includes('v9'));
      assert.match(await page.locator('[data-testid=banner]').innerText(), /unknown model 'v9'/);
      assert.equal(await editorText(page), mine);

      await page.goto(`${baseUrl}#v=7&s=abc`);
      await page.waitForFunction(() => document.querySelector('[data-testid=banner]')?.textContent?.includes("'7'"));
      assert.match(await page.locator('[data-testid=banner]').innerText(), /format version '7'/);
      assert.equal(await editorText(page), mine);
      assertNoErrors(errors);
    },
  },
  {
    name: 'importing a bad file shows the error and keeps the text; a file with a syntax error shows LINE:COL',
    async run({ page, baseUrl, shot }) {
      const errors = await openApp(page, baseUrl);
      const before = await editorText(page);
      await page.setInputFiles('#import-input', { name: 'bad.ioasid', mimeType: 'application/octet-stream', buffer: Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x00]) });
      await page.waitForSelector('[data-testid=banner]');
      assert.match(await page.locator('[data-testid=banner]').innerText(), /Import failed: 'bad.ioasid' is not UTF-8 text/);
      assert.equal(await editorText(page), before);

      await page.setInputFiles('#import-input', { name: 'typo.ioasid', mimeType: 'text/plain', buffer: Buffer.from('set vm1 quota=4\nalloc vm1 -> g1\nfrea g1\n') });
      await page.waitForFunction(() => document.querySelector('#scenario-editor')?.value.includes('frea g1'));
      await page.waitForSelector('.problems__item');
      assert.match(await page.locator('.problems__item').first().innerText(), /^3:1: .*frea/);
      assert.equal(await page.locator('.gutter-line--error[data-line="3"]').count(), 1);
      // The views above still show the previous run, and say so.
      assert.match(await page.getByTestId('stale-run').innerText(), /did not run: the player and views still show the last run that worked, The free-from-SRCU-callback bug/);
      await shot('app-1366-light-import-error');
      assertNoErrors(errors);
    },
  },
  {
    name: 'plays with Space and pauses again; the caption follows',
    async run({ page, baseUrl }) {
      const errors = await openApp(page, baseUrl);
      await page.selectOption('select[aria-label="Playback speed"]', '8');
      await page.locator('.centre').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Space');
      await page.waitForFunction(() => Number(document.querySelector('#jump-input')?.value) >= 3, null, { timeout: 10_000 });
      await page.keyboard.press('Space');
      await page.waitForTimeout(300);
      const p = await jumpValue(page);
      await page.waitForTimeout(500);
      assert.equal(await jumpValue(page), p, 'still moving after pause');
      assert.equal(await page.getByRole('button', { name: 'Play', exact: true }).count(), 1);
      assert.match(await currentStep(page), new RegExp(`^L\\d+`));
      // Played to the end, it stops by itself.
      await page.keyboard.press('Space');
      await page.waitForFunction(() => document.querySelector('#jump-input')?.value === '17', null, { timeout: 15_000 });
      await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
      assertNoErrors(errors);
    },
  },
  {
    name: 'exports the scenario, the trace JSON, the Perfetto trace and a PNG',
    async run({ page, baseUrl }) {
      const errors = await openApp(page, baseUrl);
      const take = async (item) => {
        await page.getByText('Export ▾').click();
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: item }).click()]);
        const path = await download.path();
        const { readFileSync } = await import('node:fs');
        return { name: download.suggestedFilename(), bytes: readFileSync(path) };
      };
      const scen = await take('the scenario (.ioasid)');
      assert.equal(scen.name, 'rcu-free-bug.ioasid');
      assert.equal(scen.bytes.toString('utf8'), await editorText(page));
      const trace = await take('the trace (JSON)');
      const doc = JSON.parse(trace.bytes.toString('utf8'));
      assert.equal(doc.version, 1);
      assert.equal(doc.model.lock, 'mutex');
      assert.ok(doc.steps.length > 10 && doc.violations.some((v) => v.kind === 'sleep-in-atomic'));
      const chrome = await take('for Perfetto (Chrome Trace JSON)');
      const ct = JSON.parse(chrome.bytes.toString('utf8'));
      assert.ok(Array.isArray(ct.traceEvents ?? ct), 'Chrome trace has events');
      const png = await take('the heatmap as PNG');
      assert.match(png.name, /heatmap\.step0\.png$/);
      assert.deepEqual([...png.bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
      assertNoErrors(errors);
    },
  },
  {
    name: 'the console runs a statement against the session',
    async run({ page, baseUrl }) {
      const errors = await openApp(page, baseUrl);
      const input = page.locator('.dock__pane--console input');
      await input.fill('alloc system -> extra');
      await input.press('Enter');
      await page.waitForFunction(() => /step 18, after the scenario's end: = \d+/.test(document.querySelector('.dock__pane--console')?.textContent ?? ''), null, { timeout: 15_000 });
      await waitPosition(page, 18);
      assert.match(await currentStep(page), /alloc system -> extra/);
      await input.fill('frobnicate 1');
      await input.press('Enter');
      await page.waitForFunction(() => /frobnicate/.test(document.querySelector('.dock__pane--console')?.textContent ?? '') && /unknown verb/.test(document.querySelector('.dock__pane--console')?.textContent ?? ''), null, { timeout: 15_000 });
      assertNoErrors(errors);
    },
  },
  {
    name: 'the built page carries the Content-Security-Policy meta',
    async run({ page, baseUrl }) {
      const html = await (await fetch(baseUrl)).text();
      assert.match(html, /<meta http-equiv="Content-Security-Policy" content="[^"]*script-src &#39;self&#39;/);
      const errors = await openApp(page, baseUrl);
      const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      assert.match(csp, /default-src 'self'; script-src 'self'; worker-src 'self' blob:/);
      assert.match(csp, /object-src 'none'; base-uri 'none'/);
      assertNoErrors(errors);
    },
  },
];
