import { parseWalPrefix } from '@pgha/plugin-postgres-ha-common';

/** A `postgresql` spec.env entry; only literal values can name a store. */
export interface EnvEntry {
  name: string;
  value?: string;
}

/** Where a cluster's WAL-G archive lives, read from its Spilo environment. */
export interface WalgLocation {
  provider: 's3' | 'gcs' | 'azure';
  bucket: string;
  /** Key prefix inside the bucket, without leading or trailing slash. */
  prefix: string;
  /** The prefix as configured (`s3://bucket/prefix`), for messages. */
  url: string;
  /** Spilo's BACKUP_SCHEDULE (base backups), when set. */
  schedule?: string;
}

/** The variables the suite's renderer (and Spilo) use for each store. */
const PREFIX_VARIABLES = [
  ['WALG_S3_PREFIX', 's3'],
  ['WALG_GS_PREFIX', 'gcs'],
  ['WALG_AZ_PREFIX', 'azure'],
] as const;

/**
 * The WAL-G store of a cluster from its `postgresql` spec.env, or undefined when
 * the cluster does not archive with WAL-G there. Throws naming the variable when
 * its value is not `<scheme>://<bucket>/<prefix>`.
 */
export function walgLocation(env: EnvEntry[]): WalgLocation | undefined {
  const value = (name: string) => env.find(e => e.name === name)?.value;
  for (const [variable, provider] of PREFIX_VARIABLES) {
    const url = value(variable);
    if (!url) continue;
    // One parser for the layout the suite renders (the inverse of -common's walPrefix).
    const parsed = parseWalPrefix(url);
    if (!parsed?.bucket) {
      throw new Error(
        `spec.env ${variable} '${url}' is not <scheme>://<bucket>/<prefix>`,
      );
    }
    return {
      provider,
      bucket: parsed.bucket,
      prefix: parsed.prefix ?? '',
      url,
      schedule: value('BACKUP_SCHEDULE'),
    };
  }
  return undefined;
}
