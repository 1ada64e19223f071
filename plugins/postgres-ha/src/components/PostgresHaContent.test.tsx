import { act, screen, waitFor, within } from '@testing-library/react';
import { ClusterStatus } from '@pgha/plugin-postgres-ha-common';
import {
  degradedStatus,
  downStatus,
  healthyStatus,
  kubernetesStatus,
  unreachableStatus,
} from '../__testUtils__/fixtures';
import {
  backendError,
  expectTexts,
  failingClient,
  mockClient,
  renderWithApis,
} from '../__testUtils__/renderWithApis';
import { PostgresHaContent } from './PostgresHaContent';

const membersTable = () =>
  screen.getByRole('table', { name: 'Cluster members' });

describe('PostgresHaContent (the PostgreSQL tab)', () => {
  it('shows a healthy cluster: verdict, version, endpoints, three members with one leader', async () => {
    await renderWithApis(<PostgresHaContent />, {
      api: mockClient(healthyStatus),
    });

    expect(await screen.findByText('Healthy')).toBeInTheDocument();
    expectTexts('15.14', '3 of 3 ready', 'Patroni REST API (direct)');
    expect(
      screen.getByRole('button', { name: 'Copy 127.0.0.1:15432' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Copy 127.0.0.1:15435' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Dashboards/ })).toHaveAttribute(
      'href',
      'http://127.0.0.1:3001/d/pg/lab',
    );
    const rows = within(membersTable()).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(within(membersTable()).getAllByTestId('role-leader')).toHaveLength(
      1,
    );
    expect(within(rows[0]).getByText('pg0')).toBeInTheDocument();
    expect(within(rows[2]).getByText('2,048 B (2.0 KiB)')).toBeInTheDocument();
    expect(screen.getByTestId('last-updated')).toHaveTextContent(
      'live updates',
    );
  });

  it('shows a Kubernetes cluster: target, operator status, pods, nodes, restarts and the pgAdmin link', async () => {
    await renderWithApis(<PostgresHaContent />, {
      api: mockClient(kubernetesStatus),
    });
    expect(
      await screen.findByText('Kubernetes: prod-eu / data'),
    ).toBeInTheDocument();
    expectTexts('Running', '10.2.3.9 / orders-db-1', 'ip-10-0-3-7');
    const standby = within(membersTable()).getByTestId('member-orders-db-1');
    expect(
      within(standby).getByTestId('role-sync_standby'),
    ).toBeInTheDocument();
    expect(standby.lastElementChild).toHaveTextContent('2');
    expect(screen.getByRole('link', { name: /Open pgAdmin/ })).toHaveAttribute(
      'href',
      'https://pgadmin.example.test/browser/',
    );
  });

  it('lists failovers newest first', async () => {
    await renderWithApis(<PostgresHaContent />, {
      api: mockClient({
        ...healthyStatus,
        history: [...healthyStatus.history].reverse(),
      }),
    });
    const table = await screen.findByRole('table', {
      name: 'Failover history',
    });
    const timelines = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(r => r.firstElementChild?.textContent);
    expect(timelines).toEqual(['2', '1']);
  });

  it('shows a degraded verdict with its reasons, the sync standby and lag over threshold', async () => {
    await renderWithApis(<PostgresHaContent />, {
      api: mockClient(degradedStatus),
    });

    expect(await screen.findByText('Degraded')).toBeInTheDocument();
    const reasons = screen.getByRole('list', { name: 'Health reasons' });
    expect(
      within(reasons)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual(degradedStatus.health.reasons);
    expect(
      within(membersTable()).getByTestId('role-sync_standby'),
    ).toBeInTheDocument();
    expect(screen.getByText('50,331,648 B (48.0 MiB)')).toBeInTheDocument();
    expect(screen.getByText('unknown')).toBeInTheDocument();
    expect(screen.getByText(/synchronous/)).toBeInTheDocument();
  });

  it('shows a down cluster with no leader', async () => {
    await renderWithApis(<PostgresHaContent />, {
      api: mockClient(downStatus),
    });
    expect(await screen.findByText('Down')).toBeInTheDocument();
    expect(
      screen.getByText('no member holds the leader lock'),
    ).toBeInTheDocument();
    expect(
      within(membersTable()).queryByTestId('role-leader'),
    ).not.toBeInTheDocument();
  });

  it('says the source is unreachable, why, and keeps the page usable', async () => {
    await renderWithApis(<PostgresHaContent />, {
      api: mockClient(unreachableStatus),
    });
    expect(
      await screen.findByText(
        /Cluster source unreachable \(PatroniUnreachable\)/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/No Patroni member answered at 127.0.0.1:15438/),
    ).toBeInTheDocument();
    expect(screen.getByText('Unknown')).toBeInTheDocument();
    expect(screen.getByText('No members reported.')).toBeInTheDocument();
    expect(screen.getByText('No base backups yet.')).toBeInTheDocument();
  });

  it('shows progress while the first status is loading', async () => {
    const api = mockClient(healthyStatus, {
      getStatus: jest.fn(() => new Promise<ClusterStatus>(() => {})),
    });
    await renderWithApis(<PostgresHaContent />, { api });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the backend error when the status cannot be read at all', async () => {
    const api = failingClient('Request failed with 503 Service Unavailable');
    await renderWithApis(<PostgresHaContent />, { api });
    expect(
      (await screen.findAllByText(/503 Service Unavailable/)).length,
    ).toBeGreaterThan(0);
  });

  it('explains a cluster the backend does not know (404) instead of a raw request error', async () => {
    const api = failingClient(
      await backendError(
        404,
        'NotFoundError',
        "Entity resource:default/orders-db names Kubernetes cluster 'prod', which is not configured",
      ),
    );
    await renderWithApis(<PostgresHaContent />, { api });
    expect(
      await screen.findByText(/This cluster is not connected to Backstage yet/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/names Kubernetes cluster 'prod'/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Request failed/)).not.toBeInTheDocument();
  });

  it('says the read permission was denied (403)', async () => {
    const api = failingClient(
      await backendError(403, 'NotAllowedError', 'Unauthorized'),
    );
    await renderWithApis(<PostgresHaContent />, { api });
    expect(
      await screen.findByText(/You may not view this cluster's status/),
    ).toBeInTheDocument();
  });

  it('shows the new leader from the event stream without a reload', async () => {
    const failedOver: ClusterStatus = {
      ...healthyStatus,
      members: [
        {
          ...healthyStatus.members[0],
          role: 'replica',
          state: 'stopped',
          lagBytes: null,
        },
        { ...healthyStatus.members[1], role: 'leader', timeline: 4 },
        healthyStatus.members[2],
      ],
    };
    let push: (s: ClusterStatus) => void = () => {};
    const api = mockClient(healthyStatus, {
      streamStatus: jest.fn((_e, { onStatus, signal }) => {
        push = onStatus;
        return new Promise<void>(resolve =>
          signal.addEventListener('abort', () => resolve()),
        );
      }),
    });
    await renderWithApis(<PostgresHaContent />, { api });
    const leaderRow = async () =>
      within(membersTable()).getByTestId('role-leader').closest('tr')
        ?.firstElementChild?.textContent;
    await waitFor(async () => expect(await leaderRow()).toBe('pg0'));

    act(() => push(failedOver));

    await waitFor(async () => expect(await leaderRow()).toBe('pg1'));
    expect(api.getStatus).toHaveBeenCalledTimes(1);
  });
});
