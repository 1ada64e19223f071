import { ConfigReader } from '@backstage/config';
import { readPostgresHaConfig } from './readConfig';

const read = (zalandoOperator: Record<string, string>) =>
  readPostgresHaConfig(new ConfigReader({ postgresHa: { zalandoOperator } }))
    .zalandoOperator;

describe('postgresHa.zalandoOperator', () => {
  it('reads the operator settings and splits namespace/name of the pod environment ConfigMap', () => {
    expect(
      read({
        walS3Bucket: 'pg-backups',
        walGsBucket: 'pg-wal',
        walAzStorageAccount: 'pghabackups',
        podEnvironmentConfigMap: 'postgres-operator/postgres-pod-config',
        podEnvironmentSecret: 'postgres-pod-secrets',
      }),
    ).toEqual({
      walS3Bucket: 'pg-backups',
      walGsBucket: 'pg-wal',
      walAzStorageAccount: 'pghabackups',
      podEnvironmentConfigMap: {
        namespace: 'postgres-operator',
        name: 'postgres-pod-config',
      },
      podEnvironmentSecret: 'postgres-pod-secrets',
    });
    expect(read({ podEnvironmentConfigMap: 'pod-env' })).toMatchObject({
      podEnvironmentConfigMap: { name: 'pod-env' },
    });
    expect(readPostgresHaConfig(new ConfigReader({})).zalandoOperator).toEqual(
      {},
    );
  });

  it.each([
    ['walS3Bucket', 's3://pg-backups', 'must be a bare bucket name'],
    ['walGsBucket', 'gs/bucket', 'must be a bare bucket name'],
    ['walAzStorageAccount', 'Pg_Backups', 'must be a storage account name'],
    ['podEnvironmentConfigMap', 'a/b/c', "must be 'name' or 'namespace/name'"],
    ['podEnvironmentSecret', 'Bad_Name', 'must be a Secret name'],
  ])('refuses %s %p naming the key', (key, value, problem) => {
    expect(() => read({ [key]: value })).toThrow(
      `postgresHa.zalandoOperator.${key} '${value}' ${problem}`,
    );
  });
});
