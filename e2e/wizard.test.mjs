// The Create wizard end to end against the running app: each page refuses bad answers under
// their field (the settings model's rules), the preview beside the form follows the input, the
// valid cluster is created and its entity page opens.
// Publishing goes to the app's local directory (postgresHa.localPublish), so no git host is needed.
// Every wait is bounded.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { launchBrowser, screenshot, signInAsGuest } from './lib/browser.mjs';

const UI_MS = 30_000;
const TASK_MS = 120_000;
const WIDE = { width: 1400, height: 900 };
const NARROW = { width: 900, height: 900 };

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

/** Waits until the wizard shows the page with this step title. */
async function pageTitled(page, title) {
  await page
    .locator('.MuiStepLabel-active', { hasText: title })
    .waitFor({ timeout: UI_MS });
}

/** The form control (input, its label and its error/help lines) of the field labelled `label`. */
const fieldNamed = (page, label) =>
  page.locator('.MuiFormControl-root', {
    has: page.getByLabel(label, { exact: true }),
  });

/**
 * Clicks Next and expects to stay on `title` with `message` written under the field `label`
 * (not only in the list at the top of the page).
 */
async function refusedUnder(page, title, label, message) {
  await next(page);
  const field = fieldNamed(page, label);
  await field
    .locator('.Mui-error', { hasText: message })
    .first()
    .waitFor({ timeout: UI_MS });
  await pageTitled(page, title);
}

/** The text of one generated file in the preview beside (or below) the form. */
async function previewedFile(page, file) {
  const files = page.getByTestId('preview-files').first();
  await files.waitFor({ timeout: UI_MS });
  const summary = files.getByText(file, { exact: true });
  const pre = files.locator('pre').first();
  if (!(await pre.isVisible())) await summary.click({ timeout: UI_MS });
  await pre.waitFor({ timeout: UI_MS });
  return pre.innerText();
}

