import { OperationRecord } from '@pgha/plugin-postgres-ha-common';
import { screen, within } from '@testing-library/react';
import { healthyStatus } from '../__testUtils__/fixtures';
import {
  backendError,
  mockClient,
  renderWithApis,
} from '../__testUtils__/renderWithApis';
import { OperationsHistoryCard } from './OperationsHistoryCard';

const entity = { kind: 'Resource', namespace: 'default', name: 'lab-postgres' };

const switchover: OperationRecord = {
  id: 'op-2',
  operation: 'switchover',
  cluster: 'patroni:lab',
  entityRef: 'resource:default/lab-postgres',
  actor: 'user:default/alice',
  replica: 'backstage-0',
  parameters: { candidate: 'pg2' },
  status: 'succeeded',
  message: 'Successfully switched over to "pg2"',
  startedAt: '2026-11-22T04:00:00.000Z',
  endedAt: '2026-11-22T04:00:03.400Z',
  durationMs: 3400,
};
const interrupted: OperationRecord = {
  ...switchover,
  id: 'op-1',
  operation: 'backup',
  actor: 'user:default/bob',
  replica: 'backstage-1',
  parameters: {},
  status: 'interrupted',
  message: 'Replica backstage-1 stopped renewing its lease',
  startedAt: '2026-11-22T03:00:00.000Z',
  endedAt: '2026-11-22T03:01:02.000Z',
  durationMs: 62_000,
};

const render = (getOperations: jest.Mock) =>
  renderWithApis(<OperationsHistoryCard entity={entity} />, {
    api: mockClient(healthyStatus, { getOperations }),
  });

describe('OperationsHistoryCard', () => {
  it('lists who ran which operation with which parameters, when, how long, from which replica and how it ended', async () => {
    const getOperations = jest.fn(async () => ({
      operations: [switchover, interrupted],
    }));
    await render(getOperations);

    const rows = within(
      await screen.findByRole('table', { name: 'Operations' }),
    ).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(
      new RegExp(
        `switchover.*candidate=pg2.*user:default/alice.*${new Date(
          switchover.startedAt,
        ).toLocaleString()}.*3 s.*backstage-0.*succeeded: Successfully switched over`,
      ),
    );
    expect(rows[2]).toHaveTextContent(
      /backup.*—.*user:default\/bob.*1 min 2 s.*backstage-1.*interrupted: Replica backstage-1 stopped/,
    );
    expect(getOperations).toHaveBeenCalledWith(entity);
  });

  it('shows progress while the history loads', async () => {
    await render(jest.fn(() => new Promise(() => {})));
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('says so when no operation was recorded yet', async () => {
    await render(jest.fn(async () => ({ operations: [] })));
    expect(
      await screen.findByText(/No operations recorded yet/),
    ).toBeInTheDocument();
  });

  it("shows the backend's message when the history cannot be read", async () => {
    const error = await backendError(
      403,
      'NotAllowedError',
      'Not allowed: postgres-ha.cluster.read on resource:default/lab-postgres',
    );
    await render(
      jest.fn(async () => {
        throw error;
      }),
    );
    expect(
      await screen.findByText(/The operations history could not be read/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Not allowed: postgres-ha.cluster.read on resource:default/lab-postgres',
      ),
    ).toBeInTheDocument();
  });
});
