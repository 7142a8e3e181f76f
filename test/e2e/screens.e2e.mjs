// Screenshots of the lab in each theme and size (1366×768 and 1920×1080; light, dark,
// projector) plus its dialogs, each with a check of what should be on screen.
import assert from 'node:assert/strict';

async function open(page, url) {
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => /\d+ steps/.test(document.querySelector('.editor-pane .status')?.textContent ?? ''), null, { timeout: 30_000 });
  await page.waitForSelector('.viz-heatmap__canvas');
  return errors;
}

/** Moves to the step that raises the first violation (the interesting frame of the RCU story). */
async function toViolation(page) {
  await page.locator('.centre').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('KeyB');
  const dialog = page.getByRole('dialog', { name: 'Breakpoints' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Add' }).click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('BracketRight');
  await page.waitForSelector('.caption .alert--violation');
  await page.waitForTimeout(500);
}

const modes = [
  { name: 'light', keys: [] },
  { name: 'dark', keys: ['KeyD'] },
  { name: 'projector', keys: ['KeyP'] },
  { name: 'projector-dark', keys: ['KeyP', 'KeyD'] },
];

const tests = [];
for (const size of [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
]) {
  for (const mode of modes) {
    tests.push({
      name: `screenshot ${size.width}×${size.height} ${mode.name}`,
      viewport: size,
      async run({ page, baseUrl, shot }) {
        await page.emulateMedia({ colorScheme: 'light' });
        const errors = await open(page, baseUrl);
        await toViolation(page);
        for (const k of mode.keys) await page.keyboard.press(k);
        await page.waitForTimeout(400);
        const cls = await page.locator('.app').getAttribute('class');
        if (mode.name.includes('dark')) assert.match(cls, /app--dark/);
        if (mode.name.includes('projector')) assert.match(cls, /app--projector/);
        // Nothing of the shell overflows the viewport horizontally.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `page overflows by ${overflow}px`);
        await shot(`app-${size.width}-${mode.name}`);
        assert.deepEqual(errors, []);
      },
    });
  }
}

tests.push(
  {
    name: 'the ? sheet lists every command with its key',
    async run({ page, baseUrl, shot }) {
      const errors = await open(page, baseUrl);
      await page.keyboard.press('Shift+Slash');
      const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await dialog.waitFor();
      const rows = await dialog.locator('tr[data-command]').count();
      const buttons = await page.locator('[data-command]').evaluateAll((els) => [...new Set(els.filter((e) => !e.closest('[role=dialog]')).map((e) => e.dataset.command))]);
      assert.ok(rows >= 25, `only ${rows} commands listed`);
      for (const id of buttons) assert.equal(await dialog.locator(`tr[data-command="${id}"]`).count(), 1, `${id} missing from the sheet`);
      assert.match(await dialog.locator('tr[data-command="player.togglePlay"]').innerText(), /Space/);
      await shot('dialog-shortcuts');
      await page.keyboard.press('Escape');
      assert.equal(await dialog.count(), 0);
      assert.deepEqual(errors, []);
    },
  },
  {
    name: 'compare models shows the matrix of presets',
    async run({ page, baseUrl, shot }) {
      const errors = await open(page, baseUrl);
      await page.getByRole('button', { name: /Compare models/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Compare models' });
      await dialog.waitFor();
      await dialog.locator('table').waitFor({ timeout: 20_000 });
      const text = await dialog.innerText();
      for (const p of ['v1', 'cyclic', 'v4']) assert.match(text, new RegExp(`\\b${p}\\b`));
      await shot('dialog-matrix');
      assert.deepEqual(errors, []);
    },
  },
  {
    name: 'breakpoint menu and timeline-only view',
    async run({ page, baseUrl, shot }) {
      const errors = await open(page, baseUrl);
      await page.keyboard.press('KeyB');
      const dialog = page.getByRole('dialog', { name: 'Breakpoints' });
      await dialog.waitFor();
      await dialog.locator('select').first().selectOption('event');
      await dialog.locator('select[aria-label="Which"]').selectOption('FREE');
      await dialog.getByRole('button', { name: 'Add' }).click();
      assert.match(await dialog.innerText(), /event FREE/);
      await shot('dialog-breakpoints');
      await page.keyboard.press('Escape');
      await page.keyboard.press('BracketRight');
      await page.waitForFunction(() => document.querySelector('#jump-input')?.value !== '0');
      await page.keyboard.press('Digit4');
      await page.waitForTimeout(400);
      await shot('app-1366-light-timeline-tab');
      await page.keyboard.press('Digit3');
      await page.waitForTimeout(400);
      await shot('app-1366-light-heatmap-tab');
      // Here the ID was freed: nothing is in use, so there is nothing to zoom to.
      assert.equal(await page.getByRole('button', { name: 'Zoom to used' }).isDisabled(), true);
      // After the bind, one live ID in a million is invisible at the fitted scale: 'Zoom to used' finds it.
      await page.locator('#jump-input').fill('8');
      await page.locator('#jump-input').press('Enter');
      await page.waitForFunction(() => document.querySelector('[data-testid=current-step]')?.textContent?.includes('sva_bind'));
      const hint = page.locator('.viz-heatmap__hint');
      const before = await hint.innerText();
      assert.match(before, /IDs per px/);
      await page.getByRole('button', { name: 'Zoom to used' }).click();
      await page.waitForFunction((b) => document.querySelector('.viz-heatmap__hint')?.textContent !== b, before);
      assert.match(await hint.innerText(), /px per ID/);
      await shot('app-1366-light-heatmap-used');
      assert.deepEqual(errors, []);
    },
  },
);

export default tests;
