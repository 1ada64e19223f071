import { z } from 'zod';
import {
  BUCKET,
  CLUSTER_NAME_MAX,
  ENDPOINT,
  ENTITY_REF,
  LABEL_KEY,
  LABEL_VALUE,
  PREFIX,
  REGION,
} from './names';
import {
  cidr,
  cpu,
  cron,
  dnsLabel,
  image,
  labels,
  maintenanceWindow,
  memory,
  prose,
  secretName,
  volumeSize,
} from './fields';
import { checkParameter } from './parameters';

export const TARGETS = ['kubernetes', 'helm', 'compose'] as const;
export type Target = (typeof TARGETS)[number];

export const ALERTS = [
  'replicationLag',
  'noLeader',
  'failoverHappened',
  'backupTooOld',
  'diskNearlyFull',
  'tooManyConnections',
] as const;
export type AlertName = (typeof ALERTS)[number];

const entityRef = (what: string) =>
  z
    .string()
    .max(253)
    .regex(
      ENTITY_REF,
      `${what} must be a catalog entity reference such as group:default/dba or dba`,
    );

/** Role and database names: unquoted PostgreSQL identifiers the operator accepts. */
const pgName = (what: string) =>
  z
    .string()
    .max(63, `${what} must be at most 63 characters`)
    .regex(
      /^[a-z]([a-z0-9_]*[a-z0-9])?$/,
      `${what} must start with a lowercase letter and contain only lowercase letters, digits and '_' (not at the end)`,
    );

const identity = z
  .object({
    name: dnsLabel('cluster name', CLUSTER_NAME_MAX).describe(
      'Cluster name: the `postgresql` object and every companion object are named after it (DNS-1123 label, at most 58 characters).',
    ),
    namespace: dnsLabel('namespace')
      .default('default')
      .describe('Kubernetes namespace the cluster lives in.'),
    team: dnsLabel('team').describe(
      'Team id (`spec.teamId`); the operator labels pods with it.',
    ),
    owner: entityRef('owner').describe(
      'Catalog owner of the cluster entity, e.g. group:default/dba.',
    ),
    system: entityRef('system')
      .optional()
      .describe(
        'Catalog system the cluster belongs to, e.g. system:default/orders.',
      ),
    description: prose(1000)
      .default('')
      .describe('Free text shown in the catalog and the generated README.'),
  })
  .strict()
  .describe('Who the cluster is and where it lives.');

const parameterValue = z
  .union([z.string(), z.number(), z.boolean()])
  .transform(v => {
    if (typeof v === 'boolean') return v ? 'on' : 'off';
    return String(v);
  });

const postgresql = z
  .object({
    version: z.coerce
      .number()
      .int('PostgreSQL major version must be a whole number')
      .default(17)
      .describe(
        'PostgreSQL major version (14–18 with operator v2.x; 14–17 for the compose target).',
      ),
    parameters: z
      .record(parameterValue)
      .superRefine((params, ctx) => {
        for (const [name, value] of Object.entries(params)) {
          const problem = checkParameter(name, value);
          if (problem) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              path: [name],
              message: problem,
            });
          }
        }
      })
      .default({})
      .describe(
        'Allow-listed postgresql.conf parameters (name → value); Patroni-owned settings are refused.',
      ),
  })
  .strict()
  .default({})
  .describe('PostgreSQL version and server parameters.');

const patroni = z
  .object({
    ttl: z
      .number()
      .int()
      .min(5)
      .max(600)
      .default(30)
      .describe('Leader lock time-to-live in seconds.'),
    loopWait: z
      .number()
      .int()
      .min(1)
      .max(300)
      .default(10)
      .describe('Seconds between Patroni HA loop runs.'),
    retryTimeout: z
      .number()
      .int()
      .min(1)
      .max(300)
      .default(10)
      .describe(
        'Seconds Patroni retries DCS and PostgreSQL operations before demoting.',
      ),
  })
  .strict()
  .default({})
  .describe('Patroni timing; loopWait + 2 × retryTimeout must not exceed ttl.');

