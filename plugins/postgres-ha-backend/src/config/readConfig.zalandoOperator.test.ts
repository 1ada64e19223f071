import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { operatorSettingsFor } from './readZalandoOperator';
import { readPostgresHaConfig } from './readConfig';

const kubernetes = {
  clusterLocatorMethods: [
    {
      type: 'config',
      clusters: [{ name: 'prod', url: 'https://prod.example:6443' }],
    },
  ],
};

const read = (zalandoOperator: JsonObject) =>
  readPostgresHaConfig(
    new ConfigReader({ postgresHa: { zalandoOperator }, kubernetes }),
  ).zalandoOperator;

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
      kubernetesClusters: {},
    });
    expect(read({ podEnvironmentConfigMap: 'pod-env' })).toMatchObject({
      podEnvironmentConfigMap: { name: 'pod-env' },
    });
    expect(readPostgresHaConfig(new ConfigReader({})).zalandoOperator).toEqual({
      kubernetesClusters: {},
    });
  });

  it('lets the operator of one Kubernetes cluster override the global settings key by key', () => {
    const config = read({
      walS3Bucket: 'pg-backups',
      podEnvironmentConfigMap: 'pod-env',
      kubernetesClusters: { prod: { walS3Bucket: 'prod-backups' } },
    });
    expect(operatorSettingsFor(config, 'prod')).toEqual({
      walS3Bucket: 'prod-backups',
      podEnvironmentConfigMap: { name: 'pod-env' },
    });
    expect(operatorSettingsFor(config, 'dr')).toMatchObject({
      walS3Bucket: 'pg-backups',
    });
  });

  it('refuses an override for an unknown Kubernetes cluster and validates override keys by their full path', () => {
    expect(() =>
      read({ kubernetesClusters: { staging: { walS3Bucket: 'b' } } }),
    ).toThrow(
      'postgresHa.zalandoOperator.kubernetesClusters.staging names no configured Kubernetes cluster (configured: prod)',
    );
    expect(() =>
      read({ kubernetesClusters: { prod: { walGsBucket: 'gs://b' } } }),
    ).toThrow(
      "postgresHa.zalandoOperator.kubernetesClusters.prod.walGsBucket 'gs://b' must be a bare bucket name",
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
