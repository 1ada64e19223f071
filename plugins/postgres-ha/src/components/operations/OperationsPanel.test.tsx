import {
  postgresHaBackupPermission,
  postgresHaRestorePermission,
  postgresHaScalePermission,
  postgresHaSwitchoverPermission,
} from '@pgha/plugin-postgres-ha-common';
import { ClusterStatus } from '@pgha/plugin-postgres-ha-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import {
  healthyStatus,
  kubernetesStatus,
  noBackupsStatus,
} from '../../__testUtils__/fixtures';
import {
  clientAnswering,
  recordedMessage,
} from '../../__testUtils__/recordedBackendErrors';
import { mockClient, renderWithApis } from '../../__testUtils__/renderWithApis';
import { PostgresHaContent } from '../PostgresHaContent';

const ALL = [
  postgresHaSwitchoverPermission,
  postgresHaScalePermission,
  postgresHaBackupPermission,
  postgresHaRestorePermission,
].map(p => p.name);
const labRef = { kind: 'Resource', namespace: 'default', name: 'lab-postgres' };
const accepted = (operation: string, message: string) => ({
  operation,
  status: 'accepted',
  message,
  requestedAt: '2026-11-22T04:00:00Z',
});

async function openDialog(label: RegExp) {
  await userEvent.click(await screen.findByRole('button', { name: label }));
  return screen.findByRole('dialog');
}

// Dialogs driven with userEvent take a few seconds on a busy two-core machine.
jest.setTimeout(30_000);

