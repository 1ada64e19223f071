import { Config, ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  parseServiceAccountKey,
  ServiceAccountKey,
} from '../backup/walg/gcsServiceAccount';
import { checkLinkTemplates, LinkTemplates } from '../status/links';
import {
  readZalandoOperator,
  ZalandoOperatorConfig,
} from './readZalandoOperator';

/** A Patroni cluster reached directly (Compose, VMs, the local lab). */
export interface PatroniClusterConfig {
  name: string;
  urls: string[];
  username?: string;
  password?: string;
  pgbackrest?: {
    configPath: string;
    stanza: string;
    /** Executable to run; a wrapper may switch to the repository owner. */
    command: string;
    /** 5-field cron schedule of base backups, for the "backup too old" check. */
    schedule?: string;
    /** `full`, `diff` or `incr` for "backup now". */
    backupType: 'full' | 'diff' | 'incr';
  };
  pooler?: { host: string; port: number };
  /** Read-only SQL access to the leader with psql (WAL archiving, slots, size). */
  sql?: {
    user: string;
    password?: string;
    passwordFile?: string;
    database: string;
    command: string;
  };
  /** Overrides `postgresHa.links` for this cluster, key by key. */
  links?: LinkTemplates;
}

/** A Kubernetes API server and how to authenticate to it. */
export type KubernetesClusterConfig =
  | {
      /** Configured as for Backstage's Kubernetes plugin (`type: config`). */
      auth: 'serviceAccount';
      name: string;
      url: string;
      /** Service-account token; absent means the in-cluster token file. */
      serviceAccountToken?: string;
      caData?: string;
      caFile?: string;
      skipTLSVerify: boolean;
    }
  | {
      /** A context of a kubeconfig file (`postgresHa.kubernetes.kubeconfigContexts`). */
      auth: 'kubeconfig';
      name: string;
      context: string;
      /** Absent means the default (KUBECONFIG or ~/.kube/config). */
      path?: string;
    };

/**
 * Credentials for an object store that WAL-G archives to, matched by provider
 * and bucket. Only from backend configuration, never from the cluster's Secrets.
 */
export interface ObjectStoreConfig {
  name: string;
  provider: 's3' | 'gcs' | 'azure';
  /** Bucket (S3, GCS) or container (Azure). */
  bucket: string;
  /** Absent only for AWS S3, and for Azure without accountName. */
  endpoint?: string;
  /** Signing region (S3 and GCS). */
  region: string;
  /** S3 access key id, or the GCS HMAC key's access id. */
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  /** GCS: a service-account key, instead of an HMAC key pair (JSON API). */
  serviceAccountKey?: ServiceAccountKey;
  /** Azure storage account, with accountKey (Shared Key) or sasToken. */
  accountName?: string;
  accountKey?: string;
  sasToken?: string;
}

export interface PostgresHaConfig {
  refreshIntervalMs: number;
  backupRefreshIntervalMs: number;
  requestTimeoutMs: number;
  lagWarningBytes: number;
  scale: { minInstances: number; maxInstances: number };
  restoreTemplateRef: string;
  patroniClusters: PatroniClusterConfig[];
  kubernetesClusters: KubernetesClusterConfig[];
  objectStores: ObjectStoreConfig[];
  /** The operator settings that put WAL-G variables into Spilo pods. */
  zalandoOperator: ZalandoOperatorConfig;
  /** Grafana / pgAdmin URL templates for every cluster. */
  links: LinkTemplates;
}

function readLinks(c: Config | undefined, key: string): LinkTemplates {
  return checkLinkTemplates(
    {
      ...(c?.has('grafana') && { grafana: c.getString('grafana') }),
      ...(c?.has('pgadmin') && { pgadmin: c.getString('pgadmin') }),
    },
    key,
  );
}

const BACKUP_TYPES = ['full', 'diff', 'incr'] as const;

