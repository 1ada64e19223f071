import { renderInTestApp } from '@backstage/test-utils';
import { ClusterStatus } from '@pgha/plugin-postgres-ha-common';
import { screen, within } from '@testing-library/react';
import {
  healthyStatus,
  leaderLostStatus,
  observedHistory,
} from '../__testUtils__/fixtures';
import { mockClient, renderWithApis } from '../__testUtils__/renderWithApis';
import { FailoverHistory } from './FailoverHistory';
import { LastUpdated } from './LastUpdated';
import { PostgresHaContent } from './PostgresHaContent';

// Rendering the tab takes seconds on a busy two-core machine.
jest.setTimeout(30_000);

describe('the tab during a leader loss', () => {
  it('shows Down, failover in progress, the dead leader unreachable (not running) and who is missing', async () => {
    await renderWithApis(<PostgresHaContent />, {
      api: mockClient(leaderLostStatus),
    });
    expect(await screen.findByText('Down')).toBeInTheDocument();
    expect(screen.getByTestId('failover-in-progress')).toHaveTextContent(
      /Failover in progress.*leader pg0 does not answer; Patroni promotes a replica once its leader lock expires \(ttl 10 s\)/,
    );
    expect(
      screen.getByText(
        'Leader pg0 unreachable — Patroni fails over within ttl 10 s',
      ),
    ).toBeInTheDocument();
    const pg0 = screen.getByTestId('member-pg0');
    expect(pg0).toHaveTextContent('unreachable');
    expect(pg0).toHaveTextContent('DCS: running');
    expect(
      within(pg0)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).not.toContain('running');
    expect(screen.getByText('2 of 3 ready (pg0 unreachable)')).toBeVisible();
  });

  it('hides columns that do not apply to a Patroni cluster (node, restarts)', async () => {
    await renderWithApis(<PostgresHaContent />, {
      api: mockClient(healthyStatus),
    });
    const table = await screen.findByRole('table', { name: 'Cluster members' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers).not.toContain('Node');
    expect(headers).not.toContain('Restarts');
  });
});

describe('LastUpdated (freshness)', () => {
  it('shows the data age and the zone, and no stale mark within two intervals', async () => {
    const at = new Date();
    await renderInTestApp(
      <LastUpdated
        at={at}
        mode="live"
        status={{ ...healthyStatus, ageMs: 3_000, refreshIntervalSeconds: 5 }}
      />,
    );
    expect(screen.getByTestId('last-updated')).toHaveTextContent(
      /data from .*\(.+\), [3-5] s old · live updates/,
    );
    expect(screen.queryByTestId('stale')).not.toBeInTheDocument();
  });

  it('marks data stale after two missed intervals and says why', async () => {
    const at = new Date();
    const status: ClusterStatus = {
      ...healthyStatus,
      ageMs: 12_000,
      refreshIntervalSeconds: 5,
    };
    const { unmount } = await renderInTestApp(
      <LastUpdated at={at} mode="live" status={status} />,
    );
    expect(screen.getByTestId('stale')).toHaveTextContent(
      /^Stale: no newer data for 1[2-4] s \(expected every 5 s\) — the event stream is open but nothing newer arrived/,
    );
    unmount();
    await renderInTestApp(
      <LastUpdated
        at={at}
        mode="polling"
        status={status}
        error={new Error('503 Service Unavailable')}
      />,
    );
    expect(screen.getByTestId('stale')).toHaveTextContent(
      'the backend did not answer (503 Service Unavailable)',
    );
  });

  it('says "never" before the first snapshot (loading)', async () => {
    await renderInTestApp(<LastUpdated mode="live" />);
    expect(screen.getByTestId('last-updated')).toHaveTextContent(
      'Last updated never',
    );
  });
});

describe('FailoverHistory', () => {
  it('tells a failover from a switchover, with old and new leader, time to recover and initiator', async () => {
    await renderInTestApp(<FailoverHistory history={observedHistory} />);
    const rows = within(
      screen.getByRole('table', { name: 'Failover history' }),
    ).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(
      /5.*switchover.*pg1 → pg2.*2\.1 s.*user:default\/dba.*0\/6000148/,
    );
    expect(rows[2]).toHaveTextContent(/4.*failover.*pg0 → pg1.*9\.4 s/);
    expect(
      screen.getByRole('columnheader', { name: /^Time \(.+\)$/ }),
    ).toBeInTheDocument();
  });

  it('says a change was not observed when the backend did not see it', async () => {
    await renderInTestApp(<FailoverHistory history={healthyStatus.history} />);
    expect(screen.getAllByText(/^not observed/)).toHaveLength(2);
  });

  it('has an empty state', async () => {
    await renderInTestApp(<FailoverHistory history={[]} />);
    expect(
      screen.getByText(/No failover or switchover recorded/),
    ).toBeInTheDocument();
  });
});
