// Shared steps of the e2e files: open the lab collecting console and page errors, and wait
// until a scenario ran and its first frame arrived.

/**
 * Opens the app and returns the list errors are collected into. `ignore` filters console
 * errors a test provokes on purpose (the CSP probes).
 */
export async function openApp(page, url, ignore = null) {
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !(ignore && ignore.test(m.text()))) errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => d.accept());
  await page.goto(url);
  await waitReady(page);
  return errors;
}

/** The run status shows "N steps" (or "1 step") once a scenario ran and its first frame arrived. */
export async function waitReady(page) {
  await page.waitForFunction(() => {
    const s = document.querySelector('.editor-pane .status');
    return s && /\d+ steps?\b/.test(s.textContent ?? '') && document.querySelector('#jump-input');
  }, null, { timeout: 30_000 });
}
