import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, screenshot, signInAsGuest } from './lib/browser.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('a guest signs in and sees the catalog listing the suite packages', async t => {
  const page = await signInAsGuest(browser.context);
  try {
    // Guest owns nothing: switch the catalog from "Owned" to "All".
    await page
      .getByText('All', { exact: true })
      .first()
      .click({ timeout: 60_000 });
    const row = page.getByRole('link', { name: 'plugin-postgres-ha-backend' });
    await row.waitFor({ timeout: 60_000 });
    assert.ok(await row.isVisible(), 'the catalog lists the suite package');
  } finally {
    t.diagnostic(`screenshot: ${await screenshot(page, 'smoke-catalog')}`);
  }
});
