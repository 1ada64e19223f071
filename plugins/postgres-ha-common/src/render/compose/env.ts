import type { ClusterSettings } from '../../settings';
import { EnvRef } from './interpolation';
import { ownerPasswords } from './databases';

/** Every secret the stack reads from `.env`; only placeholders are ever rendered. */
export function composeSecrets(s: ClusterSettings) {
  const store = s.backup.physical.enabled ? s.backup.physical.store : undefined;
  const ref = (name: string, description: string, placeholder = 'change-me') =>
    new EnvRef(name, description, placeholder);
  return {
    superuserPassword: ref(
      'PGHA_SUPERUSER_PASSWORD',
      'Password of the postgres superuser (also used by PgBouncer, the exporter and backups).',
    ),
    replicationPassword: ref(
      'PGHA_REPLICATION_PASSWORD',
      'Password of the replication role the replicas stream with.',
    ),
    grafanaPassword: ref(
      'PGHA_GRAFANA_ADMIN_PASSWORD',
      'Password of the Grafana admin user.',
    ),
    ...(s.monitoring.pgAdmin.enabled && {
      pgAdminEmail: ref(
        'PGHA_PGADMIN_EMAIL',
        'Login e-mail of pgAdmin.',
        'admin@example.com',
      ),
      pgAdminPassword: ref(
        'PGHA_PGADMIN_PASSWORD',
        'Login password of pgAdmin.',
      ),
    }),
    ...(store === 's3' && {
      awsAccessKeyId: ref(
        'AWS_ACCESS_KEY_ID',
        'Access key of the backup bucket.',
      ),
      awsSecretAccessKey: ref(
        'AWS_SECRET_ACCESS_KEY',
        'Secret key of the backup bucket.',
      ),
    }),
    ...(store === 'azure' && {
      azureAccount: ref(
        'AZURE_STORAGE_ACCOUNT',
        'Storage account of the backup container.',
      ),
      azureKey: ref(
        'AZURE_STORAGE_ACCESS_KEY',
        'Access key of the storage account.',
      ),
    }),
    ...ownerPasswords(s),
    ...(store === 'gcs' && {
      gcsKeyFile: ref(
        'PGHA_GCS_KEY_FILE',
        'Path of the GCS service-account key file on the Docker host.',
        './gcs-key.json',
      ),
    }),
  };
}

export type ComposeSecrets = ReturnType<typeof composeSecrets>;

/** `.env.example`: every variable with a comment and a placeholder, never a real value. */
export function renderEnvExample(secrets: ComposeSecrets): string {
  const lines = [
    '# Copy to .env next to docker-compose.yml and replace every value; never commit .env.',
    '# docker compose refuses to start while one of these is unset or empty.',
  ];
  for (const ref of Object.values(secrets)) {
    lines.push('', `# ${ref.description}`, `${ref.name}=${ref.placeholder}`);
  }
  return `${lines.join('\n')}\n`;
}
