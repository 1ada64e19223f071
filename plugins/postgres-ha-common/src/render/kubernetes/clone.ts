import type { ClusterSettings } from '../../settings';
import { type EnvVar, gcsKeyVolume, storeEnv, walPrefix } from './walg';

/** Where the clone source's GCS key is mounted, apart from the cluster's own backup key. */
export const CLONE_GCS_KEY_DIR = '/var/secrets/google-clone';

/**
 * `spec.clone`. For S3 the operator takes the archive from `s3_wal_path` (it becomes
 * CLONE_WALE_S3_PREFIX, and Spilo copies it to WAL-G); without it the operator points the
 * clone at its own global bucket with Spilo's default layout.
 */
export function cloneSpec(s: ClusterSettings) {
  if (!s.clone) return undefined;
  const { source, ...clone } = s.clone;
  return {
    ...clone,
    ...(source?.store === 's3' && {
      s3_wal_path: walPrefix(source, clone.cluster),
    }),
  };
}

/**
 * The source's store variables with Spilo's CLONE_ prefix (operator docs: "prepend the
 * CLONE_ prefix"); GCS and Azure sources can be given no other way. WAL-G restores them.
 */
export function cloneEnv(s: ClusterSettings): EnvVar[] {
  const source = s.clone?.source;
  if (!source) return [];
  return [
    { name: 'CLONE_USE_WALG_RESTORE', value: 'true' },
    ...storeEnv(source, s.clone!.cluster, CLONE_GCS_KEY_DIR).map(e => ({
      ...e,
      name: `CLONE_${e.name}`,
    })),
  ];
}

export function cloneVolumes(s: ClusterSettings) {
  const source = s.clone?.source;
  if (source?.store !== 'gcs') return [];
  return [
    gcsKeyVolume(
      'walg-clone-gcs-key',
      CLONE_GCS_KEY_DIR,
      source.credentialsSecret!,
    ),
  ];
}
