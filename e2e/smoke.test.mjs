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

test('a guest signs in and sees the catalog with the suite registered', async t => {
  const page = await signInAsGuest(browser.context);
  await page.goto(new URL('/catalog?filters[kind]=component&filters[user]=all', process.env.APP_URL ?? 'http://localhost:3000').href);
  const row = page.getByRole('link', { name: 'plugin-postgres-ha-backend' });
  await row.waitFor({ timeout: 60_000 });
  assert.ok(await row.isVisible(), 'the catalog lists the suite package');
  t.diagnostic(`screenshot: ${await screenshot(page, 'smoke-catalog')}`);
});
