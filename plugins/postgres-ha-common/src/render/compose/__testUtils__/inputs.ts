/** Physical backups to S3 as the compose tests use them (compose reads keys from .env, not a Secret). */
export const S3_PHYSICAL = {
  enabled: true,
  store: 's3',
  bucket: 'pg-backups',
  region: 'eu-central-1',
  credentialsSecret: 'unused-in-compose',
} as const;
