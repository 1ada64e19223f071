import { screen } from '@testing-library/react';
import {
  degradedStatus,
  healthyStatus,
  leaderLostStatus,
  unreachableStatus,
} from '../__testUtils__/fixtures';
import {
  expectTexts,
  failingClient,
  mockClient,
  renderWithApis,
} from '../__testUtils__/renderWithApis';
import { PostgresHaOverviewCard } from './PostgresHaOverviewCard';

describe('PostgresHaOverviewCard', () => {
  it('summarises a healthy cluster: leader, ready instances, max replica lag, and links to the tab', async () => {
    await renderWithApis(<PostgresHaOverviewCard />, {
      api: mockClient(healthyStatus),
    });
    expect(await screen.findByText('Healthy')).toBeInTheDocument();
    expectTexts('pg0', '3 of 3 ready', '2.0 KiB');
    expect(
      screen.getByRole('link', { name: /Open the PostgreSQL tab/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/lab-postgres/postgresql',
    );
  });

  it('leads with the degraded verdict and its reasons', async () => {
    await renderWithApis(<PostgresHaOverviewCard />, {
      api: mockClient(degradedStatus),
    });
    expect(await screen.findByText('Degraded')).toBeInTheDocument();
    expect(
      screen.getByText('pg2 is 48.0 MiB behind the leader'),
    ).toBeInTheDocument();
    expect(screen.getByText('48.0 MiB')).toBeInTheDocument();
  });

  it('says the source is unreachable and that there is no leader', async () => {
    await renderWithApis(<PostgresHaOverviewCard />, {
      api: mockClient(unreachableStatus),
    });
    expect(
      await screen.findByText(/Source unreachable: No Patroni member answered/),
    ).toBeInTheDocument();
    expect(screen.getByText('none')).toBeInTheDocument();
  });

  it('marks a failover in progress and the unreachable leader as such', async () => {
    await renderWithApis(<PostgresHaOverviewCard />, {
      api: mockClient(leaderLostStatus),
    });
    expect(await screen.findByText('Down')).toBeInTheDocument();
    expect(screen.getByTestId('failover-in-progress')).toHaveTextContent(
      'Failover in progress',
    );
    expectTexts('pg0 (unreachable)', '2 of 3 ready');
  });

  it('shows the error when the backend cannot be reached', async () => {
    const api = failingClient('Failed to fetch');
    await renderWithApis(<PostgresHaOverviewCard />, { api });
    expect(
      (await screen.findAllByText(/Failed to fetch/)).length,
    ).toBeGreaterThan(0);
  });
});
