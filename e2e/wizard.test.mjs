// The Create wizard end to end against the running app: fill the PostgreSQL HA cluster template,
// see the preview follow the instance count, create, and land on the new entity's page.
// Publishing goes to the app's local directory (postgresHa.localPublish), so no git host is needed.
// Every wait is bounded.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, screenshot, signInAsGuest } from './lib/browser.mjs';

const UI_MS = 30_000;
const TASK_MS = 120_000;
// Pages from the topology page to the preview page: pooling, backups, monitoring, security,
// resources, preview; the backups page is the second.
const PAGES_TO_PREVIEW = 6;
const BACKUPS_PAGE = 2;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A DNS-label name no earlier run has used. */
const uniqueName = () => `wiz-${Date.now().toString(36)}`;

const next = page =>
  page.getByRole('button', { name: 'Next', exact: true }).click({ timeout: UI_MS });
const back = page =>
  page.getByRole('button', { name: 'Back', exact: true }).click({ timeout: UI_MS });

/** Waits until the wizard shows the page with this step title. */
async function pageTitled(page, title) {
  await page
    .locator('.MuiStepLabel-active', { hasText: title })
    .waitFor({ timeout: UI_MS });
}

/** Opens a generated file in the preview and returns its text. */
async function previewedFile(page, file) {
  const files = page.getByTestId('preview-files');
  await files.waitFor({ timeout: UI_MS });
  await files.getByText(file, { exact: true }).click({ timeout: UI_MS });
  const content = files.locator('pre').first();
  await content.waitFor({ timeout: UI_MS });
  return content.innerText();
}

async function fillBasics(page, name) {
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.getByRole('textbox', { name: 'Team id' }).fill('orders');
  const owner = page.getByRole('textbox', { name: 'Owner' });
  await owner.click();
  await owner.fill('platform-team');
  await page
    .getByRole('option', { name: /platform-team/ })
    .first()
    .click({ timeout: UI_MS });
}

async function fillBackups(page) {
  await page.getByRole('textbox', { name: 'Bucket' }).fill('acme-pg-backups');
  await page.getByRole('textbox', { name: 'Credentials Secret' }).fill('orders-backup-s3');
}

/** From the topology page forward to the preview page. */
async function topologyToPreview(page) {
  for (let i = 0; i < PAGES_TO_PREVIEW; i++) {
    if (i === BACKUPS_PAGE) await fillBackupsIfEmpty(page);
    await next(page);
  }
  await pageTitled(page, 'Preview');
}

/** The backup page keeps its answers when the user comes back; fill them only once. */
async function fillBackupsIfEmpty(page) {
  await pageTitled(page, 'Backups and recovery');
  if ((await page.getByRole('textbox', { name: 'Bucket' }).inputValue()) === '') await fillBackups(page);
}

test('the wizard previews the files, follows the instance count, and creates a cluster entity', async t => {
  const name = uniqueName();
  const page = await signInAsGuest(browser.context);
  try {
    await page
      .getByRole('link', { name: /^Create/ })
      .first()
      .click({ timeout: 60_000 });
    await page
      .locator('.MuiCard-root', { hasText: 'PostgreSQL HA cluster' })
      .getByRole('button', { name: 'Choose' })
      .click({ timeout: 60_000 });

    await pageTitled(page, 'Basics');
    await fillBasics(page, name);
    await next(page);
    await pageTitled(page, 'Topology and replication');
    assert.equal(await page.getByRole('spinbutton', { name: 'Instances' }).inputValue(), '3');
    await topologyToPreview(page);

    const before3 = await previewedFile(page, 'manifests/postgresql.yaml');
    assert.match(before3, /numberOfInstances: 3\n/);
    assert.match(before3, new RegExp(`name: ${name}\\n`));

    for (let i = 0; i < PAGES_TO_PREVIEW; i++) await back(page);
    await pageTitled(page, 'Topology and replication');
    await page.getByRole('spinbutton', { name: 'Instances' }).fill('5');
    await topologyToPreview(page);
    const after5 = await previewedFile(page, 'manifests/postgresql.yaml');
    assert.match(after5, /numberOfInstances: 5\n/);
    assert.doesNotMatch(after5, /numberOfInstances: 3\n/);
    t.diagnostic(`review: ${await screenshot(page, 'wizard-review')}`);

    await page
      .getByRole('button', { name: 'Review', exact: true })
      .click({ timeout: UI_MS });
    await page
      .getByRole('button', { name: 'Create', exact: true })
      .click({ timeout: UI_MS });
    const entityLink = page.getByRole('link', {
      name: /Open the cluster in the catalog/,
    });
    await entityLink.waitFor({ timeout: TASK_MS });
    await entityLink.click();

    await page.waitForURL(new RegExp(`/catalog/default/resource/${name}$`), {
      timeout: UI_MS,
    });
    const title = page.getByRole('heading', { name, exact: true });
    await title.waitFor({ timeout: UI_MS });
    const owner = page.getByRole('link', { name: 'platform-team' }).first();
    await owner.waitFor({ timeout: UI_MS });
    assert.ok(await owner.isVisible(), 'the entity shows the owner chosen in the wizard');
    t.diagnostic(`result: ${await screenshot(page, 'wizard-result')}`);
  } catch (e) {
    t.diagnostic(`failure: ${await screenshot(page, 'wizard-failure')}`);
    throw e;
  }
});
