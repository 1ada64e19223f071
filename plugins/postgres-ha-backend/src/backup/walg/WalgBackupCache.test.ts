import { configuredStores } from '../../__testUtils__/walgArchiveExpectations';
import { startFakeS3 } from '../../__testUtils__/fakeS3';
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

describe('WalgBackupCache (recorded S3 API responses)', () => {
  it('re-reads at once when the prefix in a Secret changes, although its masked url stays the same', async () => {
    const s3 = await startFakeS3({ recording: 'acid-orders' });
    try {
      const cache = WalgBackupCache.create({
        stores: configuredStores({
          name: 'minio',
          bucket: 'pg-backups',
          endpoint: s3.url,
          accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
          secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          forcePathStyle: true,
        }),
        timeoutMs: 2000,
        ttlMs: 60_000,
      });
      const before = await cache.read(fromSecret('s3://pg-backups/spilo/old'));
      expect(before?.base).toEqual([]);
      const after = await cache.read(
        fromSecret('s3://pg-backups/spilo/acid-orders'),
      );
      expect(after?.base.map(b => b.label)).toEqual([
        'base_000000020000000000000009',
        'base_000000010000000000000004',
      ]);
      expect(s3.requests.map(r => r.query.get('prefix'))).toContain(
        'spilo/old/basebackups_005/',
      );
    } finally {
      await s3.close();
    }
  });
});
