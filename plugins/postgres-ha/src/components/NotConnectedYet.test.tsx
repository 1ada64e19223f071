import { screen } from '@testing-library/react';
import { labEntity } from '../__testUtils__/fixtures';
import {
  backendError,
  failingClient,
  renderWithApis,
} from '../__testUtils__/renderWithApis';
import { PostgresHaContent } from './PostgresHaContent';

const created = {
  ...labEntity,
  metadata: {
    name: 'orders-db',
    namespace: 'default',
    annotations: {
      'postgres-ha/cluster-name': 'orders-db',
      'postgres-ha/source': 'kubernetes',
      'postgres-ha/namespace': 'orders',
      'postgres-ha/kubernetes-cluster': 'prod',
    },
  },
};

describe('NotConnectedYet', () => {
  it('tells what to do next for a just-created Kubernetes cluster: Secrets, apply, the expected cluster', async () => {
    const api = failingClient(
      await backendError(
        404,
        'NotFoundError',
        "Entity resource:default/orders-db names Kubernetes cluster 'prod', which is not configured",
      ),
    );
    await renderWithApis(<PostgresHaContent />, { api, entity: created });
    const steps = await screen.findByTestId('next-steps');
    expect(steps).toHaveTextContent(
      /Create the Secrets .* in namespace orders/,
    );
    expect(steps).toHaveTextContent(/kubectl apply -f manifests\//);
    expect(steps).toHaveTextContent(/expected on the Kubernetes cluster prod/);
    expect(screen.getByText(/names Kubernetes cluster 'prod'/)).toBeVisible();
  });

  it('tells a Compose cluster to start the stack', async () => {
    const api = failingClient(
      await backendError(404, 'NotFoundError', 'lab is not configured'),
    );
    await renderWithApis(<PostgresHaContent />, { api });
    expect(await screen.findByTestId('next-steps')).toHaveTextContent(
      /docker compose up -d/,
    );
  });
});
