// The three live views for every built-in scenario (rendered, no console error), and the
// heatmap's hover tooltip naming a known ID's set, references, SPID, device and KVM state.
import assert from 'node:assert/strict';
import { openApp, waitReady } from './page.mjs';

const VIEWS = [
  { tab: 'Quota', root: '.viz-quota' },
  { tab: 'Heatmap', root: '.viz-heatmap__canvas' },
  { tab: 'Timeline', root: '.viz-timeline canvas' },
];

async function showTab(page, label) {
  await page.locator('[role=tab]', { hasText: new RegExp(`^${label}$`) }).first().click();
}

/** Sets the editor's text as a paste would, then runs it (Ctrl+Enter). */
async function runText(page, text) {
  await page.evaluate((t) => {
    const ta = document.querySelector('#scenario-editor');
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set.call(ta, t);
    ta.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  await page.locator('#scenario-editor').click();
  await page.keyboard.press('Control+Enter');
}

export default [
  {
    name: 'every built-in scenario renders the quota bars, the heatmap and the timeline without console errors',
    timeout: 240_000,
    async run({ page, baseUrl, shot }) {
      const errors = await openApp(page, baseUrl);
      const picker = 'select[aria-label="Built-in scenario"]';
      const names = await page.locator(`${picker} option:not([disabled])`).evaluateAll((os) => os.map((o) => o.value));
      assert.ok(names.length >= 9, `library lists ${names.length} scenarios`);
      for (const name of names) {
        await page.selectOption(picker, name);
        await page.waitForFunction((n) => document.querySelector('select[aria-label="Built-in scenario"]')?.value === n, name);
        await waitReady(page);
        // Wait until this scenario's run is the one shown (the status is not "Running…").
        await page.waitForFunction(() => !/Running/.test(document.querySelector('.editor-pane .status')?.textContent ?? ''), null, { timeout: 120_000 });
        await page.locator('.centre').click({ position: { x: 5, y: 5 } });
        await page.keyboard.press('End');
        // The last step's frame has arrived (not only the scrubber moved).
        await page.waitForFunction(() => {
          const caption = document.querySelector('[data-testid=current-step]')?.textContent ?? '';
          return caption !== '' && !caption.includes('Before the first step');
        }, null, { timeout: 30_000 });
        for (const v of VIEWS) {
          await showTab(page, v.tab);
          await page.locator(v.root).first().waitFor({ state: 'visible', timeout: 15_000 });
          const box = await page.locator(v.root).first().boundingBox();
          assert.ok(box && box.width > 50 && box.height > 20, `${name}: ${v.tab} has no size`);
        }
        await showTab(page, 'All views');
        await shot(`views-${name.replace(/\.ioasid$/, '')}`);
      }
      assert.deepEqual(errors, [], `console errors:\n${errors.join('\n')}`);
    },
  },
  {
    name: 'hovering a known ID on the heatmap shows its set, references, SPID, device entry and KVM translation',
    async run({ page, baseUrl, shot }) {
      const errors = await openApp(page, baseUrl);
      await runText(page, ['title "hover"', 'capacity 64', 'set vm1 quota=8', 'notifier kvm kind=kvm', 'device dev0', 'alloc vm1 -> a', 'alloc vm1 -> b', 'bind dev0 b gpasid=7', ''].join('\n'));
      await page.waitForFunction(() => /7 steps/.test(document.querySelector('.editor-pane .status')?.textContent ?? ''), null, { timeout: 30_000 });
      await page.locator('.centre').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('End');
      await page.waitForFunction(() => document.querySelector('#jump-input')?.value === '7');
      await showTab(page, 'Heatmap');
      const canvas = page.locator('.viz-heatmap__canvas');
      await canvas.waitFor({ state: 'visible' });
      const box = await canvas.boundingBox();
      // Capacity 64 is one row of 64 cells fitted into the canvas with 8 px padding (viewport.ts).
      const k = Math.min((box.width - 16) / 64, box.height - 16, 96);
      const x0 = (box.width - 64 * k) / 2;
      const target = { x: box.x + x0 + 2.5 * k, y: box.y + box.height / 2 };
      await page.mouse.move(target.x - 3 * k, target.y);
      await page.mouse.move(target.x, target.y, { steps: 3 });
      const tooltip = page.locator('.viz-tooltip');
      await tooltip.waitFor({ state: 'visible' });
      await page.waitForFunction(() => /refs/.test(document.querySelector('.viz-tooltip')?.textContent ?? ''), null, { timeout: 10_000 });
      const text = await tooltip.innerText();
      assert.match(text, /ID 2\b/);
      assert.match(text, /dir entry 0 · table entry 2/);
      assert.match(text, /set vm1 · refs 3/);
      assert.match(text, /SPID \(guest PASID\) 7/);
      assert.match(text, /present entry on dev0/);
      assert.match(text, /KVM translation gPASID 7/);
      await shot('views-heatmap-hover');
      assert.deepEqual(errors, [], `console errors:\n${errors.join('\n')}`);
    },
  },
];
