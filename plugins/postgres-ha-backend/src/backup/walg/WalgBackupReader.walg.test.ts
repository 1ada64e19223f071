import {
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { S3_TEST_KEY, startVersitygw } from '../../__testUtils__/versitygw';
import { archiveWalWithWalg } from '../../__testUtils__/walgPush';
import { walgLocation } from '../../__testUtils__/walgArchiveExpectations';
import { readWalgBackups } from './WalgBackupReader';

const PREFIX = 'spilo/real';

// PostgreSQL, WAL-G and a store: generous for a busy two-core machine.
jest.setTimeout(120_000);

describe('WAL-G backups whose WAL real WAL-G v0.2.19 archived from PostgreSQL 15 into versitygw (the base backup sentinel is recorded: v0.2.19 cannot take base backups of PostgreSQL 15)', () => {
  it('ends the recovery window at the newest segment WAL-G archived, found under the names WAL-G writes', async () => {
    const s3 = await startVersitygw();
    const client = new S3Client({
      endpoint: s3.url,
      forcePathStyle: true,
      region: S3_TEST_KEY.region,
      credentials: S3_TEST_KEY,
    });
    try {
      const backupFinished = new Date(Date.now() - 1000);
      const archived = await archiveWalWithWalg({
        s3Url: s3.url,
        walgPrefix: `s3://pg-backups/${PREFIX}`,
        segments: 3,
      });
      // A base backup that started in the first archived segment, as WAL-G's V2 sentinel says.
      const backup = `base_${archived[0]}`;
      await client.send(
        new PutObjectCommand({
          Bucket: 'pg-backups',
          Key: `${PREFIX}/basebackups_005/${backup}_backup_stop_sentinel.json`,
          Body: JSON.stringify({
            Timeline: 1,
            CompressedSize: 4194304,
            StartTime: new Date(
              backupFinished.getTime() - 30_000,
            ).toISOString(),
            FinishTime: backupFinished.toISOString(),
          }),
        }),
      );
      const { Contents = [] } = await client.send(
        new ListObjectsV2Command({
          Bucket: 'pg-backups',
          Prefix: `${PREFIX}/wal_005/`,
        }),
      );
      const keys = Contents.map(o => o.Key);
      const newest = `${PREFIX}/wal_005/${archived[archived.length - 1]}.lz4`;
      expect(keys).toEqual(
        expect.arrayContaining(archived.map(n => `${PREFIX}/wal_005/${n}.lz4`)),
      );

      const result = await readWalgBackups(
        walgLocation([
          { name: 'WALG_S3_PREFIX', value: `s3://pg-backups/${PREFIX}` },
        ])!,
        [
          {
            name: 'versitygw',
            provider: 's3',
            bucket: 'pg-backups',
            endpoint: s3.url,
            forcePathStyle: true,
            ...S3_TEST_KEY,
          },
        ],
        5000,
      );
      expect(result.error).toBeUndefined();
      expect(result.base.map(b => b.label)).toEqual([backup]);
      expect(result.recoveryWindow).toEqual({
        earliest: backupFinished.toISOString(),
        latest: Contents.find(
          o => o.Key === newest,
        )!.LastModified!.toISOString(),
        latestWal: archived[archived.length - 1],
      });
    } finally {
      client.destroy();
      await s3.stop();
    }
  });
});
