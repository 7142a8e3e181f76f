// Hostile-input e2e (robustness issue): a 5 MB paste, a runaway repeat, a link with broken
// compression, a trace JSON with wrong types, and the CSP against eval. Each time the page
// stays responsive, shows the specific message and keeps the previous work.
import assert from 'node:assert/strict';
import { openApp as openAppWith, waitReady } from './page.mjs';

// The CSP test provokes violations on purpose; everything else must stay quiet.
const CSP_NOISE = /Content Security Policy|unsafe-eval/;
const openApp = (page, url) => openAppWith(page, url, CSP_NOISE);

const editorText = (page) => page.locator('#scenario-editor').inputValue();
const banner = (page) => page.locator('[data-testid=banner] .banner__text');

/** Sets the editor's text the way a paste does (typing megabytes is too slow). */
async function pasteText(page, text) {
  await page.evaluate((t) => {
    const ta = document.querySelector('#scenario-editor');
    const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set;
    setter.call(ta, t);
    ta.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

/** The page handles a click within `ms`: the dark-theme toggle flips its pressed state. */
async function assertResponsive(page, ms = 3000) {
  const button = page.getByRole('button', { name: 'Dark theme' });
  const before = await button.getAttribute('aria-pressed');
  const started = Date.now();
  await button.click({ timeout: ms });
  await page.waitForFunction((b) => document.querySelector('[aria-label="Dark theme"]')?.getAttribute('aria-pressed') !== b, before, { timeout: ms });
  const took = Date.now() - started;
  await button.click({ timeout: ms });
  assert.ok(took < ms, `a click took ${took} ms`);
  return took;
}

async function runEditor(page) {
  await page.locator('#scenario-editor').click();
  await page.keyboard.press('Control+Enter');
}

function assertNoErrors(errors) {
  assert.deepEqual(errors, [], `console errors:\n${errors.join('\n')}`);
}

export default [
  {
    name: 'a pasted 5 MB scenario is refused with its size; the editor and the previous run stay and the page responds',
    async run({ page, baseUrl, shot }) {
      const errors = await openApp(page, baseUrl);
      const status = await page.locator('.editor-pane .status').innerText();
      const kept = await editorText(page);
      const big = `${'# filler line of a pasted scenario\n'.repeat(150_000)}alloc vm1\n`;
      assert.ok(big.length > 5_000_000);
      // A paste as the browser delivers it: refused before the textarea takes the text.
      const prevented = await page.evaluate((t) => {
        const ta = document.querySelector('#scenario-editor');
        ta.focus();
        ta.setSelectionRange(ta.value.length, ta.value.length);
        const data = new DataTransfer();
        data.setData('text/plain', t);
        const ev = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
        ta.dispatchEvent(ev);
        return ev.defaultPrevented;
      }, big);
      assert.equal(prevented, true);
      const size = (kept.length + big.length).toLocaleString('en-US');
      assert.equal(await banner(page).innerText(), `Paste refused: the scenario would be ${size} characters (the limit is 4,194,304). Your editor text is unchanged.`);
      assert.equal(await editorText(page), kept);
      await assertResponsive(page);
      // Text that reaches the textarea some other way is put back the same way.
      await page.locator('[data-testid=banner] button[aria-label=Dismiss]').click();
      await pasteText(page, big);
      await page.waitForSelector('[data-testid=banner]');
      assert.match(await banner(page).innerText(), new RegExp(`^Edit refused: the scenario would be ${big.length.toLocaleString('en-US')} characters`));
      assert.equal(await editorText(page), kept);
      // The views keep the previous session: its step count is still shown in the player.
      assert.equal(await page.locator('.editor-pane .status').innerText(), status);
      assert.match(status, /\d+ steps/);
      assert.ok(Number(await page.locator('#jump-input').inputValue()) >= 0);
      await assertResponsive(page);
      await shot('robustness-5mb-paste');
      assertNoErrors(errors);
    },
  },
  {
    name: 'repeat 100000000 stops at the step budget with a visible message while the page responds',
    timeout: 120_000,
    async run({ page, baseUrl, shot }) {
      const errors = await openApp(page, baseUrl);
      const runaway = 'title "runaway"\nset vm1 quota=4\nrepeat 100000000 {\nalloc vm1\n}\n';
      await pasteText(page, runaway);
      await runEditor(page);
      await page.waitForSelector('.status--busy', { timeout: 10_000 });
      // While the worker runs, the page still handles clicks.
      const took = await assertResponsive(page);
      await page.waitForFunction(() => document.querySelector('[data-testid=banner]')?.textContent?.includes('step budget'), null, { timeout: 100_000 });
      assert.match(await banner(page).innerText(), /The run stopped early: step budget of 3,000,000 steps exhausted \(a runaway repeat\?\); the run stopped here/);
      await waitReady(page);
      assert.match(await page.locator('.editor-pane .status').innerText(), /3,000,000 steps.*stopped early/s);
      assert.equal(await editorText(page), runaway);
      // The recorded steps can be played: jump to the last one.
      await page.locator('#jump-input').fill('3000000');
      await page.locator('#jump-input').press('Enter');
      await page.waitForFunction(() => document.querySelector('[data-testid=current-step]')?.textContent?.includes('alloc vm1'), null, { timeout: 20_000 });
      await shot('robustness-runaway-repeat');
      console.log(`      (a click during the run took ${took} ms)`);
      assertNoErrors(errors);
    },
  },
  {
    name: 'a link with broken compression pasted into an open tab shows its message and keeps the text',
    async run({ page, baseUrl, shot }) {
      const errors = await openApp(page, baseUrl);
      const mine = `# my own work\n${await editorText(page)}`;
      await pasteText(page, mine);
      await page.waitForTimeout(800); // autosave debounce
      await page.goto(`${baseUrl}#v=1&s=%%%not-lz%%%&m=v4`);
      await page.waitForFunction(() => document.querySelector('[data-testid=banner]')?.textContent?.includes('decompress'), null, { timeout: 15_000 });
      assert.match(await banner(page).innerText(), /could not be decompressed/);
      assert.equal(await editorText(page), mine);
      await assertResponsive(page);
      await shot('robustness-broken-hash');
      assertNoErrors(errors);
    },
  },
  {
    name: 'an imported trace JSON with wrong types names the field and keeps the editor; a good one is summarised',
    async run({ page, baseUrl, shot }) {
      const errors = await openApp(page, baseUrl);
      const before = await editorText(page);
      const good = {
        version: 1, title: 'imported', model: { lock: 'spinlock', chain: 'atomic', alloc: 'lowest', free: 'refcount', cleanup: 'deferred' },
        steps: [
          { index: 0, line: 1, thread: 'main', context: 'task', text: 'set vm1 quota=2', result: 0, resultName: '0', warnings: [], deliveries: [], violations: [] },
          { index: 1, line: 2, thread: 'main', context: 'task', text: 'alloc vm1', result: 1, resultName: '1', warnings: [], deliveries: [], violations: [0] },
        ],
        deliveries: [],
        violations: [{ kind: 'leak', step: 1, line: 2, message: 'ID 1 is never freed' }],
        expectations: { passed: 1, failed: 0, failures: [] },
        final: { capacity: 1048576, available: 1048574, allocated: 1, sets: [{ name: 'vm1', sid: 0, quota: 2, used: 1 }], ids: [{ id: 1, set: 'vm1', state: 'active', refs: 1 }], entries: [] },
      };
      const bad = structuredClone(good);
      bad.steps[1].line = 'two';
      await page.setInputFiles('#import-input', { name: 'wrong.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
      await page.waitForFunction(() => document.querySelector('[data-testid=banner]')?.textContent?.includes('wrong.json'), null, { timeout: 10_000 });
      assert.match(await banner(page).innerText(), /Import failed: 'wrong\.json' is not a valid trace: steps\[1\]\.line must be a number\. Your editor text is unchanged\./);
      assert.equal(await editorText(page), before);
      await assertResponsive(page);
      await shot('robustness-bad-trace-import');

      await page.setInputFiles('#import-input', { name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
      await page.waitForFunction(() => document.querySelector('[data-testid=banner]')?.textContent?.includes('good.json'), null, { timeout: 10_000 });
      assert.match(await banner(page).innerText(), /Trace 'imported' \(lock=spinlock .*\): 2 steps, 1 leak; expectations 1 passed, 0 failed\./);
      assert.equal(await editorText(page), before);
      assertNoErrors(errors);
    },
  },
  {
    name: 'the CSP meta is in force: eval and new Function are blocked, inline scripts do not run',
    async run({ page, baseUrl }) {
      const errors = await openApp(page, baseUrl);
      const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      assert.match(csp, /default-src 'self'/);
      assert.doesNotMatch(csp, /unsafe-eval|unsafe-inline'?\s*;?\s*script/);
      // DevTools' own evaluation is exempt from the CSP, so the probes run later from a timer,
      // as page code would.
      const outcome = await page.evaluate(() => new Promise((resolve) => setTimeout(async () => {
        const result = {};
        try {
          // eslint-disable-next-line no-new-func -- the probe: the page's CSP must refuse it
          result.fn = String(new Function('return 41 + 1')());
        } catch (e) {
          result.fn = `${e.name}: ${e.message}`;
        }
        try {
          // eslint-disable-next-line no-eval -- the probe: the page's CSP must refuse it
          result.eval = String((0, eval)('40 + 2'));
        } catch (e) {
          result.eval = `${e.name}: ${e.message}`;
        }
        const violation = new Promise((res) => document.addEventListener('securitypolicyviolation', (e) => res(e.violatedDirective), { once: true }));
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true';
        document.body.appendChild(s);
        result.inline = await Promise.race([violation, new Promise((res) => setTimeout(() => res('no violation event'), 2000))]);
        result.injected = window.__injected === true;
        resolve(result);
      }, 0)));
      assert.match(outcome.fn, /EvalError/);
      assert.match(outcome.eval, /EvalError/);
      assert.match(String(outcome.inline), /script-src/);
      assert.equal(outcome.injected, false);
      assertNoErrors(errors);
    },
  },
];
