import { renderInTestApp } from '@backstage/test-utils';
import { ClusterStatus } from '@pgha/plugin-postgres-ha-common';
import { cleanup, screen, within } from '@testing-library/react';
import {
  healthyStatus,
  kubernetesStatus,
  leaderLostStatus,
} from '../__testUtils__/fixtures';
import { BackupsCard } from './BackupsCard';
import { ClusterHeader } from './ClusterHeader';
import { MembersTable } from './MembersTable';

const withPrimary: ClusterStatus = {
  ...healthyStatus,
  cluster: {
    ...healthyStatus.cluster,
    primary: {
      systemIdentifier: '7714222196431749576',
      startedAt: new Date(Date.now() - 3_720_000).toISOString(),
      timeline: 3,
      walPosition: '0/7000060',
      walFile: '000000030000000000000007',
      patroniVersion: '3.0.2',
    },
  },
  members: healthyStatus.members.map(m => {
    if (m.role === 'leader') return m;
    return m.name === 'pg1'
      ? {
          ...m,
          role: 'sync_standby' as const,
          syncState: 'sync',
          syncPriority: 1,
        }
      : { ...m, syncState: 'async', syncPriority: 0 };
  }),
};

// Rendering the tab takes seconds on a busy two-core machine.
jest.setTimeout(30_000);

describe('ClusterHeader summary and connection strings', () => {
  it("shows the leader's identity, uptime with zone, write position and WAL file, Patroni version", async () => {
    await renderInTestApp(<ClusterHeader status={withPrimary} />);
    expect(screen.getByText('7714222196431749576')).toBeInTheDocument();
    expect(screen.getByText(/\(.+\), up 1 h 2 min$/)).toBeInTheDocument();
    expect(
      screen.getByText('0/7000060 (WAL 000000030000000000000007), timeline 3'),
    ).toBeInTheDocument();
    expect(screen.getByText('3.0.2')).toBeInTheDocument();
  });

  it('leaves the summary rows out while the leader does not answer (empty state)', async () => {
    await renderInTestApp(<ClusterHeader status={leaderLostStatus} />);
    expect(screen.queryByText('System identifier')).not.toBeInTheDocument();
    expect(screen.queryByText('Write position')).not.toBeInTheDocument();
  });

  it('offers one copyable libpq URI per service, no password, and one copy button per replica host', async () => {
    await renderInTestApp(<ClusterHeader status={healthyStatus} />);
    const hosts = '127.0.0.1:15432,127.0.0.1:15433,127.0.0.1:15434';
    expect(
      screen.getByRole('button', {
        name: `Copy postgresql://${hosts}/postgres?target_session_attrs=read-write`,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: `Copy postgresql://${hosts}/postgres?target_session_attrs=prefer-standby`,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: 'Copy postgresql://127.0.0.1:15435/postgres',
      }),
    ).toBeInTheDocument();
    for (const host of ['127.0.0.1:15433', '127.0.0.1:15434']) {
      expect(
        screen.getByRole('button', { name: `Copy ${host}` }),
      ).toBeInTheDocument();
    }
    expect(screen.queryByText(/password/i)).not.toBeInTheDocument();
    expect(screen.queryByText('Credentials Secret')).not.toBeInTheDocument();
  });

  it("names a Kubernetes cluster's service URIs with TLS and its credentials Secret", async () => {
    await renderInTestApp(<ClusterHeader status={kubernetesStatus} />);
    expect(
      screen.getByRole('button', {
        name: 'Copy postgresql://orders-db.data.svc:5432/postgres?sslmode=require',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'postgres.orders-db.credentials.postgresql.acid.zalan.do (namespace data)',
      ),
    ).toBeInTheDocument();
  });
});

describe('MembersTable sync column', () => {
  it("shows each standby's sync state and priority, and hides the column when all are async or unknown", async () => {
    const { unmount } = await renderInTestApp(
      <MembersTable members={withPrimary.members} />,
    );
    expect(
      within(screen.getByTestId('member-pg1')).getByText('sync (priority 1)'),
    ).toBeVisible();
    expect(
      within(screen.getByTestId('member-pg2')).getByText('async'),
    ).toBeVisible();
    unmount();
    await renderInTestApp(
      <MembersTable
        members={withPrimary.members.map(m => ({ ...m, syncState: 'async' }))}
      />,
    );
    expect(
      screen.queryByRole('columnheader', { name: 'Sync' }),
    ).not.toBeInTheDocument();
    cleanup();
    await renderInTestApp(<MembersTable members={leaderLostStatus.members} />);
    expect(
      screen.queryByRole('columnheader', { name: 'Sync' }),
    ).not.toBeInTheDocument();
  });
});

describe('BackupsCard depth', () => {
  it('shows how long each base backup took, its WAL range and the newest archived WAL with the zone', async () => {
    await renderInTestApp(
      <BackupsCard
        backups={{
          ...healthyStatus.backups,
          base: [
            {
              ...healthyStatus.backups.base[0],
              walStop: '000000030000000000000006',
            },
          ],
          recoveryWindow: {
            ...healthyStatus.backups.recoveryWindow!,
            latestWal: '00000003000000000000000A',
          },
        }}
      />,
    );
    const row = within(
      screen.getByRole('table', { name: 'Base backups' }),
    ).getAllByRole('row')[1];
    expect(row).toHaveTextContent(
      /41 s.*000000030000000000000005 –\s?000000030000000000000006/,
    );
    expect(screen.getByTestId('recovery-window')).toHaveTextContent(
      /\(.+\)Newest archived WAL: 00000003000000000000000A/,
    );
  });
});