function readPatroniCluster(c: Config): PatroniClusterConfig {
  const name = c.getString('name');
  const urls = c.getStringArray('urls');
  for (const url of urls) {
    if (!/^https?:\/\//.test(url)) {
      throw new InputError(
        `postgresHa.patroni.clusters[${name}].urls: '${url}' is not an http(s) URL`,
      );
    }
  }
  const pgbackrest = c.getOptionalConfig('pgbackrest');
  const backupType = pgbackrest?.getOptionalString('backupType') ?? 'incr';
  if (!BACKUP_TYPES.includes(backupType as (typeof BACKUP_TYPES)[number])) {
    throw new InputError(
      `postgresHa.patroni.clusters[${name}].pgbackrest.backupType must be one of ${BACKUP_TYPES.join(
        ', ',
      )}`,
    );
  }
  const pooler = c.getOptionalConfig('pooler');
  const sql = c.getOptionalConfig('sql');
  if (sql?.has('password') && sql.has('passwordFile')) {
    throw new InputError(
      `postgresHa.patroni.clusters[${name}].sql: give password or passwordFile, not both`,
    );
  }
  return {
    name,
    urls: urls.map(u => u.replace(/\/+$/, '')),
    username: c.getOptionalString('username'),
    password: c.getOptionalString('password'),
    pgbackrest: pgbackrest && {
      configPath: pgbackrest.getString('configPath'),
      stanza: pgbackrest.getString('stanza'),
      command: pgbackrest.getOptionalString('command') ?? 'pgbackrest',
      schedule: pgbackrest.getOptionalString('schedule'),
      backupType: backupType as (typeof BACKUP_TYPES)[number],
    },
    pooler: pooler && {
      host: pooler.getString('host'),
      port: pooler.getNumber('port'),
    },
    sql: sql && {
      user: sql.getString('user'),
      password: sql.getOptionalString('password'),
      passwordFile: sql.getOptionalString('passwordFile'),
      database: sql.getOptionalString('database') ?? 'postgres',
      command: sql.getOptionalString('command') ?? 'psql',
    },
    links: readLinks(
      c.getOptionalConfig('links'),
      `postgresHa.patroni.clusters[${name}].links`,
    ),
  };
}

/** Clusters of `kubernetes.clusterLocatorMethods` entries of type `config`. */
function readKubernetesClusters(root: Config): KubernetesClusterConfig[] {
  const methods =
    root.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  return methods
    .filter(m => m.getString('type') === 'config')
    .flatMap(m => m.getOptionalConfigArray('clusters') ?? [])
    .map(c => {
      const authProvider =
        c.getOptionalString('authProvider') ?? 'serviceAccount';
      const name = c.getString('name');
      if (authProvider !== 'serviceAccount') {
        throw new InputError(
          `kubernetes cluster '${name}': authProvider '${authProvider}' is not supported by postgres-ha; use serviceAccount`,
        );
      }
      return {
        auth: 'serviceAccount' as const,
        name,
        url: c.getString('url'),
        serviceAccountToken: c.getOptionalString('serviceAccountToken'),
        caData: c.getOptionalString('caData'),
        caFile: c.getOptionalString('caFile'),
        skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
      };
    });
}

const PROVIDERS = ['s3', 'gcs', 'azure'] as const;

/** GCS: the XML API (HMAC keys, S3 SigV4 requests) and the JSON API base (`/storage/v1`). */
const GCS_ENDPOINT = 'https://storage.googleapis.com';
const S3_KEYS = ['accessKeyId', 'secretAccessKey', 'region', 'forcePathStyle'];
const AZURE_KEYS = ['accountName', 'accountKey', 'sasToken'];
const HMAC_KEYS = ['accessKeyId', 'secretAccessKey'];

function readObjectStore(c: Config, index: number): ObjectStoreConfig {
  const name = c.getString('name');
  const fail = (field: string, problem: string) =>
    new InputError(
      `postgresHa.objectStores[${index}].${field} (store '${name}') ${problem}`,
    );
  const provider = c.getOptionalString('provider') ?? 's3';
  if (!PROVIDERS.includes(provider as ObjectStoreConfig['provider'])) {
    throw fail('provider', `must be one of ${PROVIDERS.join(', ')}`);
  }
  const azure = provider === 'azure';
  const foreign = [
    ...(azure ? S3_KEYS : AZURE_KEYS),
    ...(provider === 'gcs' ? [] : ['serviceAccountKey']),
  ].find(k => c.has(k));
  if (foreign) {
    throw fail(
      foreign,
      azure
        ? 'is not used by provider azure; give accountName with accountKey or sasToken'
        : `is only used by provider ${
            foreign === 'serviceAccountKey' ? 'gcs' : 'azure'
          }, not ${provider}`,
    );
  }
  const endpoint = c.getOptionalString('endpoint');
  if (endpoint && !/^https?:\/\//.test(endpoint)) {
    throw fail('endpoint', `'${endpoint}' is not an http(s) URL`);
  }
  const gcs = provider === 'gcs';
  const store: ObjectStoreConfig = {
    name,
    provider: provider as ObjectStoreConfig['provider'],
    bucket: c.getString('bucket'),
    endpoint: (endpoint ?? (gcs ? GCS_ENDPOINT : undefined))?.replace(
      /\/+$/,
      '',
    ),
    region: c.getOptionalString('region') ?? (gcs ? 'auto' : 'us-east-1'),
    accessKeyId: c.getOptionalString('accessKeyId'),
    secretAccessKey: c.getOptionalString('secretAccessKey'),
    forcePathStyle: c.getOptionalBoolean('forcePathStyle') ?? gcs,
  };
  if (azure) return readAzureAccount(c, store, fail);
  return gcs ? readGcsKey(c, store, fail) : store;
}

