// The PostgreSQL entity tab against the running app and the real local HA lab (scripts/lab):
// three members with one leader; kill the leader and see the new one without a reload; then a
// switchover from the UI. Every wait is bounded; the lab is healed and its leader restored after.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  APP_URL,
  launchBrowser,
  screenshot,
  signInAsGuest,
} from './lib/browser.mjs';
import {
  lab,
  labOk,
  status as labStatus,
  waitFor,
} from '../lab/test/helpers.mjs';

const TAB_URL = new URL(
  '/catalog/default/resource/lab-postgres/postgresql',
  APP_URL,
).href;
const OVERVIEW_URL = new URL('/catalog/default/resource/lab-postgres', APP_URL)
  .href;
const NEW_LEADER_BUDGET_MS = 60_000;
const env = process.env; // the app's own lab: default LAB_DIR and ports

let browser;
let originalLeader;

const healthy = st =>
  st.up &&
  st.leader &&
  st.members.length === 3 &&
  st.members.every(m => ['running', 'streaming'].includes(m.state));

before(async () => {
  const st = await labStatus(env);
  assert.ok(
    healthy(st),
    `the app's lab must be up and healthy (scripts/lab status): ${JSON.stringify(
      st.members,
    )}`,
  );
  originalLeader = st.leader;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (!originalLeader) return;
  // Leave the lab as it was: all members back, the original leader leading.
  await lab(env, ['heal'], 20_000);
  const st = await waitFor(
    'all three lab members healthy',
    async () => {
      const s = await labStatus(env);
      return healthy(s) && s;
    },
    120_000,
    1_000,
  );
  if (st.leader !== originalLeader) {
    await labOk(env, ['switchover', '--candidate', originalLeader], 90_000);
  }
});

const members = page =>
  page.locator('table[aria-label="Cluster members"] tbody tr');
/** The one leader's name on the tab, or null while there is not exactly one. */
async function leaderName(page) {
  if ((await page.getByTestId('role-leader').count()) !== 1) return null;
  const cell = members(page)
    .filter({ has: page.getByTestId('role-leader') })
    .locator('td')
    .first();
  return (await cell.textContent({ timeout: 2_000 })).trim();
}
const memberState = (page, name) =>
  members(page)
    .filter({ has: page.getByRole('cell', { name, exact: true }) })
    .locator('td')
    .nth(2)
    .textContent();

/** Reads the tab (no reload) until `predicate(leader)` holds; returns the leader and elapsed ms. */
async function waitForLeader(page, what, predicate, budgetMs) {
  const started = Date.now();
  const leader = await waitFor(
    what,
    async () => {
      const name = await leaderName(page);
      return name !== null && predicate(name) && name;
    },
    budgetMs,
    250,
  );
  return { leader, ms: Date.now() - started };
}

let signedIn = false;
/**
 * Opens `url` signed in as guest. The dev backend restarts when sources change and its in-memory
 * database then forgets the session, so sign in again whenever the sign-in page shows up.
 */
async function openSignedIn(url) {
  const page = signedIn
    ? await browser.context.newPage()
    : await signInAsGuest(browser.context);
  signedIn = true;
  const enter = page.getByRole('button', { name: /enter/i });
  const signedInNav = page.getByRole('link', { name: 'Catalog' }).first();
  // signInAsGuest returns on the click; a click while the backend restarts does nothing: retry
  const settled = () =>
    enter.waitFor({ state: 'detached', timeout: 20_000 }).catch(() => {});
  for (let attempt = 0; attempt < 5; attempt++) {
    await settled();
    await page.goto(url);
    await Promise.race([
      enter.waitFor({ timeout: 60_000 }),
      signedInNav.waitFor({ timeout: 60_000 }),
    ]);
    if (!(await enter.isVisible())) return page;
    await enter.click();
  }
  throw new Error(`still not signed in after 5 attempts at ${url}`);
}

