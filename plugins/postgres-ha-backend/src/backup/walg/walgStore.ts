import { parseWalPrefix } from '@pgha/plugin-postgres-ha-common';
import {
  describe,
  SpiloEnvironment,
  SpiloVariable,
  variable,
} from './spiloEnvironment';

/** Where a cluster's WAL-G archive lives, read from its Spilo environment. */
export interface WalgLocation {
  provider: 's3' | 'gcs' | 'azure';
  bucket: string;
  /** Key prefix inside the bucket, without leading or trailing slash. */
  prefix: string;
  /** The prefix (`s3://bucket/prefix`), for messages; masked when it came from a Secret. */
  url: string;
  /** Spilo's BACKUP_SCHEDULE (base backups), when set. */
  schedule?: string;
  /** The bucket came from a Secret: messages must not name it. */
  secret?: boolean;
}

/**
 * Spilo's stores in the order configure_spilo.py tries them: the variables that
 * select the store, the explicit prefixes (first wins) and the bucket variables
 * it derives a prefix from when none is given. Azure has no derivation.
 */
const STORES = [
  {
    provider: 's3',
    scheme: 's3',
    prefixes: ['WALG_S3_PREFIX', 'WALE_S3_PREFIX'],
    buckets: ['WAL_S3_BUCKET'],
  },
  {
    provider: 'gcs',
    scheme: 'gs',
    prefixes: ['WALG_GS_PREFIX', 'WALE_GCS_PREFIX', 'WALE_GS_PREFIX'],
    buckets: ['WAL_GCS_BUCKET', 'WAL_GS_BUCKET'],
  },
  {
    provider: 'swift',
    scheme: '',
    prefixes: ['WALE_SWIFT_PREFIX'],
    buckets: ['WAL_SWIFT_BUCKET'],
  },
  {
    provider: 'azure',
    scheme: 'azure',
    prefixes: ['WALG_AZ_PREFIX'],
    buckets: [],
  },
] as const;

/**
 * The WAL-G store of a cluster as Spilo finds it in its environment, or undefined
 * when it does not archive with WAL-G. Throws naming the variable and its origin
 * when a value cannot be a store.
 */
export function spiloWalgLocation(
  env: SpiloEnvironment,
): WalgLocation | undefined {
  const first = (names: readonly string[]) =>
    names.map(n => variable(env, n)).find(Boolean);
  for (const store of STORES) {
    const prefix = first(store.prefixes);
    const bucket = first(store.buckets);
    if (!prefix && !bucket) continue;
    if (store.provider === 'swift') return undefined;
    const url = prefix ?? derivedPrefix(env, store.scheme, bucket!);
    return located(
      url,
      store.provider,
      variable(env, 'BACKUP_SCHEDULE')?.value,
    );
  }
  const account = variable(env, 'AZURE_STORAGE_ACCOUNT');
  if (account) {
    throw new Error(
      `${account.origin} sets AZURE_STORAGE_ACCOUNT but no WALG_AZ_PREFIX: Spilo derives no Azure prefix, so set WALG_AZ_PREFIX (azure://<container>/<prefix>) in the pod environment ConfigMap or spec.env`,
    );
  }
  return undefined;
}

function located(
  url: SpiloVariable,
  provider: WalgLocation['provider'],
  schedule: string | undefined,
): WalgLocation {
  const unresolved = /\$\(([^)]*)\)/.exec(url.value);
  if (unresolved) {
    throw new Error(
      `${describe(url)} refers to $(${
        unresolved[1]
      }), which the pod's environment does not define`,
    );
  }
  // One parser for the layout the suite renders (the inverse of -common's walPrefix).
  const parsed = parseWalPrefix(url.value);
  if (!parsed?.bucket) {
    throw new Error(`${describe(url)} is not <scheme>://<bucket>/<prefix>`);
  }
  return {
    provider,
    bucket: parsed.bucket,
    prefix: parsed.prefix ?? '',
    url: url.secret ? `${url.name} of ${url.origin}` : url.value,
    schedule,
    ...(url.secret && { secret: true }),
  };
}

/**
 * configure_spilo.py's prefix for a bare bucket:
 * `<scheme>://<bucket>/spilo/<scope prefix><SCOPE><scope suffix>/wal/<PGVERSION>`. An unset
 * WAL_BUCKET_SCOPE_PREFIX defaults to `<namespace>-` outside `default` (Kubernetes DCS).
 */
function derivedPrefix(
  env: SpiloEnvironment,
  scheme: string,
  bucket: SpiloVariable,
): SpiloVariable {
  if (!/^[^/:\s]+$/.test(bucket.value)) {
    throw new Error(
      `${describe(bucket)} is not a bare bucket name (no scheme, no slash)`,
    );
  }
  const need = (name: string, hint: string) => {
    const found = variable(env, name);
    if (!found)
      throw new Error(
        `${bucket.origin} sets ${bucket.name} but ${name} is unknown (${hint})`,
      );
    return found.value;
  };
  const scope = need('SCOPE', 'the cluster name');
  const version = need(
    'PGVERSION',
    "the postgresql object's spec.postgresql.version",
  );
  const namespace =
    (variable(env, 'NAMESPACE') ?? variable(env, 'POD_NAMESPACE'))?.value ?? '';
  const scopePrefix =
    env.get('WAL_BUCKET_SCOPE_PREFIX')?.value ??
    (['', 'default'].includes(namespace) ? '' : `${namespace}-`);
  const suffix = env.get('WAL_BUCKET_SCOPE_SUFFIX')?.value ?? '';
  return {
    ...bucket,
    value: `${scheme}://${bucket.value}/spilo/${scopePrefix}${scope}${suffix}/wal/${version}`,
  };
}