describe('OperationsPanel', () => {
  it('hides every operation and says so when all permissions are denied', async () => {
    await renderWithApis(<PostgresHaContent />, {
      api: mockClient(healthyStatus),
      deny: ALL,
    });
    expect(
      await screen.findByText(
        'You are not permitted to run operations on this cluster.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Switch over/ }),
    ).not.toBeInTheDocument();
  });

  it('shows only the operations the user is permitted', async () => {
    await renderWithApis(<PostgresHaContent />, {
      api: mockClient(healthyStatus),
      deny: ALL.filter(n => n !== postgresHaSwitchoverPermission.name),
    });
    expect(
      await screen.findByRole('button', { name: /Switch over/ }),
    ).toBeEnabled();
    expect(
      screen.queryByRole('button', { name: /Scale/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Back up now/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Restore/ }),
    ).not.toBeInTheDocument();
  });

  it('switches over to the picked candidate after saying what will happen, then shows the result', async () => {
    const api = mockClient(healthyStatus, {
      switchover: jest.fn(
        async () => accepted('switchover', 'pg2 is the new leader') as any,
      ),
    });
    await renderWithApis(<PostgresHaContent />, { api });
    const dialog = await openDialog(/Switch over/);
    const confirm = within(dialog).getByRole('button', { name: 'Switch over' });
    expect(confirm).toBeDisabled();

    await userEvent.click(
      within(dialog).getByRole('button', { name: /New leader/ }),
    );
    await userEvent.click(await screen.findByRole('option', { name: /pg2/ }));
    expect(dialog).toHaveTextContent(
      'Patroni hands the leader role from pg0 to pg2',
    );
    await userEvent.click(confirm);

    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      'Done: pg2 is the new leader',
    );
    expect(api.switchover).toHaveBeenCalledWith(labRef, 'pg2');
  });

  it('still names the old leader after the switchover moved the leader role (not "from pg2 to pg2")', async () => {
    let push: (s: ClusterStatus) => void = () => {};
    const switched: ClusterStatus = {
      ...healthyStatus,
      members: [
        { ...healthyStatus.members[0], role: 'replica' },
        healthyStatus.members[1],
        { ...healthyStatus.members[2], role: 'leader' },
      ],
    };
    const api = mockClient(healthyStatus, {
      streamStatus: jest.fn((_e, { onStatus, signal }) => {
        push = onStatus;
        return new Promise<void>(resolve =>
          signal.addEventListener('abort', () => resolve()),
        );
      }),
      switchover: jest.fn(async () => {
        act(() => push(switched));
        return accepted('switchover', 'Successfully switched over') as any;
      }),
    });
    await renderWithApis(<PostgresHaContent />, { api });
    const dialog = await openDialog(/Switch over/);
    await userEvent.click(
      within(dialog).getByRole('button', { name: /New leader/ }),
    );
    await userEvent.click(await screen.findByRole('option', { name: /pg2/ }));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Switch over' }),
    );
    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      'Done: Successfully switched over',
    );
    expect(dialog).toHaveTextContent(
      'Patroni hands the leader role from pg0 to pg2',
    );
  });

  it('offers neither the leader nor a standby leader as switchover candidates', async () => {
    const standbyCluster: ClusterStatus = {
      ...healthyStatus,
      members: [
        { ...healthyStatus.members[0], role: 'standby_leader' },
        healthyStatus.members[1],
        healthyStatus.members[2],
      ],
    };
    await renderWithApis(<PostgresHaContent />, {
      api: mockClient(standbyCluster),
    });
    const dialog = await openDialog(/Switch over/);
    await userEvent.click(
      within(dialog).getByRole('button', { name: /New leader/ }),
    );
    const options = (await screen.findAllByRole('option')).map(
      o => o.textContent,
    );
    expect(options).toEqual(['pg1 (replica)', 'pg2 (replica)']);
  });

  it('shows a failed operation as a failure with the backend message', async () => {
    const api = mockClient(healthyStatus, {
      backup: jest.fn(async () => {
        throw new Error('not allowed to back up this cluster');
      }),
    });
    await renderWithApis(<PostgresHaContent />, { api });
    const dialog = await openDialog(/Back up now/);
    expect(dialog).toHaveTextContent('A backup of the cluster starts now');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Start backup' }),
    );
    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      'Failed: not allowed to back up this cluster',
    );
    expect(api.backup).toHaveBeenCalledWith(labRef);
  });

  it("shows the backend's reason for a refused switchover (409 answer recorded from the backend)", async () => {
    const backend = clientAnswering('switchoverWithoutLeader');
    const api = mockClient(healthyStatus, {
      switchover: jest.fn((entity, candidate) =>
        backend.switchover(entity, candidate),
      ),
    });
    await renderWithApis(<PostgresHaContent />, { api });
    const dialog = await openDialog(/Switch over/);
    await userEvent.click(
      within(dialog).getByRole('button', { name: /New leader/ }),
    );
    await userEvent.click(await screen.findByRole('option', { name: /pg2/ }));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Switch over' }),
    );
    const result = await within(dialog).findByRole('status');
    expect(result).toHaveTextContent(
      `Failed: ${recordedMessage('switchoverWithoutLeader')}`,
    );
    expect(result).not.toHaveTextContent('Request failed');
  });

  it("shows the backend's reason when the upstream fails (502 answer recorded from the backend)", async () => {
    const backend = clientAnswering('scaleUpstreamUnreachable');
    const api = mockClient(kubernetesStatus, {
      scale: jest.fn((entity, instances) => backend.scale(entity, instances)),
    });
    await renderWithApis(<PostgresHaContent />, { api });
    const dialog = await openDialog(/Scale/);
    const input = within(dialog).getByRole('spinbutton', { name: 'Instances' });
    await userEvent.clear(input);
    await userEvent.type(input, '5');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Scale' }),
    );
    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      "Failed: Kubernetes cluster 'prod' is unreachable while reading postgresql db/acid-orders (patch)",
    );
  });

  it('scales to the entered instance count and rejects counts out of range', async () => {
    const api = mockClient(kubernetesStatus, {
      scale: jest.fn(
        async () =>
          ({
            ...accepted('scale', 'numberOfInstances set to 5'),
            status: 'succeeded',
          } as any),
      ),
    });
    await renderWithApis(<PostgresHaContent />, { api });
    const dialog = await openDialog(/Scale/);
    const input = within(dialog).getByRole('spinbutton', { name: 'Instances' });
    await userEvent.clear(input);
    await userEvent.type(input, '12');
    expect(
      within(dialog).getByRole('button', { name: 'Scale' }),
    ).toBeDisabled();
    expect(dialog).toHaveTextContent(
      'Instances must be a whole number from 1 to 7.',
    );
    await userEvent.clear(input);
    await userEvent.type(input, '5');
    expect(dialog).toHaveTextContent('The cluster goes from 3 to 5 instances');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Scale' }),
    );
    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      'Done: numberOfInstances set to 5',
    );
    expect(api.scale).toHaveBeenCalledWith(labRef, 5);
  });

  it('asks for a restore plan for the chosen time and opens the restore template prefilled', async () => {
    const values = {
      name: 'lab-restore',
      source: 'lab',
      targetTime: '2026-11-22T03:55:10.000Z',
    };
    const api = mockClient(healthyStatus, {
      restore: jest.fn(async () => ({
        templateRef: 'template:default/postgres-cluster-restore',
        values,
      })),
    });
    function Template() {
      const { search } = useLocation();
      return (
        <div data-testid="template">
          {new URLSearchParams(search).get('formData')}
        </div>
      );
    }
    await renderWithApis(
      <Routes>
        <Route path="/" element={<PostgresHaContent />} />
        <Route
          path="/create/templates/default/postgres-cluster-restore"
          element={<Template />}
        />
      </Routes>,
      { api },
    );
    const dialog = await openDialog(/Restore to a time/);
    expect(dialog).toHaveTextContent('this cluster is not changed');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Open restore template' }),
    );

    expect(
      JSON.parse((await screen.findByTestId('template')).textContent!),
    ).toEqual(values);
    expect(api.restore).toHaveBeenCalledWith(
      labRef,
      '2026-11-22T03:55:10.000Z',
    );
  });

  it('disables scaling for a cluster reached through Patroni directly and says where to scale', async () => {
    await renderWithApis(<PostgresHaContent />, {
      api: mockClient(healthyStatus),
    });
    expect(await screen.findByRole('button', { name: /Scale/ })).toBeDisabled();
    expect(
      screen.getByText(/Scale in the cluster’s own deployment/),
    ).toBeInTheDocument();
  });

  it('cannot confirm a restore when there is no recoverable window', async () => {
    await renderWithApis(<PostgresHaContent />, {
      api: mockClient(noBackupsStatus),
    });
    const dialog = await openDialog(/Restore to a time/);
    expect(dialog).toHaveTextContent('No recoverable window');
    await waitFor(() =>
      expect(
        within(dialog).getByRole('button', { name: 'Open restore template' }),
      ).toBeDisabled(),
    );
  });
});