const topology = z
  .object({
    instances: z
      .number()
      .int()
      .min(1)
      .max(15)
      .default(2)
      .describe('Number of PostgreSQL pods (1 primary + replicas).'),
    replication: z
      .enum(['async', 'synchronous', 'synchronous-strict'])
      .default('async')
      .describe(
        'async, synchronous (Patroni synchronous_mode) or synchronous-strict (no writes without a sync standby).',
      ),
    synchronousNodeCount: z
      .number()
      .int()
      .min(1)
      .max(14)
      .default(1)
      .describe('How many standbys are synchronous in the synchronous modes.'),
    maximumLagOnFailover: z
      .number()
      .int()
      .min(0)
      .default(33554432)
      .describe('Bytes a replica may lag and still be promoted on failover.'),
    patroni,
  })
  .strict()
  .default({})
  .describe('How many instances and how they replicate.');

const pooling = z
  .object({
    primary: z
      .boolean()
      .default(false)
      .describe(
        'Run PgBouncer in front of the primary (`enableConnectionPooler`).',
      ),
    replica: z
      .boolean()
      .default(false)
      .describe(
        'Run PgBouncer in front of the replicas (`enableReplicaConnectionPooler`).',
      ),
    mode: z
      .enum(['session', 'transaction'])
      .default('transaction')
      .describe('PgBouncer pool mode.'),
    instances: z
      .number()
      .int()
      .min(1)
      .max(10)
      .default(2)
      .describe('PgBouncer pods per pooler.'),
    maxDbConnections: z
      .number()
      .int()
      .min(1)
      .max(10000)
      .default(60)
      .describe('Server connections PgBouncer opens to PostgreSQL at most.'),
  })
  .strict()
  .default({})
  .describe('Connection pooling with PgBouncer.');

const database = z
  .object({
    name: pgName('database name').describe('Database to create.'),
    owner: pgName('owner role').describe(
      'Role that owns the database; the operator creates it and stores its password in a Secret.',
    ),
  })
  .strict()
  .describe(
    'A database and its owner role (passwords are never part of the settings).',
  );

const quantities = (cpuDefault: string, memoryDefault: string, what: string) =>
  z
    .object({
      cpu: cpu().default(cpuDefault).describe(`CPU ${what}.`),
      memory: memory().default(memoryDefault).describe(`Memory ${what}.`),
    })
    .strict()
    .default({});

const resources = z
  .object({
    requests: quantities('100m', '256Mi', 'request').describe(
      'Resource requests of the postgres container.',
    ),
    limits: quantities('1', '1Gi', 'limit').describe(
      'Resource limits of the postgres container.',
    ),
  })
  .strict()
  .default({})
  .describe('CPU and memory of each PostgreSQL pod.');

const storage = z
  .object({
    size: volumeSize()
      .default('10Gi')
      .describe('Persistent volume size per instance.'),
    storageClass: secretName('storage class')
      .optional()
      .describe('StorageClass of the volumes; the cluster default when empty.'),
  })
  .strict()
  .default({})
  .describe('Data volume of each instance.');

const toleration = z
  .object({
    key: z
      .string()
      .regex(LABEL_KEY, 'key must be a Kubernetes label key')
      .optional()
      .describe(
        'Taint key to tolerate; empty with Exists tolerates every taint.',
      ),
    operator: z
      .enum(['Equal', 'Exists'])
      .default('Equal')
      .describe('Equal matches key and value; Exists matches the key only.'),
    value: z
      .string()
      .regex(LABEL_VALUE, 'value must be a Kubernetes label value')
      .optional()
      .describe('Taint value (Equal only).'),
    effect: z
      .enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute'])
      .optional()
      .describe('Taint effect to tolerate; all effects when empty.'),
  })
  .strict()
  .describe('A Kubernetes toleration for the PostgreSQL pods.');

