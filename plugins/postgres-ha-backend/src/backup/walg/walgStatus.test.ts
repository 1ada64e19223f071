import type { JsonObject } from '@backstage/types';
import { replay } from '../../__testUtils__/fakeKubernetesApi';
import { S3_TEST_KEY, startVersitygw } from '../../__testUtils__/versitygw';
import { ordersStatus } from '../../__testUtils__/ordersStatus';

/** The recorded postgresql object with the WAL-G env the suite's renderer writes. */
function postgresqlWithWalg() {
  const object = replay('acid-orders', 'postgresql.json') as {
    spec: Record<string, unknown>;
  };
  object.spec.env = [
    { name: 'USE_WALG_BACKUP', value: 'true' },
    { name: 'BACKUP_SCHEDULE', value: '0 1 * * *' },
    { name: 'WALG_S3_PREFIX', value: 's3://pg-backups/spilo/acid-orders' },
    {
      name: 'AWS_SECRET_ACCESS_KEY',
      valueFrom: {
        secretKeyRef: { name: 'pg-backup-s3', key: 'AWS_SECRET_ACCESS_KEY' },
      },
    },
  ];
  return object;
}

const statusWith = (objectStores: JsonObject[]) =>
  ordersStatus({
    postgresHa: { objectStores },
    routes: {
      'GET /apis/acid.zalan.do/v1/namespaces/db/postgresqls/acid-orders': {
        status: 200,
        body: postgresqlWithWalg(),
      },
    },
  });

describe('status of a Zalando cluster with WAL-G backups (recorded Kubernetes API responses, recorded WAL-G archive served by versitygw)', () => {
  it('shows the base backups and recoverable window from the store named in spec.env, with configured credentials', async () => {
    const s3 = await startVersitygw();
    try {
      const { body, text } = await statusWith([
        {
          name: 'minio',
          bucket: 'pg-backups',
          endpoint: s3.url,
          ...S3_TEST_KEY,
          forcePathStyle: true,
        },
      ]);
      expect(body.backups.error).toBeUndefined();
      expect(body.backups.logical?.schedule).toBeDefined();
      expect(body.backups.baseBackupSchedule).toBe('0 1 * * *');
      expect(body.backups.base.map(b => b.label)).toEqual([
        'base_000000020000000000000009',
        'base_000000010000000000000004',
      ]);
      expect(body.backups.recoveryWindow).toEqual({
        earliest: '2026-11-20T01:00:40.118Z',
        latest: '2026-11-21T17:05:52.000Z',
        latestWal: '00000002000000000000000C',
      });
      expect(text).not.toContain(S3_TEST_KEY.secretAccessKey);
    } finally {
      await s3.stop();
    }
  });

  it('keeps the rest of the status and names postgresHa.objectStores when the bucket has no credentials', async () => {
    const { body } = await statusWith([]);
    expect(body.error).toBeUndefined();
    expect(body.members.length).toBeGreaterThan(0);
    expect(body.backups.base).toEqual([]);
    expect(body.backups.error).toMatch(
      /add an entry to postgresHa\.objectStores with bucket: pg-backups/,
    );
  });
});
