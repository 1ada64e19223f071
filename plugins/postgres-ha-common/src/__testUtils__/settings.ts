import { validateSettings, type ClusterSettings } from '../settings';

/** Validated settings from an input, failing loudly with the field errors otherwise. */
export function settingsFrom(input: unknown): ClusterSettings {
  const result = validateSettings(input);
  if (!result.ok) {
    throw new Error(`invalid test settings: ${JSON.stringify(result.errors)}`);
  }
  return result.settings;
}

/** One object store of each provider, as backup.physical and clone.source take them. */
export function objectStores(credentialsSecret: string) {
  return {
    s3: {
      store: 's3',
      bucket: 'pg-backups',
      region: 'eu-west-1',
      endpoint: 'https://minio.internal:9000',
      forcePathStyle: true,
      credentialsSecret,
    },
    gcs: {
      store: 'gcs',
      bucket: 'pg-backups',
      prefix: 'team-a/orders',
      credentialsSecret,
    },
    azure: { store: 'azure', bucket: 'pg-backups', credentialsSecret },
  } as const;
}

/** An input without the Kubernetes-only settings that the compose target refuses. */
export function withoutKubernetesOnly<
  T extends { storage?: { size?: string }; security?: object },
>(input: T) {
  return {
    ...input,
    storage: { size: input.storage?.size },
    scheduling: {},
    security: { ...input.security, tls: { mode: 'none' } },
  };
}
