import type { JsonObject } from '@backstage/types';
import { FakeAnswer, statusBody } from '../__testUtils__/fakeKubernetesApi';
import { startFakeS3 } from '../__testUtils__/fakeS3';
import { ordersStatus } from '../__testUtils__/ordersStatus';

const UID = '5b8f7a51-3c1e-4d0a-9a43-0f6c2d9e1a10';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const OPERATOR_CONFIGMAP =
  'GET /api/v1/namespaces/postgres-operator/configmaps/postgres-pod-config';
const CLUSTER_NS_CONFIGMAP =
  'GET /api/v1/namespaces/db/configmaps/postgres-pod-config';
const POD_SECRET = 'GET /api/v1/namespaces/db/secrets/postgres-pod-secrets';
const BASE_BACKUPS = [
  'base_000000020000000000000009',
  'base_000000010000000000000004',
];

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A pod environment Secret in the shape core/v1 returns it. */
const podSecret = {
  kind: 'Secret',
  apiVersion: 'v1',
  metadata: {
    name: 'postgres-pod-secrets',
    namespace: 'db',
    uid: '7e2a9c14-5f3d-4b8e-a061-93c2d7f4e8b1',
    resourceVersion: '902377',
    creationTimestamp: '2026-10-28T07:12:04Z',
  },
  type: 'Opaque',
  data: {
    AWS_ACCESS_KEY_ID: b64('AKIAIOSFODNN7EXAMPLE'),
    AWS_SECRET_ACCESS_KEY: b64(SECRET_KEY),
    WALG_S3_PREFIX: b64('s3://pg-backups/spilo/acid-orders'),
  },
};

/** The status of acid-orders (no WAL-G in its recorded spec.env) under a zalandoOperator config. */
const statusWith = (options: {
  zalandoOperator: JsonObject;
  routes?: Record<string, FakeAnswer>;
  s3Url?: string;
}) =>
  ordersStatus({
    routes: options.routes,
    postgresHa: {
      zalandoOperator: options.zalandoOperator,
      objectStores: [
        {
          name: 'minio',
          bucket: 'pg-backups',
          endpoint: options.s3Url ?? 'http://127.0.0.1:9',
          accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
          secretAccessKey: SECRET_KEY,
          forcePathStyle: true,
        },
      ],
    },
  });

