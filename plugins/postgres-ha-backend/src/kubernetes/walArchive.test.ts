import {
  buildKubernetesObjects,
  type ClusterSettingsInput,
  type ClusterStatus,
  validateSettings,
} from '@pgha/plugin-postgres-ha-common';
import request from 'supertest';
import {
  clusterEntity,
  entityPath,
  startPluginBackend,
} from '../__testUtils__/startPluginBackend';
import {
  kubernetesConfigFor,
  replay,
  startFakeKubernetesApi,
  zalandoRoutes,
} from '../__testUtils__/fakeKubernetesApi';
import { walArchiveOf } from './walArchive';

const orders = clusterEntity('orders-db', {
  'postgres-ha/cluster-name': 'acid-orders',
  'postgres-ha/source': 'kubernetes',
  'postgres-ha/namespace': 'db',
});

type Spec = Record<string, unknown> & { env?: { name: string }[] };
type Postgresql = { spec: Spec };

const settings = (input: ClusterSettingsInput) => {
  const result = validateSettings(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.settings;
};

const identity = {
  namespace: 'db',
  team: 'acid',
  owner: 'group:default/dba',
};

const stores = {
  s3: {
    store: 's3',
    bucket: 'orders-backups',
    region: 'eu-central-1',
    endpoint: 'https://minio.db.svc:9000',
    forcePathStyle: true,
    credentialsSecret: 'acid-orders-walg',
  },
  gcs: {
    store: 'gcs',
    bucket: 'orders-backups',
    prefix: 'prod/acid-orders',
    credentialsSecret: 'acid-orders-gcs-key',
  },
  azure: {
    store: 'azure',
    bucket: 'orders-backups',
    credentialsSecret: 'acid-orders-azure',
  },
} as const;
type Store = keyof typeof stores;

const postgresqlSpec = (input: ClusterSettingsInput) =>
  (
    buildKubernetesObjects(settings(input)).find(
      o => o.kind === 'postgresql',
    ) as unknown as Postgresql
  ).spec;

/** The recorded acid-orders object, with the WAL-G env and volumes this suite renders for it. */
function liveObject(store: Store): Postgresql {
  const recorded = replay('acid-orders', 'postgresql.json') as Postgresql;
  const rendered = postgresqlSpec({
    cluster: { name: 'acid-orders', ...identity },
    backup: { physical: { enabled: true, ...stores[store] } },
  });
  return {
    ...recorded,
    spec: {
      ...recorded.spec,
      env: rendered.env,
      ...(rendered.additionalVolumes
        ? { additionalVolumes: rendered.additionalVolumes }
        : {}),
    },
  };
}

const envValue = (spec: Spec, name: string) =>
  (spec.env as { name: string; value?: string }[]).find(e => e.name === name)
    ?.value;

describe('the WAL archive of a live postgresql object (recorded Kubernetes API responses)', () => {
  it('is absent for the recorded object, which archives nothing with WAL-G', () => {
    const recorded = replay('acid-orders', 'postgresql.json') as Postgresql;
    expect(walArchiveOf(recorded.spec)).toBeUndefined();
  });

  it('reads the S3 store back with its Secret name and the exact prefix', () => {
    expect(walArchiveOf(liveObject('s3').spec)).toEqual({
      store: 's3',
      bucket: 'orders-backups',
      prefix: 'spilo/acid-orders',
      region: 'eu-central-1',
      endpoint: 'https://minio.db.svc:9000',
      forcePathStyle: true,
      credentialsSecret: 'acid-orders-walg',
    });
  });

  it.each(Object.keys(stores) as Store[])(
    'a clone rendered from the %s archive read back reads exactly the prefix the source writes',
    store => {
      const live = liveObject(store);
      const source = walArchiveOf(live.spec)!;
      const clone = postgresqlSpec({
        cluster: { name: 'acid-orders-restore', ...identity },
        clone: {
          cluster: 'acid-orders',
          timestamp: '2026-11-21T10:00:00+00:00',
          source,
        },
      });
      const variable = {
        s3: 'WALG_S3_PREFIX',
        gcs: 'WALG_GS_PREFIX',
        azure: 'WALG_AZ_PREFIX',
      }[store];
      expect(envValue(clone, `CLONE_${variable}`)).toBe(
        envValue(live.spec, variable),
      );
      expect(source.credentialsSecret).toBe(stores[store].credentialsSecret);
    },
  );

  it('takes only Secret names: a credential written as a literal value is never copied', () => {
    const live = liveObject('s3');
    const env = (live.spec.env as { name: string }[]).map(e =>
      e.name === 'AWS_SECRET_ACCESS_KEY'
        ? { name: e.name, value: 'literal-secret-value' }
        : e,
    );
    const archive = walArchiveOf({ ...live.spec, env });
    expect(JSON.stringify(archive)).not.toContain('literal-secret-value');
    expect(archive?.credentialsSecret).toBe('acid-orders-walg');
  });

  it('is served in the status of a Kubernetes cluster whose live object names one', async () => {
    const live = liveObject('s3');
    const api = await startFakeKubernetesApi({
      recording: 'acid-orders',
      routes: {
        ...zalandoRoutes('db', 'acid-orders'),
        [`GET /apis/acid.zalan.do/v1/namespaces/db/postgresqls/acid-orders`]: {
          status: 200,
          body: live,
        },
      },
    });
    const backend = await startPluginBackend({
      config: {
        postgresHa: { requestTimeoutSeconds: 2 },
        kubernetes: kubernetesConfigFor(api.url),
      },
      entities: [orders],
    });
    try {
      const response = await request(backend.server).get(
        `${entityPath('orders-db')}/status`,
      );
      expect(response.status).toBe(200);
      expect((response.body as ClusterStatus).backups.walArchive).toEqual(
        walArchiveOf(live.spec),
      );
    } finally {
      await backend.stop();
      await api.close();
    }
  });
});