const scheduling = z
  .object({
    podAntiAffinity: z
      .enum(['none', 'preferred', 'required'])
      .default('preferred')
      .describe(
        'Spread instances over nodes: preferred (best effort) or required (one per node).',
      ),
    tolerations: z
      .array(toleration)
      .max(20)
      .default([])
      .describe('Tolerations for the PostgreSQL pods.'),
    maintenanceWindows: z
      .array(maintenanceWindow())
      .max(14)
      .default([])
      .describe('When the operator may restart or switch over pods (UTC).'),
  })
  .strict()
  .default({})
  .describe('Where and when pods may run.');

/** Where WAL-G keeps a cluster's archive: shared by backups and the clone's WAL source. */
const objectStoreFields = {
  bucket: z
    .string()
    .regex(BUCKET, 'must be a bucket name: 3–63 of a-z 0-9 - .')
    .optional()
    .describe('Bucket (S3/GCS) or container (Azure).'),
  prefix: z
    .string()
    .max(200)
    .regex(
      PREFIX,
      "must be path segments of A-Z a-z 0-9 _ - . separated by '/', without '..' or a leading '/'",
    )
    .optional()
    .describe('Key prefix inside the bucket; spilo/<cluster name> when empty.'),
  region: z
    .string()
    .regex(REGION, 'must be a region name such as eu-central-1')
    .optional()
    .describe('Region of the bucket (S3).'),
  endpoint: z
    .string()
    .max(255)
    .regex(
      ENDPOINT,
      'must be an http(s) URL with only host and port, e.g. https://minio.example:9000',
    )
    .optional()
    .describe('Endpoint of an S3-compatible store (MinIO, Ceph …).'),
  forcePathStyle: z
    .boolean()
    .default(false)
    .describe('Use path-style S3 URLs (needed by most S3-compatible stores).'),
  credentialsSecret: secretName('credentials secret')
    .optional()
    .describe(
      'Existing Secret with the store credentials (see docs/settings.md for its keys).',
    ),
};

const physicalBackup = z
  .object({
    enabled: z
      .boolean()
      .default(false)
      .describe('Take WAL-G base backups and archive WAL.'),
    store: z
      .enum(['s3', 'gcs', 'azure', 'local'])
      .default('s3')
      .describe(
        'Object store: s3 (or S3-compatible), gcs, azure; local (a volume) is for the compose target only.',
      ),
    ...objectStoreFields,
    schedule: cron()
      .default('0 1 * * *')
      .describe('When base backups run (5-field cron, UTC).'),
    retention: z
      .number()
      .int()
      .min(
        2,
        "must be at least 2: Spilo's backup script raises anything lower to 2",
      )
      .max(365)
      .default(7)
      .describe(
        "Spilo's BACKUP_NUM_TO_RETAIN (N ≥ 2): it keeps every base backup of the last N days, at least N backups, and the newest older one; with more than one backup a day that is more than N.",
      ),
  })
  .strict()
  .default({})
  .describe('Physical backups (WAL-G) and WAL archiving.');

const logicalBackup = z
  .object({
    enabled: z
      .boolean()
      .default(false)
      .describe("Run the operator's logical backup (pg_dumpall) CronJob."),
    schedule: cron()
      .default('30 0 * * *')
      .describe('When logical backups run (5-field cron, UTC).'),
    retention: z
      .string()
      .regex(
        /^[1-9]\d{0,3} (day|days|week|weeks|month|months|year|years)$/,
        "must look like '7 days', '2 weeks' or '3 months'",
      )
      .default('7 days')
      .describe('How long logical backups are kept.'),
  })
  .strict()
  .default({})
  .describe("Logical backups (pg_dumpall to the operator's bucket).");

const backup = z
  .object({
    physical: physicalBackup,
    logical: logicalBackup,
    pitr: z
      .boolean()
      .default(false)
      .describe(
        'Point-in-time recovery: keep WAL in the backup store so any moment can be restored.',
      ),
  })
  .strict()
  .default({})
  .describe('Backups and point-in-time recovery.');