/** Screenshots of the current page at 1400 px and 900 px wide. */
async function shootBothWidths(page, t, name) {
  t.diagnostic(`${name}: ${await screenshot(page, `${name}-1400`)}`);
  await page.setViewportSize(NARROW);
  t.diagnostic(`${name}: ${await screenshot(page, `${name}-900`)}`);
  await page.setViewportSize(WIDE);
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

async function openWizard(page) {
  await page
    .getByRole('link', { name: /^Create/ })
    .first()
    .click({ timeout: 60_000 });
  await page
    .locator('.MuiCard-root', { hasText: 'PostgreSQL HA cluster' })
    .getByRole('button', { name: 'Choose' })
    .click({ timeout: 60_000 });
  await pageTitled(page, 'Basics');
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

test('each page refuses bad answers under their own field, the preview follows the input, and the valid cluster is created', async t => {
  const name = uniqueName();
  const page = await signInAsGuest(browser.context);
  await page.setViewportSize(WIDE);
  try {
    await openWizard(page);
    await fillBasics(page, name);
    // The picker asks the backend for its configured Kubernetes clusters; this app has none.
    await page
      .getByText(/No Kubernetes cluster is configured in this Backstage/)
      .waitFor({ timeout: UI_MS });
    await shootBothWidths(page, t, 'wizard-1-basics');
    await next(page);

    await pageTitled(page, 'Topology and replication');
    const instances = page.getByRole('spinbutton', { name: 'Instances' });
    assert.equal(await instances.inputValue(), '3');
    const three = await previewedFile(page, 'manifests/postgresql.yaml');
    assert.match(three, /numberOfInstances: 3\n/);
    await instances.fill('5');
    // The preview beside the form follows the input without leaving the page.
    await page
      .getByTestId('preview-files')
      .first()
      .locator('pre', { hasText: 'numberOfInstances: 5' })
      .waitFor({ timeout: UI_MS });
    await instances.fill('0');
    await refusedUnder(page, 'Topology and replication', 'Instances', /1/);
    await instances.fill('1');
    await refusedUnder(
      page,
      'Topology and replication',
      'Instances',
      'synchronous replication needs at least 2 instances',
    );
    await instances.fill('3');
    // Server parameters are picked from the model's allowed names; a bad value is refused
    // under it.
    await page.getByRole('button', { name: 'Add a parameter' }).click();
    await page
      .getByRole('button', { name: 'Parameter 1' })
      .click({ timeout: UI_MS });
    await page.getByRole('option', { name: 'work_mem', exact: true }).click();
    const workMem = page.getByRole('textbox', { name: 'Value of work_mem' });
    await workMem.fill('lots');
    await refusedUnder(
      page,
      'Topology and replication',
      'Value of work_mem',
      /must be/,
    );
    await workMem.fill('64MB');
    await shootBothWidths(page, t, 'wizard-2-topology');
    await next(page);

    await pageTitled(page, 'Databases and connection pooling');
    const db = name.replace(/-/g, '_');
    await page
      .getByTestId('proposal')
      .filter({ hasText: `database ${db} owned by ${db}_owner` })
      .waitFor({ timeout: UI_MS });
    assert.equal(
      await page
        .getByRole('spinbutton', { name: 'PgBouncer pods per pooler' })
        .inputValue(),
      '2',
    );
    assert.equal(
      await page
        .getByRole('spinbutton', { name: 'Server connections at most' })
        .inputValue(),
      '60',
    );
    await shootBothWidths(page, t, 'wizard-3-databases');
    await next(page);

    await pageTitled(page, 'Backups and recovery');
    await page
      .getByRole('spinbutton', { name: 'Base backups to keep' })
      .fill('0');
    await refusedUnder(
      page,
      'Backups and recovery',
      'Bucket',
      'is required for s3 backups',
    );
    await refusedUnder(
      page,
      'Backups and recovery',
      'Credentials Secret',
      'is required for s3 backups',
    );
    await refusedUnder(
      page,
      'Backups and recovery',
      'Base backups to keep',
      'must be at least 2',
    );
    await shootBothWidths(page, t, 'wizard-4-backups-refused');
    await page.getByRole('textbox', { name: 'Bucket' }).fill('acme-pg-backups');
    await page
      .getByRole('textbox', { name: 'Credentials Secret' })
      .fill('orders-backup-s3');
    await page.getByRole('textbox', { name: 'Region' }).fill('eu-central-1');
    await page
      .getByRole('spinbutton', { name: 'Base backups to keep' })
      .fill('7');
    await next(page);

    await pageTitled(page, 'Monitoring');
    await shootBothWidths(page, t, 'wizard-5-monitoring');
    await next(page);

    await pageTitled(page, 'Security and network');
    await page.getByLabel('Server certificate').click({ timeout: UI_MS });
    await page.getByRole('option', { name: 'An existing TLS Secret' }).click();
    await refusedUnder(page, 'Security and network', 'TLS Secret', /required/);
    await page.getByRole('textbox', { name: 'TLS Secret' }).fill('orders-tls');
    await shootBothWidths(page, t, 'wizard-6-security');
    await next(page);

    await pageTitled(page, 'Resources and scheduling');
    await page.getByRole('textbox', { name: 'CPU request' }).fill('4');
    await refusedUnder(
      page,
      'Resources and scheduling',
      'CPU request',
      /must not exceed resources.limits.cpu/,
    );
    await page.getByRole('textbox', { name: 'CPU request' }).fill('1');
    const ms = Number(
      await page
        .getByTestId('preview-panel')
        .first()
        .getAttribute('data-render-ms'),
    );
    t.diagnostic(`validate + render of the full form in the browser: ${ms} ms`);
    assert.ok(ms < 1000, `the preview rendered in ${ms} ms`);
    await shootBothWidths(page, t, 'wizard-7-resources');
    await next(page);

    await pageTitled(page, 'Preview');
    const final = await previewedFile(page, 'manifests/postgresql.yaml');
    assert.match(final, /numberOfInstances: 3\n/);
    assert.match(final, new RegExp(`name: ${name}\\n`));
    await shootBothWidths(page, t, 'wizard-8-preview');

    await createAndOpenEntity(page, /Open the cluster in the catalog/, name);
    const owner = page.getByRole('link', { name: 'platform-team' }).first();
    await owner.waitFor({ timeout: UI_MS });
    assert.ok(
      await owner.isVisible(),
      'the entity shows the owner chosen in the wizard',
    );
    const card = await overviewCardSettled(page);
    assert.match(card, new RegExp(name), 'the card names the cluster');
    assert.match(card, /What to do next.*Create the Secrets/);
    t.diagnostic(`overview card: ${card}`);
    t.diagnostic(`result: ${await screenshot(page, 'wizard-result')}`);
  } catch (e) {
    t.diagnostic(`failure: ${await screenshot(page, 'wizard-failure')}`);
    throw e;
  }
});

test('Docker Compose lowers PostgreSQL 18 to 17 and says so; a cross-page error blocks the page of the answer that causes it', async t => {
  // 52 characters: a valid cluster name, too long once a replica pooler is added.
  const name = `${uniqueName()}-${'x'.repeat(52)}`.slice(0, 52);
  const page = await signInAsGuest(browser.context);
  await page.setViewportSize(WIDE);
  try {
    await openWizard(page);
    await page.getByRole('radio', { name: /Docker Compose/ }).check();
    await fillBasics(page, name);
    await next(page);
    await pageTitled(page, 'Topology and replication');
    await page
      .getByTestId('proposal')
      .filter({ hasText: 'changed from 18 to 17' })
      .waitFor({ timeout: UI_MS });
    const compose = await previewedFile(page, 'docker-compose.yml');
    assert.match(compose, /PGVERSION\W+17/);
    await next(page);
    await pageTitled(page, 'Databases and connection pooling');
    await page
      .getByRole('checkbox', { name: 'PgBouncer in front of the replicas' })
      .check();
    await next(page);
    await page
      .locator('.Mui-error', { hasText: 'with a replica pooler' })
      .first()
      .waitFor({ timeout: UI_MS });
    await pageTitled(page, 'Databases and connection pooling');
    assert.equal(
      await page.getByRole('button', { name: 'Review', exact: true }).count(),
      0,
      'Review is not offered while an answer is refused',
    );
    t.diagnostic(
      `refused: ${await screenshot(page, 'wizard-cross-page-refused')}`,
    );
  } catch (e) {
    t.diagnostic(
      `failure: ${await screenshot(page, 'wizard-compose-failure')}`,
    );
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

test('the restore template opens prefilled the way the entity tab links to it (a PostgreSQL 15 source stays on 15), and creates the clone entity', async t => {
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
    // The source's major and volume size (a PostgreSQL 15 source).
    postgresql: { version: 15 },
    storage: { size: '50Gi' },
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
    const version = page.locator('.MuiFormControl-root', {
      hasText: "Major version (the source's)",
    });
    // The innermost of the nested form controls is the select itself.
    assert.match(await version.last().innerText(), /\b15\b/);
    assert.equal(
      await page.getByRole('textbox', { name: 'Volume size' }).inputValue(),
      '50Gi',
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
