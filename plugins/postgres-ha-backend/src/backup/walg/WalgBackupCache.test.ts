import { configuredStores } from '../../__testUtils__/walgArchiveExpectations';
import { S3_TEST_KEY, startVersitygw } from '../../__testUtils__/versitygw';
import { spiloEnvironment } from './spiloEnvironment';
import { spiloWalgLocation } from './walgStore';
import { WalgBackupCache } from './WalgBackupCache';

/** The environment of a pod whose WALG_S3_PREFIX comes from the pod environment Secret. */
const fromSecret = (prefix: string) =>
  spiloWalgLocation(
    spiloEnvironment([
      {
        origin: 'Secret db/postgres-pod-secrets',
        secret: true,
        entries: [{ name: 'WALG_S3_PREFIX', value: prefix }],
      },
    ]),
  )!;

describe('WalgBackupCache (recorded WAL-G archive served by versitygw)', () => {
  it('re-reads at once when the prefix in a Secret changes, although its masked url stays the same', async () => {
    const s3 = await startVersitygw();
    try {
      const cache = WalgBackupCache.create({
        stores: configuredStores({
          name: 'minio',
          bucket: 'pg-backups',
          endpoint: s3.url,
          ...S3_TEST_KEY,
          forcePathStyle: true,
        }),
        timeoutMs: 2000,
        ttlMs: 60_000,
      });
      const before = await cache.read(fromSecret('s3://pg-backups/spilo/old'));
      // The store answered for the old prefix: no backups there, and no error.
      expect(before?.error).toBeUndefined();
      expect(before?.base).toEqual([]);
      const after = await cache.read(
        fromSecret('s3://pg-backups/spilo/acid-orders'),
      );
      expect(after?.base.map(b => b.label)).toEqual([
        'base_000000020000000000000009',
        'base_000000010000000000000004',
      ]);
    } finally {
      await s3.stop();
    }
  });
});