/** Runs `body`; on failure saves a screenshot named after the test, then rethrows. */
async function withFailureScreenshot(t, page, name, body) {
  try {
    await body();
  } catch (error) {
    t.diagnostic(`screenshot: ${await screenshot(page, `${name}-failure`)}`);
    throw error;
  }
}

test(
  'the Overview page shows the PostgreSQL card with the leader; the tab renders in the dark theme',
  { timeout: 120_000 },
  async t => {
    const page = await openSignedIn(OVERVIEW_URL);
    await withFailureScreenshot(t, page, 'entity-overview', async () => {
      const card = page.locator('.MuiCard-root', {
        has: page.getByText('Open the PostgreSQL tab'),
      });
      await card.getByText(`Leader`).waitFor({ timeout: 60_000 });
      await waitFor(
        'the lab leader on the card',
        async () => (await card.innerText()).includes(originalLeader),
        30_000,
      );
      t.diagnostic(
        `screenshot: ${await screenshot(page, 'entity-overview-card')}`,
      );
      await card.getByText('Open the PostgreSQL tab').click();
      await page.waitForURL(/\/postgresql$/, { timeout: 30_000 });

      await page.evaluate(() => localStorage.setItem('theme', 'dark'));
      await page.reload();
      await members(page).first().waitFor({ timeout: 60_000 });
      const luminance = await page.evaluate(() => {
        const card = document
          .querySelector('table[aria-label="Cluster members"]')
          .closest('.MuiPaper-root');
        const [r, g, b] = getComputedStyle(card)
          .backgroundColor.match(/\d+/g)
          .map(Number);
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
      });
      assert.ok(
        luminance < 0.4,
        `the members card follows the dark theme (luminance ${luminance.toFixed(
          2,
        )})`,
      );
      t.diagnostic(`screenshot: ${await screenshot(page, 'entity-tab-dark')}`);
      await page.evaluate(() => localStorage.removeItem('theme'));
    });
  },
);

