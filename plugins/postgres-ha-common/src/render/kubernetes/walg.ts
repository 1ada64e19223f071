import type { ClusterSettings } from '../../settings';

/** An env entry as Kubernetes and the `postgresql` CRD accept it. */
export type EnvVar =
  | { name: string; value: string }
  | {
      name: string;
      valueFrom: { secretKeyRef: { name: string; key: string } };
    };

/** Where GCS service-account keys are mounted (the Secret's `key.json`). */
export const GCS_KEY_DIR = '/var/secrets/google';
/** Secret keys the backup credentials Secret must hold, per store. */
export const CREDENTIAL_KEYS = {
  s3: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'],
  azure: ['AZURE_STORAGE_ACCOUNT', 'AZURE_STORAGE_ACCESS_KEY'],
  gcs: ['key.json'],
} as const;

const fromSecret = (name: string, secret: string, key = name): EnvVar => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key } },
});

/** Where a cluster's WAL-G archive lives and how to reach it (backup or clone source). */
export interface ObjectStore {
  store: 's3' | 'gcs' | 'azure';
  bucket?: string;
  prefix?: string;
  region?: string;
  endpoint?: string;
  forcePathStyle: boolean;
  credentialsSecret?: string;
}

const SCHEME = { s3: 's3', gcs: 'gs', azure: 'azure' } as const;

/**
 * `<scheme>://<bucket>/<prefix>`, the prefix defaulting to `spilo/<cluster>`: the one place
 * that decides where a cluster archives, so a clone reads exactly where its source wrote.
 */
export const walPrefix = (store: ObjectStore, cluster: string) =>
  `${SCHEME[store.store]}://${store.bucket}/${
    store.prefix ?? `spilo/${cluster}`
  }`;

/**
 * The inverse of walPrefix: store, bucket and prefix of a `<scheme>://<bucket>/<prefix>`
 * value, or undefined when it is not one (e.g. a WAL-G variable written by hand).
 */
export function parseWalPrefix(
  url: string,
): Pick<ObjectStore, 'store' | 'bucket' | 'prefix'> | undefined {
  const match = /^([a-z][a-z0-9]*):\/\/([^/]+)\/(.+?)\/*$/.exec(url);
  const store = Object.entries(SCHEME).find(
    ([, scheme]) => scheme === match?.[1],
  );
  if (!match || !store) return undefined;
  return {
    store: store[0] as ObjectStore['store'],
    bucket: match[2],
    prefix: match[3],
  };
}

/**
 * With an endpoint, Spilo (configure_spilo.py) recomputes AWS_S3_FORCE_PATH_STYLE from the
 * calling convention in WALE_S3_ENDPOINT (`https+path://…` or `https+virtualhost://…`),
 * defaulting to path style: give it the convention the settings chose.
 */
const endpointEnv = (endpoint: string, pathStyle: boolean): EnvVar[] => [
  { name: 'AWS_ENDPOINT', value: endpoint },
  {
    name: 'WALE_S3_ENDPOINT',
    value: endpoint.replace('://', pathStyle ? '+path://' : '+virtualhost://'),
  },
];

/** Spilo's store variables for one archive; GCS reads its key file from `keyDir`. */
export function storeEnv(
  store: ObjectStore,
  cluster: string,
  keyDir: string,
): EnvVar[] {
  const secret = store.credentialsSecret!;
  const prefix = walPrefix(store, cluster);
  switch (store.store) {
    case 's3':
      return [
        { name: 'WAL_S3_BUCKET', value: store.bucket! },
        { name: 'WALG_S3_PREFIX', value: prefix },
        ...(store.region ? [{ name: 'AWS_REGION', value: store.region }] : []),
        ...(store.endpoint
          ? endpointEnv(store.endpoint, store.forcePathStyle)
          : []),
        {
          name: 'AWS_S3_FORCE_PATH_STYLE',
          value: String(store.forcePathStyle),
        },
        ...CREDENTIAL_KEYS.s3.map(k => fromSecret(k, secret)),
      ];
    case 'gcs':
      return [
        { name: 'WAL_GS_BUCKET', value: store.bucket! },
        { name: 'WALG_GS_PREFIX', value: prefix },
        { name: 'GOOGLE_APPLICATION_CREDENTIALS', value: `${keyDir}/key.json` },
      ];
    case 'azure':
      return [
        { name: 'WALG_AZ_PREFIX', value: prefix },
        ...CREDENTIAL_KEYS.azure.map(k => fromSecret(k, secret)),
      ];
    default:
      return [];
  }
}

export const gcsKeyVolume = (
  name: string,
  mountPath: string,
  secret: string,
) => ({
  name,
  mountPath,
  targetContainers: ['postgres'],
  volumeSource: { secret: { secretName: secret } },
});

/**
 * Variables of the stores configure_spilo.py tries before the chosen one (S3, then GCS, then
 * Swift, then Azure). The operator appends WAL_S3_BUCKET / WAL_GS_BUCKET from its
 * configuration after spec.env and skips names spec.env already has, and Spilo treats an
 * empty value as unset: rendering them empty keeps a global bucket from taking the archive.
 */
const EARLIER_STORES = {
  s3: [],
  gcs: ['WAL_S3_BUCKET', 'WALE_S3_PREFIX', 'WALG_S3_PREFIX'],
  azure: [
    'WAL_S3_BUCKET',
    'WALE_S3_PREFIX',
    'WALG_S3_PREFIX',
    'WAL_GCS_BUCKET',
    'WAL_GS_BUCKET',
    'WALE_GCS_PREFIX',
    'WALE_GS_PREFIX',
    'WALG_GS_PREFIX',
    'WAL_SWIFT_BUCKET',
    'WALE_SWIFT_PREFIX',
  ],
} as const;

/** Spilo environment for WAL-G: archiving, base backup schedule and retention. */
export function walgEnv(s: ClusterSettings): EnvVar[] {
  const p = s.backup.physical;
  if (!p.enabled) return [];
  return [
    ...(p.store === 'local'
      ? []
      : EARLIER_STORES[p.store].map(name => ({ name, value: '' }))),
    { name: 'USE_WALG_BACKUP', value: 'true' },
    { name: 'USE_WALG_RESTORE', value: 'true' },
    { name: 'BACKUP_SCHEDULE', value: p.schedule },
    { name: 'BACKUP_NUM_TO_RETAIN', value: String(p.retention) },
    ...(p.store === 'local'
      ? []
      : storeEnv({ ...p, store: p.store }, s.cluster.name, GCS_KEY_DIR)),
  ];
}

/** The GCS key file is mounted from the credentials Secret; other stores need no volume. */
export function walgVolumes(s: ClusterSettings) {
  const p = s.backup.physical;
  if (!p.enabled || p.store !== 'gcs') return [];
  return [gcsKeyVolume('walg-gcs-key', GCS_KEY_DIR, p.credentialsSecret!)];
}
