import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * The postgres-operator settings that shape a Spilo pod's environment, named as
 * in the operator's configuration (wal_s3_bucket → walS3Bucket, …).
 */
export interface ZalandoOperatorSettings {
  walS3Bucket?: string;
  walGsBucket?: string;
  walAzStorageAccount?: string;
  /** `name` (read in the cluster's namespace) or `namespace/name`. */
  podEnvironmentConfigMap?: { namespace?: string; name: string };
  /** A Secret in the cluster's namespace. */
  podEnvironmentSecret?: string;
}

export interface ZalandoOperatorConfig extends ZalandoOperatorSettings {
  /** Settings of the operator of one Kubernetes cluster, overriding the others key by key. */
  kubernetesClusters: Record<string, ZalandoOperatorSettings>;
}

/** The operator settings that apply to clusters of one Kubernetes cluster. */
export function operatorSettingsFor(
  config: ZalandoOperatorConfig,
  kubernetesCluster: string,
): ZalandoOperatorSettings {
  const { kubernetesClusters, ...global } = config;
  const own = Object.entries(kubernetesClusters[kubernetesCluster] ?? {});
  return {
    ...global,
    ...Object.fromEntries(own.filter(([, value]) => value !== undefined)),
  };
}

const KEY = 'postgresHa.zalandoOperator';
const BUCKET = /^[a-z0-9][a-z0-9._-]{1,220}$/;
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/;

/** Reads and validates `postgresHa.zalandoOperator`; errors name the key, never a secret. */
export function readZalandoOperator(
  c: Config | undefined,
  kubernetesClusters: string[],
): ZalandoOperatorConfig {
  const own = c?.getOptionalConfig('kubernetesClusters');
  const unknown = own?.keys().find(name => !kubernetesClusters.includes(name));
  if (unknown !== undefined) {
    throw new InputError(
      `${KEY}.kubernetesClusters.${unknown} names no configured Kubernetes cluster (configured: ${
        kubernetesClusters.join(', ') || 'none'
      })`,
    );
  }
  return {
    ...readSettings(c, KEY),
    kubernetesClusters: Object.fromEntries(
      (own?.keys() ?? []).map(name => [
        name,
        readSettings(own!.getConfig(name), `${KEY}.kubernetesClusters.${name}`),
      ]),
    ),
  };
}

function readSettings(
  c: Config | undefined,
  key: string,
): ZalandoOperatorSettings {
  if (!c) return {};
  const check = (field: string, pattern: RegExp, what: string) => {
    const value = c.getOptionalString(field);
    if (value !== undefined && !pattern.test(value)) {
      throw new InputError(`${key}.${field} '${value}' must be ${what}`);
    }
    return value;
  };
  const bucket = 'a bare bucket name, as in the operator (no scheme, no slash)';
  return {
    walS3Bucket: check('walS3Bucket', BUCKET, bucket),
    walGsBucket: check('walGsBucket', BUCKET, bucket),
    walAzStorageAccount: check(
      'walAzStorageAccount',
      /^[a-z0-9]{3,24}$/,
      'a storage account name: 3 to 24 lowercase letters and digits',
    ),
    podEnvironmentConfigMap: configMapRef(
      c.getOptionalString('podEnvironmentConfigMap'),
      key,
    ),
    podEnvironmentSecret: check(
      'podEnvironmentSecret',
      DNS_SUBDOMAIN,
      'a Secret name',
    ),
  };
}

function configMapRef(value: string | undefined, key: string) {
  if (value === undefined) return undefined;
  const [first, ...rest] = value.split('/');
  const ref = rest.length
    ? { namespace: first, name: rest.join('/') }
    : { name: first };
  if (
    !DNS_SUBDOMAIN.test(ref.name) ||
    (ref.namespace !== undefined && !DNS_LABEL.test(ref.namespace))
  ) {
    throw new InputError(
      `${key}.podEnvironmentConfigMap '${value}' must be 'name' or 'namespace/name' of a ConfigMap`,
    );
  }
  return ref;
}
