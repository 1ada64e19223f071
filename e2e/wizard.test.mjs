// The Create wizard end to end against the running app: fill the PostgreSQL HA cluster template,
// see the preview follow the instance count, create, and land on the new entity's page.
// Publishing goes to the app's local directory (postgresHa.localPublish), so no git host is needed.
// Every wait is bounded.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { launchBrowser, screenshot, signInAsGuest } from './lib/browser.mjs';

const UI_MS = 30_000;
const TASK_MS = 120_000;
// Pages from the topology page to the preview page: pooling, backups, monitoring, security,
// resources, preview; the backups page is the second.
const PAGES_TO_PREVIEW = 6;
const BACKUPS_PAGE = 2;

// A fresh profile per test: in a profile that signed in once, the guest session is restored
// and the sign-in page does not appear again.
let browser;
beforeEach(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  await browser?.close();
});

/** A DNS-label name no earlier run has used. */
const uniqueName = () => `wiz-${Date.now().toString(36)}`;

const next = page =>
  page
    .getByRole('button', { name: 'Next', exact: true })
    .click({ timeout: UI_MS });
const back = page =>
  page
    .getByRole('button', { name: 'Back', exact: true })
    .click({ timeout: UI_MS });

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
  await page
    .getByRole('textbox', { name: 'Credentials Secret' })
    .fill('orders-backup-s3');
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
  if ((await page.getByRole('textbox', { name: 'Bucket' }).inputValue()) === '')
    await fillBackups(page);
}

/**
 * Review → Create, waits (bounded) for the task's output link to the entity, follows it and
 * waits for the entity page of `name`.
 */
async function createAndOpenEntity(page, linkName, name) {
  await page
    .getByRole('button', { name: 'Review', exact: true })
    .click({ timeout: UI_MS });
  await page
    .getByRole('button', { name: 'Create', exact: true })
    .click({ timeout: UI_MS });
  const entityLink = page.getByRole('link', { name: linkName });
  await entityLink.waitFor({ timeout: TASK_MS });
  await entityLink.click();
  await page.waitForURL(new RegExp(`/catalog/default/resource/${name}$`), {
    timeout: UI_MS,
  });
  await page
    .getByRole('heading', { name, exact: true })
    .waitFor({ timeout: UI_MS });
}

/**
 * The Overview's PostgreSQL card once it has asked the backend: a cluster just created is not
 * connected to this Backstage yet (no Kubernetes cluster here), and the card says so.
 */
async function overviewCardSettled(page) {
  const card = page
    .locator('.MuiCard-root')
    .filter({ hasText: 'Open the PostgreSQL tab' });
  const notConnected = card.getByText(
    'This cluster is not connected to Backstage yet',
  );
  await notConnected.waitFor({ timeout: UI_MS });
  return (await card.innerText()).replace(/\s+/g, ' ');
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
    assert.equal(
      await page.getByRole('spinbutton', { name: 'Instances' }).inputValue(),
      '3',
    );
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

    await createAndOpenEntity(page, /Open the cluster in the catalog/, name);
    const owner = page.getByRole('link', { name: 'platform-team' }).first();
    await owner.waitFor({ timeout: UI_MS });
    assert.ok(
      await owner.isVisible(),
      'the entity shows the owner chosen in the wizard',
    );
    const card = await overviewCardSettled(page);
    assert.match(card, new RegExp(name), 'the card names the cluster');
    t.diagnostic(`overview card: ${card}`);
    t.diagnostic(`result: ${await screenshot(page, 'wizard-result')}`);
  } catch (e) {
    t.diagnostic(`failure: ${await screenshot(page, 'wizard-failure')}`);
    throw e;
  }
});

/** Client-side navigation: a full page load would show the sign-in page again. */
async function goWithinApp(page, path) {
  await page.evaluate(to => {
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

test('the restore template opens prefilled the way the entity tab links to it, and creates the clone entity', async t => {
  const name = `${uniqueName()}-restore`;
  // The keys docs/wizard.md lists for the entity tab's restore operation.
  const values = {
    sourceEntity: 'resource:default/lab-postgres',
    targetTime: '2025-06-01T12:00:00Z',
    // What the backend reads from the source's live postgresql object (Secret names only).
    walSource: {
      store: 's3',
      bucket: 'acme-pg-backups',
      region: 'eu-central-1',
      credentialsSecret: 'acid-orders-walg',
    },
    cluster: {
      name,
      namespace: 'default',
      team: 'platform',
      owner: 'group:default/platform-team',
    },
  };
  const page = await signInAsGuest(browser.context);
  try {
    await page
      .getByRole('link', { name: /^Create/ })
      .first()
      .waitFor({ timeout: 60_000 });
    await goWithinApp(
      page,
      `/create/templates/default/postgres-cluster-restore?formData=${encodeURIComponent(
        JSON.stringify(values),
      )}`,
    );
    await pageTitled(page, 'Source and point in time');
    assert.equal(
      await page.getByRole('textbox', { name: /^Restore to/ }).inputValue(),
      values.targetTime,
    );
    await next(page);
    await pageTitled(page, 'WAL archive of the source');
    assert.equal(
      await page.getByRole('textbox', { name: /^Bucket/ }).inputValue(),
      values.walSource.bucket,
    );
    await next(page);
    await pageTitled(page, 'New cluster');
    assert.equal(
      await page
        .getByRole('textbox', { name: 'Name of the restored cluster' })
        .inputValue(),
      name,
    );
    await createAndOpenEntity(
      page,
      /Open the restored cluster in the catalog/,
      name,
    );
    const description = page.getByText(
      'Restored from resource:default/lab-postgres at 2025-06-01T12:00:00Z',
    );
    await description.first().waitFor({ timeout: UI_MS });
    t.diagnostic(`overview card: ${await overviewCardSettled(page)}`);
    t.diagnostic(`result: ${await screenshot(page, 'wizard-restore-result')}`);
  } catch (e) {
    t.diagnostic(
      `failure: ${await screenshot(page, 'wizard-restore-failure')}`,
    );
    throw e;
  }
});