/** Exactly one of a service-account key and an HMAC key pair; checked, never echoed. */
function readGcsKey(
  c: Config,
  store: ObjectStoreConfig,
  fail: (field: string, problem: string) => Error,
): ObjectStoreConfig {
  const json = c.getOptionalString('serviceAccountKey');
  const hmac = HMAC_KEYS.filter(k => c.has(k));
  if (json === undefined) {
    if (hmac.length) return store;
    throw fail(
      'serviceAccountKey',
      'or accessKeyId and secretAccessKey (an HMAC key) must be given',
    );
  }
  if (hmac.length) {
    throw fail(
      'serviceAccountKey',
      `and ${hmac.join(
        ' and ',
      )} are both set; give the JSON key or the HMAC key`,
    );
  }
  const key = parseServiceAccountKey(json);
  if (typeof key === 'string') throw fail('serviceAccountKey', key);
  return { ...store, serviceAccountKey: key };
}

/** Account and key or SAS of an Azure entry; checked for shape, never echoed. */
function readAzureAccount(
  c: Config,
  store: ObjectStoreConfig,
  fail: (field: string, problem: string) => Error,
): ObjectStoreConfig {
  const accountName = c.getOptionalString('accountName');
  const accountKey = c.getOptionalString('accountKey');
  const sasToken = c.getOptionalString('sasToken')?.replace(/^\?/, '');
  if (accountName !== undefined && !/^[a-z0-9]{3,24}$/.test(accountName)) {
    throw fail(
      'accountName',
      'must be the storage account name: 3 to 24 lowercase letters and digits',
    );
  }
  if (accountKey !== undefined && !/^[A-Za-z0-9+/]+={0,2}$/.test(accountKey)) {
    throw fail(
      'accountKey',
      "is not a base64 account key (key1 or key2 of the storage account's access keys)",
    );
  }
  if (accountKey !== undefined && sasToken !== undefined) {
    throw fail('sasToken', 'and accountKey are both set; give one of them');
  }
  if (sasToken !== undefined && !/(^|&)sig=/.test(sasToken)) {
    throw fail(
      'sasToken',
      'is not a SAS query string (sv=…&sp=rl&…&sig=…, with or without the leading ?)',
    );
  }
  return {
    ...store,
    accountName,
    accountKey,
    sasToken,
  };
}

export function positive(c: Config, key: string, fallback: number): number {
  const value = c.getOptionalNumber(key) ?? fallback;
  if (!(value > 0)) {
    throw new InputError(`postgresHa.${key} must be a positive number`);
  }
  return value;
}

/** Reads and validates `postgresHa` (and `kubernetes.clusterLocatorMethods`). */
export function readPostgresHaConfig(root: Config): PostgresHaConfig {
  const cfg = root.getOptionalConfig('postgresHa') ?? new ConfigReader({});
  const minInstances = cfg.getOptionalNumber('scale.minInstances') ?? 1;
  const maxInstances = cfg.getOptionalNumber('scale.maxInstances') ?? 7;
  if (minInstances < 1 || maxInstances < minInstances) {
    throw new InputError(
      'postgresHa.scale: need 1 <= minInstances <= maxInstances',
    );
  }
  const kubernetesClusters: KubernetesClusterConfig[] = [
    ...readKubernetesClusters(root),
    ...(cfg.getOptionalConfigArray('kubernetes.kubeconfigContexts') ?? []).map(
      c => ({
        auth: 'kubeconfig' as const,
        name: c.getString('name'),
        context: c.getString('context'),
        path: c.getOptionalString('path'),
      }),
    ),
  ];
  return {
    refreshIntervalMs: positive(cfg, 'refreshIntervalSeconds', 5) * 1000,
    backupRefreshIntervalMs:
      positive(cfg, 'backupRefreshIntervalSeconds', 60) * 1000,
    requestTimeoutMs: positive(cfg, 'requestTimeoutSeconds', 5) * 1000,
    lagWarningBytes: positive(cfg, 'lagWarningBytes', 16 * 1024 * 1024),
    scale: { minInstances, maxInstances },
    restoreTemplateRef:
      cfg.getOptionalString('restore.templateRef') ??
      'template:default/postgres-cluster-restore',
    patroniClusters: (cfg.getOptionalConfigArray('patroni.clusters') ?? []).map(
      readPatroniCluster,
    ),
    kubernetesClusters,
    objectStores: (cfg.getOptionalConfigArray('objectStores') ?? []).map(
      readObjectStore,
    ),
    zalandoOperator: readZalandoOperator(
      cfg.getOptionalConfig('zalandoOperator'),
      kubernetesClusters.map(c => c.name),
    ),
    links: readLinks(cfg.getOptionalConfig('links'), 'postgresHa.links'),
  };
}
