import { ResponseError } from '@backstage/errors';
import { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  ClusterStatus,
  OperationHistory,
} from '@pgha/plugin-postgres-ha-common';
import { screen } from '@testing-library/react';
import { ReactNode } from 'react';
import { SWRConfig } from 'swr';
import { PostgresHaApi, postgresHaApiRef } from '../api/PostgresHaClient';
import { labEntity } from './fixtures';

/** A client double: status from a fixture, the stream open but silent unless told. */
export function mockClient(
  status: ClusterStatus,
  overrides: Partial<PostgresHaApi> = {},
) {
  const api: jest.Mocked<PostgresHaApi> = {
    getStatus: jest.fn(async (_entity: CompoundEntityRef) => status),
    streamStatus: jest.fn(
      (_entity, { signal }) =>
        new Promise<void>(resolve =>
          signal.addEventListener('abort', () => resolve()),
        ),
    ),
    switchover: jest.fn(),
    scale: jest.fn(),
    backup: jest.fn(),
    restore: jest.fn(),
    getOperations: jest.fn(
      async (_entity: CompoundEntityRef, _limit?: number) =>
        ({ operations: [] } as OperationHistory),
    ),
  };
  return Object.assign(api, overrides) as jest.Mocked<PostgresHaApi>;
}

/** A client whose every status read fails like an unreachable backend. */
export function failingClient(failure: string | Error) {
  return mockClient({} as ClusterStatus, {
    getStatus: jest.fn(async () => {
      throw typeof failure === 'string' ? new Error(failure) : failure;
    }),
  });
}

/** The ResponseError the client throws for an HTTP error answer of the backend. */
export function backendError(
  statusCode: number,
  name: string,
  message: string,
) {
  const body = JSON.stringify({
    error: { name, message },
    response: { statusCode },
  });
  return ResponseError.fromResponse({
    status: statusCode,
    statusText: name,
    url: 'http://localhost/api/postgres-ha',
    headers: new Headers({ 'content-type': 'application/json' }),
    text: async () => body,
  } as unknown as Response);
}

export interface RenderOptions {
  api: PostgresHaApi;
  /** Permission names to deny; everything else is allowed. */
  deny?: string[];
  entity?: Entity;
  routes?: ReactNode;
}

export function renderWithApis(element: ReactNode, options: RenderOptions) {
  const { api, deny = [], entity = labEntity } = options;
  const permissionApi = new MockPermissionApi(request =>
    deny.includes(request.permission.name)
      ? AuthorizeResult.DENY
      : AuthorizeResult.ALLOW,
  );
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [postgresHaApiRef, api],
        [permissionApiRef, permissionApi],
      ]}
    >
      {/* usePermission caches decisions in SWR's global cache: isolate each test */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <EntityProvider entity={entity}>{element}</EntityProvider>
      </SWRConfig>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** Asserts that each text is shown exactly once. */
export function expectTexts(...texts: string[]) {
  for (const text of texts) expect(screen.getByText(text)).toBeInTheDocument();
}

/** Wraps hooks under test with the given client. */
export function withClient(api: PostgresHaApi) {
  return ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[postgresHaApiRef, api]]}>
      {children}
    </TestApiProvider>
  );
}
