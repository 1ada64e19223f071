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

/** `<bucket>/<prefix>`; the prefix defaults to `spilo/<cluster>`. */
export const backupLocation = (s: ClusterSettings) => {
  const p = s.backup.physical;
  return `${p.bucket}/${p.prefix ?? `spilo/${s.cluster.name}`}`;
};

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

function storeEnv(s: ClusterSettings): EnvVar[] {
  const p = s.backup.physical;
  const secret = p.credentialsSecret!;
  const location = backupLocation(s);
  switch (p.store) {
    case 's3':
      return [
        { name: 'WAL_S3_BUCKET', value: p.bucket! },
        { name: 'WALG_S3_PREFIX', value: `s3://${location}` },
        ...(p.region ? [{ name: 'AWS_REGION', value: p.region }] : []),
        ...(p.endpoint ? endpointEnv(p.endpoint, p.forcePathStyle) : []),
        { name: 'AWS_S3_FORCE_PATH_STYLE', value: String(p.forcePathStyle) },
        ...CREDENTIAL_KEYS.s3.map(k => fromSecret(k, secret)),
      ];
    case 'gcs':
      return [
        { name: 'WAL_GS_BUCKET', value: p.bucket! },
        { name: 'WALG_GS_PREFIX', value: `gs://${location}` },
        {
          name: 'GOOGLE_APPLICATION_CREDENTIALS',
          value: `${GCS_KEY_DIR}/key.json`,
        },
      ];
    case 'azure':
      return [
        { name: 'WALG_AZ_PREFIX', value: `azure://${location}` },
        ...CREDENTIAL_KEYS.azure.map(k => fromSecret(k, secret)),
      ];
    default:
      return [];
  }
}

/** Spilo environment for WAL-G: archiving, base backup schedule and retention. */
export function walgEnv(s: ClusterSettings): EnvVar[] {
  const p = s.backup.physical;
  if (!p.enabled) return [];
  return [
    { name: 'USE_WALG_BACKUP', value: 'true' },
    { name: 'USE_WALG_RESTORE', value: 'true' },
    { name: 'BACKUP_SCHEDULE', value: p.schedule },
    { name: 'BACKUP_NUM_TO_RETAIN', value: String(p.retention) },
    ...storeEnv(s),
  ];
}

/** The GCS key file is mounted from the credentials Secret; other stores need no volume. */
export function walgVolumes(s: ClusterSettings) {
  const p = s.backup.physical;
  if (!p.enabled || p.store !== 'gcs') return [];
  return [
    {
      name: 'walg-gcs-key',
      mountPath: GCS_KEY_DIR,
      targetContainers: ['postgres'],
      volumeSource: { secret: { secretName: p.credentialsSecret! } },
    },
  ];
}
