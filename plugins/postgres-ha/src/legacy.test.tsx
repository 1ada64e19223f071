import { screen } from '@testing-library/react';
import { postgresHaApiRef } from './api/PostgresHaClient';
import { healthyStatus } from './__testUtils__/fixtures';
import { mockClient, renderWithApis } from './__testUtils__/renderWithApis';
import {
  EntityPostgresHaContent,
  EntityPostgresHaOverviewCard,
  postgresHaPlugin,
} from './legacy';

describe('legacy frontend exports', () => {
  it('registers the API client factory with the legacy plugin', () => {
    const apis = [...postgresHaPlugin.getApis()];
    expect(apis.map(f => f.api.id)).toContain(postgresHaApiRef.id);
  });

  it('renders the tab content as a lazily loaded plugin component', async () => {
    await renderWithApis(<EntityPostgresHaContent />, {
      api: mockClient(healthyStatus),
    });
    expect(
      await screen.findByRole('table', { name: 'Cluster members' }),
    ).toBeInTheDocument();
  });

  it('renders the overview card as a lazily loaded plugin component', async () => {
    await renderWithApis(<EntityPostgresHaOverviewCard />, {
      api: mockClient(healthyStatus),
    });
    expect(
      await screen.findByText('Open the PostgreSQL tab'),
    ).toBeInTheDocument();
  });
});