test(
  'the PostgreSQL tab follows a failover live and performs a switchover',
  { timeout: 420_000 },
  async t => {
    const page = await openSignedIn(TAB_URL);
    await withFailureScreenshot(t, page, 'entity-tab', async () => {
      // 1. three members, exactly one leader: the one the lab reports
      await members(page).first().waitFor({ timeout: 60_000 });
      await waitFor(
        'three members in the table',
        async () => (await members(page).count()) === 3,
        30_000,
      );
      const { leader: shownLeader } = await waitForLeader(
        page,
        'one leader',
        () => true,
        30_000,
      );
      assert.equal(
        shownLeader,
        originalLeader,
        'the tab shows the leader the lab reports',
      );
      assert.equal(await page.getByTestId('role-leader').count(), 1);
      t.diagnostic(
        `screenshot: ${await screenshot(page, 'entity-tab-healthy')}`,
      );

      // 2. kill the leader; the open tab shows another leader without a reload
      const navigations = [];
      page.on(
        'framenavigated',
        f => f === page.mainFrame() && navigations.push(f.url()),
      );
      const killed = JSON.parse(
        (await labOk(env, ['kill-leader'], 30_000)).stdout,
      );
      assert.equal(killed.killed, originalLeader);
      // "during": the first moment the tab shows something is wrong (or already the new leader)
      await waitFor(
        'the tab to notice the failure',
        async () =>
          !(
            await page.getByTestId('health-verdict').innerText()
          ).includes('Healthy') || (await leaderName(page)) !== originalLeader,
        NEW_LEADER_BUDGET_MS,
        250,
      );
      t.diagnostic(
        `screenshot: ${await screenshot(page, 'entity-tab-failover-during')}`,
      );
      const failover = await waitForLeader(
        page,
        'a different leader on the tab',
        name => name !== originalLeader,
        NEW_LEADER_BUDGET_MS,
      );
      const sinceKillMs = Math.round(Date.now() - killed.killedAt * 1000);
      t.diagnostic(
        `new leader ${failover.leader} shown ${sinceKillMs} ms after kill -9 of ${originalLeader}`,
      );
      assert.ok(
        sinceKillMs <= NEW_LEADER_BUDGET_MS + 5_000,
        `new leader shown within budget (${sinceKillMs} ms)`,
      );
      assert.deepEqual(navigations, [], 'the page was not reloaded');
      t.diagnostic(
        `update channel: ${await page.getByTestId('last-updated').innerText()}`,
      );
      t.diagnostic(
        `screenshot: ${await screenshot(page, 'entity-tab-failover-after')}`,
      );

      // 3. switch back to the original leader from the UI once it streams again
      await lab(env, ['heal'], 20_000);
      await waitFor(
        `${originalLeader} streaming again on the tab`,
        async () =>
          (await memberState(page, originalLeader)).trim() === 'streaming',
        120_000,
        500,
      );
      await page.getByRole('button', { name: /Switch over/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: /New leader/ }).click();
      await page
        .getByRole('option', { name: new RegExp(`^${originalLeader} `) })
        .click();
      await assert.doesNotReject(
        dialog
          .getByText(
            `Patroni hands the leader role from ${failover.leader} to ${originalLeader}`,
          )
          .waitFor({ timeout: 5_000 }),
      );
      const switchStarted = Date.now();
      await dialog
        .getByRole('button', { name: 'Switch over', exact: true })
        .click();
      const result = dialog.getByRole('status');
      await result.waitFor({ timeout: 90_000 });
      const resultText = await result.textContent();
      assert.match(resultText, /^Done: /, `switchover result: ${resultText}`);
      await dialog.getByRole('button', { name: 'Close' }).click();
      const switched = await waitForLeader(
        page,
        `${originalLeader} leading on the tab`,
        name => name === originalLeader,
        NEW_LEADER_BUDGET_MS,
      );
      t.diagnostic(
        `switchover to ${originalLeader}: "${resultText}", shown ${
          Date.now() - switchStarted
        } ms after confirming`,
      );
      assert.equal(switched.leader, originalLeader);
      t.diagnostic(
        `screenshot: ${await screenshot(page, 'entity-tab-switchover')}`,
      );
    });
  },
);

test(
  'restore to a time asks the backend for a plan and opens the restore template prefilled',
  { timeout: 120_000 },
  async t => {
    const page = await openSignedIn(TAB_URL);
    await withFailureScreenshot(t, page, 'entity-tab-restore', async () => {
      await page
        .getByRole('button', { name: /Restore to a time/ })
        .click({ timeout: 60_000 });
      const dialog = page.getByRole('dialog');
      // the time defaults to the newest restorable moment the backend reported
      const chosen = await dialog.getByLabel('Restore to').inputValue();
      assert.ok(chosen, 'a restore time is preselected');
      await dialog
        .getByRole('button', { name: 'Open restore template' })
        .click();
      await page.waitForURL(/\/create\/templates\//, { timeout: 30_000 });
      const url = new URL(page.url());
      assert.equal(
        url.pathname,
        '/create/templates/default/postgres-cluster-restore',
      );
      const formData = JSON.parse(url.searchParams.get('formData'));
      assert.equal(
        new Date(formData.targetTime).getTime(),
        new Date(chosen).getTime(),
        `the plan carries the chosen time: ${JSON.stringify(formData)}`,
      );
      t.diagnostic(`restore plan formData: ${JSON.stringify(formData)}`);
      // the scaffolder shows the restore template with the plan's time filled in
      const targetTime = page.getByLabel(/Restore to \(RFC 3339/);
      await targetTime.waitFor({ timeout: 60_000 });
      assert.equal(await targetTime.inputValue(), formData.targetTime);
      t.diagnostic(
        `screenshot: ${await screenshot(page, 'entity-tab-restore-template')}`,
      );
    });
  },
);
