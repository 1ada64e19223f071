import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { WalCard } from './WalCard';

// Rendering takes seconds on a busy two-core machine.
jest.setTimeout(30_000);

describe('WalCard', () => {
  it('shows archiving, database size and each slot with its state', async () => {
    await renderInTestApp(
      <WalCard
        wal={{
          archiving: {
            archivedCount: 9,
            lastArchivedWal: '000000090000000000000010',
            lastArchivedAt: '2026-12-01T07:21:37.065Z',
            failedCount: 0,
            failing: false,
          },
          slots: [
            {
              name: 'pg1',
              type: 'physical',
              active: true,
              restartLsn: '0/11000000',
              walStatus: 'reserved',
              safeWalSizeBytes: null,
            },
            {
              name: 'cdc',
              type: 'logical',
              plugin: 'pgoutput',
              active: false,
              walStatus: 'extended',
              safeWalSizeBytes: 1024 * 1024,
            },
          ],
          databaseSizeBytes: 15179626,
        }}
      />,
    );
    expect(screen.getByTestId('wal-archiving')).toHaveTextContent(
      /Archiving works.*Last archived 000000090000000000000010.*\(9 archived\)/,
    );
    expect(screen.getByText('Databases: 14.5 MiB')).toBeInTheDocument();
    const rows = within(
      screen.getByRole('table', { name: 'Replication slots' }),
    ).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(
      /pg1.*physical.*active, reserved.*0\/11000000.*unlimited/,
    );
    expect(rows[2]).toHaveTextContent(
      /cdc.*logical \(pgoutput\).*inactive, extended.*1\.0 MiB/,
    );
  });

  it('says when archiving fails', async () => {
    await renderInTestApp(
      <WalCard
        wal={{
          archiving: {
            archivedCount: 1,
            failedCount: 4,
            lastFailedWal: '000000010000000000000003',
            lastFailedAt: '2026-12-01T07:00:00Z',
            failing: true,
          },
          slots: [],
        }}
      />,
    );
    expect(screen.getByTestId('wal-archiving')).toHaveTextContent(
      /Archiving fails.*Last failed 000000010000000000000003.*\(4 failures\)/,
    );
    expect(screen.getByText('No replication slots.')).toBeInTheDocument();
  });

  it('shows the error when the WAL status could not be read', async () => {
    await renderInTestApp(
      <WalCard
        wal={{
          slots: [],
          error:
            'Cannot read WAL status as postgres@127.0.0.1:1/postgres: connection refused',
        }}
      />,
    );
    expect(
      screen.getByText(/Cannot read WAL status as postgres@127\.0\.0\.1:1/),
    ).toBeInTheDocument();
    expect(screen.queryByText('No replication slots.')).not.toBeInTheDocument();
  });

  it('says it is not read without SQL access (empty state)', async () => {
    await renderInTestApp(<WalCard />);
    expect(
      screen.getByText(/no SQL access to this cluster/),
    ).toBeInTheDocument();
  });
});