const thresholds = z
  .object({
    replicationLagSeconds: z
      .number()
      .int()
      .min(1)
      .max(86400)
      .default(60)
      .describe(
        'Alert when a replica replays more than this many seconds behind.',
      ),
    backupMaxAgeHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 31)
      .default(26)
      .describe(
        'Alert when the newest archived WAL (physical backups) or logical backup is older than this many hours.',
      ),
    diskUsagePercent: z
      .number()
      .int()
      .min(50)
      .max(99)
      .default(85)
      .describe('Alert when the data volume is fuller than this.'),
    connectionsPercent: z
      .number()
      .int()
      .min(10)
      .max(100)
      .default(80)
      .describe('Alert when connections exceed this share of max_connections.'),
  })
  .strict()
  .default({})
  .describe('Alert thresholds.');

/** Keys of the labels the suite puts on every companion object (render/kubernetes/labels.ts). */
const isCompanionLabel = (key: string) =>
  key.startsWith('app.kubernetes.io/') ||
  ['cluster-name', 'team'].includes(key);

const monitoring = z
  .object({
    exporter: z
      .object({
        enabled: z
          .boolean()
          .default(true)
          .describe('Run postgres_exporter as a sidecar.'),
        image: image()
          .default('prometheuscommunity/postgres-exporter:v0.17.1')
          .describe('postgres_exporter image.'),
      })
      .strict()
      .default({})
      .describe('postgres_exporter sidecar.'),
    podMonitor: z
      .boolean()
      .default(false)
      .describe(
        'Create a PodMonitor so Prometheus Operator scrapes the exporter.',
      ),
    prometheusRule: z
      .object({
        enabled: z
          .boolean()
          .default(false)
          .describe('Create a PrometheusRule with the alerts.'),
        alerts: z
          .array(z.enum(ALERTS))
          .default([...ALERTS])
          .describe('Which alerts to create.'),
        thresholds,
      })
      .strict()
      .default({})
      .describe('Alerting rules.'),
    grafanaDashboard: z
      .boolean()
      .default(false)
      .describe(
        'Create a Grafana dashboard ConfigMap for the Grafana sidecar.',
      ),
    labels: labels('monitoring label')
      .refine(l => !Object.keys(l).some(isCompanionLabel), {
        message:
          'must not set app.kubernetes.io/*, cluster-name or team: the suite sets them',
      })
      .default({})
      .describe(
        'Extra labels on the PodMonitor and PrometheusRule, e.g. release: kube-prometheus-stack for its selectors.',
      ),
    pgAdmin: z
      .object({
        enabled: z
          .boolean()
          .default(false)
          .describe('Deploy pgAdmin next to the cluster.'),
        image: image().default('dpage/pgadmin4:9.8').describe('pgAdmin image.'),
      })
      .strict()
      .default({})
      .describe('pgAdmin web UI.'),
  })
  .strict()
  .default({})
  .describe('Metrics, alerts, dashboards and pgAdmin.');

const issuer = z
  .object({
    name: secretName('issuer name').describe(
      'cert-manager Issuer or ClusterIssuer name.',
    ),
    kind: z
      .enum(['Issuer', 'ClusterIssuer'])
      .default('ClusterIssuer')
      .describe('Issuer (same namespace) or ClusterIssuer.'),
  })
  .strict()
  .describe('cert-manager issuer that signs the server certificate.');

const peer = z
  .object({
    namespaceLabels: labels('namespace label')
      .optional()
      .describe(
        'Namespaces (by label) whose pods may connect; any namespace when empty.',
      ),
    podLabels: labels('pod label')
      .optional()
      .describe('Pods (by label) that may connect.'),
    cidr: cidr().optional().describe('An IP range that may connect.'),
  })
  .strict()
  .describe('Who may connect: pods by namespace/pod labels, or an IP range.');

