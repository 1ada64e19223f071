import type { ZalandoOperatorSettings } from '../config/readZalandoOperator';
import type { EnvEntry, EnvSource } from '../backup/walg/spiloEnvironment';
import type { PostgresqlObject } from './types';

const OPERATOR = 'the operator';
const CONFIG = 'postgresHa.zalandoOperator';

/**
 * The sources of a Spilo container's environment in the order the operator's
 * generateSpiloPodEnvVars appends them (the first to name a variable wins): its
 * fixed variables, spec.env, the pod environment Secret and ConfigMap, then the
 * WAL variables of its configuration.
 */
export function spiloEnvSources(
  postgresql: PostgresqlObject,
  namespace: string,
  operator: ZalandoOperatorSettings,
  podEnvironment: EnvSource[],
): EnvSource[] {
  const { name, uid } = postgresql.metadata;
  const version = postgresql.spec.postgresql?.version;
  const fixed: EnvEntry[] = [
    { name: 'SCOPE', value: name },
    { name: 'POD_NAMESPACE', value: namespace },
    ...(version ? [{ name: 'PGVERSION', value: version }] : []),
  ];
  // The operator scopes its buckets by the cluster's uid and empties Spilo's namespace prefix.
  const scope: EnvEntry[] = [
    { name: 'WAL_BUCKET_SCOPE_SUFFIX', value: uid ? `/${uid}` : '' },
    { name: 'WAL_BUCKET_SCOPE_PREFIX', value: '' },
  ];
  const configured = (
    key: keyof ZalandoOperatorSettings,
    variable: string,
  ): EnvSource[] => {
    const value = operator[key];
    return typeof value === 'string'
      ? [
          {
            origin: `${CONFIG}.${key}`,
            entries: [{ name: variable, value }, ...scope],
          },
        ]
      : [];
  };
  return [
    { origin: OPERATOR, entries: fixed },
    { origin: 'spec.env', entries: postgresql.spec.env ?? [] },
    ...podEnvironment,
    ...configured('walS3Bucket', 'WAL_S3_BUCKET'),
    ...configured('walGsBucket', 'WAL_GS_BUCKET'),
    ...configured('walAzStorageAccount', 'AZURE_STORAGE_ACCOUNT'),
  ];
}