describe('WAL-G archives configured in the Zalando operator, not in spec.env (recorded Kubernetes API responses)', () => {
  it("shows the base backups named by WALG_S3_PREFIX in the operator's pod environment ConfigMap (recorded Kubernetes API responses)", async () => {
    const s3 = await startFakeS3({ recording: 'acid-orders' });
    try {
      const { body, api } = await statusWith({
        zalandoOperator: {
          podEnvironmentConfigMap: 'postgres-operator/postgres-pod-config',
        },
        routes: { [OPERATOR_CONFIGMAP]: 'pod-environment-configmap.json' },
        s3Url: s3.url,
      });
      expect(body.backups.error).toBeUndefined();
      expect(body.backups.base.map(b => b.label)).toEqual(BASE_BACKUPS);
      expect(body.backups.baseBackupSchedule).toBe('0 1 * * *');
      expect(api.count(OPERATOR_CONFIGMAP)).toBe(1);
      // What a restore plan hands the clone: the archive as Spilo sees it, no Secret known.
      expect(body.backups.walArchive).toEqual({
        store: 's3',
        bucket: 'pg-backups',
        prefix: 'spilo/acid-orders',
        region: 'eu-central-1',
        endpoint: 'http://minio.backup.svc:9000',
        forcePathStyle: true,
      });
    } finally {
      await s3.close();
    }
  });

  it("derives the archive from the walS3Bucket of the cluster's operator and the cluster's uid, as Spilo does (recorded Kubernetes API responses)", async () => {
    const s3 = await startFakeS3({
      recording: 'acid-orders',
      rebase: {
        from: 'spilo/acid-orders/',
        to: `spilo/acid-orders/${UID}/wal/18/`,
      },
    });
    try {
      const { body } = await statusWith({
        // The operator of Kubernetes cluster 'prod' archives elsewhere than the others.
        zalandoOperator: {
          walS3Bucket: 'other-operators-bucket',
          kubernetesClusters: { prod: { walS3Bucket: 'pg-backups' } },
        },
        s3Url: s3.url,
      });
      expect(body.backups.error).toBeUndefined();
      expect(body.backups.base.map(b => b.label)).toEqual(BASE_BACKUPS);
      expect(s3.requests[0].query.get('prefix')).toBe(
        `spilo/acid-orders/${UID}/wal/18/basebackups_005/`,
      );
      expect(body.backups.walArchive).toEqual({
        store: 's3',
        bucket: 'pg-backups',
        prefix: `spilo/acid-orders/${UID}/wal/18`,
        forcePathStyle: false,
      });
    } finally {
      await s3.close();
    }
  });

  it('reads only the store keys of the pod environment Secret and never returns its values (recorded Kubernetes API responses)', async () => {
    const s3 = await startFakeS3({ recording: 'acid-orders' });
    try {
      const { body, text } = await statusWith({
        zalandoOperator: { podEnvironmentSecret: 'postgres-pod-secrets' },
        routes: { [POD_SECRET]: { status: 200, body: podSecret } },
        s3Url: s3.url,
      });
      expect(body.backups.base.map(b => b.label)).toEqual(BASE_BACKUPS);
      expect(text).not.toContain(SECRET_KEY);
      expect(text).not.toContain(b64(SECRET_KEY));
      // The archive's bucket is kept in the Secret: it stays out of the restore plan too.
      expect(body.backups.walArchive).toBeUndefined();
    } finally {
      await s3.close();
    }
  });

  it("hands a restore the ConfigMap's archive with the pod environment Secret as its credentials when the Secret holds the store's keys (recorded Kubernetes API responses)", async () => {
    const s3 = await startFakeS3({ recording: 'acid-orders' });
    const { WALG_S3_PREFIX: _inConfigMap, ...credentials } = podSecret.data;
    const secret = { ...podSecret, data: credentials };
    try {
      const { body, text } = await statusWith({
        zalandoOperator: {
          podEnvironmentSecret: 'postgres-pod-secrets',
          podEnvironmentConfigMap: 'postgres-operator/postgres-pod-config',
        },
        routes: {
          [POD_SECRET]: { status: 200, body: secret },
          [OPERATOR_CONFIGMAP]: 'pod-environment-configmap.json',
        },
        s3Url: s3.url,
      });
      expect(body.backups.base.map(b => b.label)).toEqual(BASE_BACKUPS);
      expect(body.backups.walArchive).toMatchObject({
        store: 's3',
        bucket: 'pg-backups',
        prefix: 'spilo/acid-orders',
        credentialsSecret: 'postgres-pod-secrets',
      });
      expect(text).not.toContain(SECRET_KEY);
    } finally {
      await s3.close();
    }
  });

  it('does not name a bucket that only the Secret holds when no objectStores entry matches it (recorded Kubernetes API responses)', async () => {
    const secret = structuredClone(podSecret);
    secret.data.WALG_S3_PREFIX = b64(
      's3://private-bucket-7f3a/spilo/acid-orders',
    );
    const { body, text } = await statusWith({
      zalandoOperator: { podEnvironmentSecret: 'postgres-pod-secrets' },
      routes: { [POD_SECRET]: { status: 200, body: secret } },
    });
    expect(body.backups.error).toMatch(
      /^No credentials for WAL-G store WALG_S3_PREFIX of Secret db\/postgres-pod-secrets: add an entry to postgresHa\.objectStores/,
    );
    expect(text).not.toContain('private-bucket-7f3a');
  });

  it('names a missing ConfigMap in backups.error after looking in both namespaces, keeping the members (recorded Kubernetes API responses)', async () => {
    const { body, api } = await statusWith({
      zalandoOperator: {
        podEnvironmentConfigMap: 'postgres-operator/postgres-pod-config',
        walS3Bucket: 'pg-backups',
      },
    });
    expect(body.error).toBeUndefined();
    expect(body.members.map(m => m.name)).toEqual([
      'acid-orders-0',
      'acid-orders-1',
      'acid-orders-2',
    ]);
    expect(body.backups.error).toBe(
      "ConfigMap postgres-operator/postgres-pod-config (postgresHa.zalandoOperator.podEnvironmentConfigMap) was not found (nor in namespace db); the operator cannot create pods without it: check the name against the operator's configuration",
    );
    expect(api.count(OPERATOR_CONFIGMAP)).toBe(1);
    expect(api.count(CLUSTER_NS_CONFIGMAP)).toBe(1);
  });

  it('says which RBAC to grant when reading the ConfigMap is forbidden (recorded Kubernetes API responses)', async () => {
    const forbidden = statusBody(
      403,
      'Forbidden',
      'configmaps "postgres-pod-config" is forbidden: User "system:serviceaccount:backstage:backstage" cannot get resource "configmaps" in API group "" in the namespace "db"',
    );
    const { body } = await statusWith({
      zalandoOperator: { podEnvironmentConfigMap: 'postgres-pod-config' },
      routes: { [CLUSTER_NS_CONFIGMAP]: { status: 403, body: forbidden } },
    });
    expect(body.members).toHaveLength(3);
    expect(body.backups.error).toBe(
      "Reading ConfigMap db/postgres-pod-config (postgresHa.zalandoOperator.podEnvironmentConfigMap) is forbidden (403): grant the backend's service account get on configmaps in that namespace",
    );
  });
});
