import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { healthyStatus } from '../__testUtils__/fixtures';
import { BackupsCard } from './BackupsCard';

const now = new Date('2026-11-22T03:55:00Z');

describe('BackupsCard', () => {
  it('shows the recoverable window, the schedule in words with its next run, recent runs and base backups', async () => {
    await renderInTestApp(
      <BackupsCard backups={healthyStatus.backups} now={now} />,
    );

    expect(screen.getByTestId('recovery-window')).toHaveTextContent(
      `${new Date('2026-11-21T00:30:41Z').toLocaleString()} – ${new Date(
        '2026-11-22T03:55:10Z',
      ).toLocaleString()}`,
    );
    expect(
      screen.getByText(
        `At 00:30 (UTC); next run ${new Date(
          '2026-11-23T00:30:00Z',
        ).toLocaleString()}`,
      ),
    ).toBeInTheDocument();
    const runs = within(
      screen.getByRole('table', { name: 'Recent logical backups' }),
    ).getAllByRole('row');
    expect(runs[1]).toHaveTextContent(/logical-20261121.*Succeeded.*1 min 2 s/);
    expect(runs[2]).toHaveTextContent(/logical-20261120.*Failed.*9 s/);
    const base = within(
      screen.getByRole('table', { name: 'Base backups' }),
    ).getAllByRole('row');
    expect(base[1]).toHaveTextContent(/20261121-003000F.*full.*30\.0 MiB/);
  });

  it('says plainly when there are no backups and no recoverable window', async () => {
    await renderInTestApp(<BackupsCard backups={{ base: [] }} now={now} />);
    expect(
      screen.getByText('No logical backup schedule configured.'),
    ).toBeInTheDocument();
    expect(screen.getByText('No base backups yet.')).toBeInTheDocument();
    expect(screen.getByTestId('recovery-window')).toHaveTextContent(
      'No point-in-time recovery possible',
    );
  });

  it('warns when backup information could not be read and names an unreadable schedule', async () => {
    await renderInTestApp(
      <BackupsCard
        backups={{
          base: [],
          logical: { schedule: '61 * * *', runs: [] },
          error: 'pgbackrest info exited with code 82: no stanza',
        }}
        now={now}
      />,
    );
    expect(
      screen.getByText(/pgbackrest info exited with code 82/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Unreadable schedule "61 \* \* \*"/),
    ).toBeInTheDocument();
    expect(screen.getByText('No runs yet.')).toBeInTheDocument();
  });
});