const security = z
  .object({
    tls: z
      .object({
        mode: z
          .enum(['none', 'secret', 'cert-manager'])
          .default('none')
          .describe(
            'none (Spilo self-signed), secret (existing TLS Secret) or cert-manager.',
          ),
        secretName: secretName('TLS secret')
          .optional()
          .describe(
            'TLS Secret with tls.crt/tls.key (mode secret) or to create (mode cert-manager).',
          ),
        caSecretName: secretName('CA secret')
          .optional()
          .describe('Secret holding ca.crt, when the CA is separate.'),
        issuer: issuer.optional(),
      })
      .strict()
      .default({})
      .describe('TLS for client connections.'),
    networkPolicy: z
      .object({
        enabled: z
          .boolean()
          .default(false)
          .describe('Restrict ingress to the cluster with a NetworkPolicy.'),
        allowedPeers: z
          .array(peer)
          .max(50)
          .default([])
          .describe(
            'Who may reach PostgreSQL and the poolers; cluster members always may.',
          ),
      })
      .strict()
      .default({})
      .describe('NetworkPolicy.'),
    loadBalancers: z
      .object({
        primary: z
          .boolean()
          .default(false)
          .describe('Expose the primary through a LoadBalancer service.'),
        replica: z
          .boolean()
          .default(false)
          .describe('Expose the replicas through a LoadBalancer service.'),
      })
      .strict()
      .default({})
      .describe('LoadBalancer services.'),
    allowedSourceRanges: z
      .array(cidr())
      .max(100)
      .default([])
      .describe('CIDR ranges the load balancers accept.'),
  })
  .strict()
  .default({})
  .describe('TLS, network policy and load balancer exposure.');

/**
 * Where the source cluster archives its WAL: the operator would otherwise look in its own
 * global bucket with Spilo's default layout, where a cluster this suite rendered never writes.
 */
const cloneSource = z
  .object({
    store: z
      .enum(['s3', 'gcs', 'azure'])
      .describe(
        'Object store of the source cluster: s3 (or S3-compatible), gcs, azure.',
      ),
    ...objectStoreFields,
  })
  .strict()
  .optional()
  .describe(
    "The source cluster's WAL archive, as in its backup.physical settings (prefix defaults to spilo/<source cluster>).",
  );

/** Point-in-time clone of another cluster (operator `spec.clone`); used by the restore template. */
const clone = z
  .object({
    cluster: dnsLabel('source cluster name', CLUSTER_NAME_MAX).describe(
      'Name of the cluster to clone; its WAL archive is read from clone.source.',
    ),
    timestamp: z
      .string()
      // The operator's CRD pattern: RFC 3339 with a numeric offset; it refuses `Z`.
      .regex(
        /^\d{4}-(0[1-9]|1[012])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?[+-]([01]\d|2[0-3]):[0-5]\d$/,
        'must be an RFC 3339 timestamp with a numeric zone offset, e.g. 2025-06-01T12:00:00+02:00 (write +00:00, not Z)',
      )
      .describe('Moment to recover to (RFC 3339 with a numeric zone offset).'),
    source: cloneSource,
  })
  .strict()
  .optional()
  .describe('Create the cluster as a point-in-time clone of another cluster.');

export const settingsObject = z
  .object({
    target: z
      .enum(TARGETS)
      .default('kubernetes')
      .describe(
        'What to render: kubernetes manifests, a helm chart or a docker compose stack.',
      ),
    operatorVersion: z
      .string()
      .regex(
        /^v\d+(\.(\d+|x))?(\.\d+)?$/,
        'must look like v2, v2.x, v2.0 or v2.0.1',
      )
      .default('v2.x')
      .describe(
        'Zalando postgres-operator line targeted; the renderers support v2.x.',
      ),
    cluster: identity,
    postgresql,
    topology,
    pooling,
    databases: z
      .array(database)
      .max(50)
      .default([])
      .describe('Databases with their owner roles.'),
    resources,
    storage,
    scheduling,
    backup,
    monitoring,
    security,
    clone,
  })
  .strict()
  .describe('PostgreSQL HA cluster settings.');

/** Settings after defaults are applied: what renderers receive. */
export type ClusterSettings = z.output<typeof settingsObject>;
/** Settings as a user writes them: most fields optional. */
export type ClusterSettingsInput = z.input<typeof settingsObject>;
/** The WAL archive a point-in-time clone reads (`clone.source`), as a user writes it. */
export type CloneSource = NonNullable<
  NonNullable<ClusterSettingsInput['clone']>['source']
>;
