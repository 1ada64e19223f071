import { parseAllDocuments } from 'yaml';
import { exampleSettings, validateSettings } from '../../settings';
import { objectStores, settingsFrom } from '../../__testUtils__/settings';
import { readUpstream } from '../../__testUtils__/upstream';
import {
  validateKubernetesObject,
  validateKubernetesObjects,
} from '../../__testUtils__/validators';
import { renderCluster } from '..';
import { buildKubernetesObjects } from './objects';
import { dashboardUid } from './dashboard';
import type { KubeObject } from './types';

const { minimal, production } = exampleSettings;

const parseFiles = (files: { path: string; content: string }[]) =>
  files
    .filter(f => f.path.startsWith('manifests/'))
    .flatMap(f =>
      parseAllDocuments(f.content).map(d => d.toJS() as KubeObject),
    );

const postgresqlOf = (objects: KubeObject[]) =>
  objects.find(o => o.kind === 'postgresql') as KubeObject & { spec: any };

const backupStores = objectStores('backup-creds');

describe('kubernetes renderer', () => {
  it('renders a CRD-valid manifest for the minimal cluster', () => {
    const objects = parseFiles(renderCluster(settingsFrom(minimal)));
    expect(objects.map(o => o.kind)).toEqual(['postgresql']);
    expect(validateKubernetesObjects(objects)).toEqual({});
    expect(postgresqlOf(objects).spec).toMatchObject({
      teamId: 'acid',
      numberOfInstances: 2,
      postgresql: { version: '17' },
      volume: { size: '10Gi' },
    });
  });

  it('renders a CRD-valid manifest for 3 sync replicas', () => {
    const s = settingsFrom({
      ...minimal,
      topology: {
        instances: 3,
        replication: 'synchronous',
        synchronousNodeCount: 2,
      },
    });
    const objects = parseFiles(renderCluster(s));
    expect(validateKubernetesObjects(objects)).toEqual({});
    expect(postgresqlOf(objects).spec.patroni).toEqual({
      ttl: 30,
      loop_wait: 10,
      retry_timeout: 10,
      maximum_lag_on_failover: 33554432,
      synchronous_mode: true,
      synchronous_mode_strict: false,
      synchronous_node_count: 2,
    });
  });

  it('renders every object of the production example valid against the CRD and Kubernetes schemas', () => {
    const objects = parseFiles(renderCluster(settingsFrom(production)));
    expect(objects.map(o => o.kind)).toEqual([
      'Certificate',
      'postgresql',
      'NetworkPolicy',
      'PodMonitor',
      'PrometheusRule',
      'ConfigMap',
      'ConfigMap',
      'Deployment',
      'Service',
    ]);
    expect(validateKubernetesObjects(objects)).toEqual({});
  });

  it.each(Object.entries(backupStores))(
    'passes %s credentials only through secretKeyRef or a mounted Secret, CRD-valid',
    (store, physical) => {
      const s = settingsFrom({
        ...minimal,
        backup: { physical: { enabled: true, ...physical }, pitr: true },
      });
      const pg = postgresqlOf(buildKubernetesObjects(s));
      expect(validateKubernetesObject(pg)).toEqual([]);
      const env: { name: string; value?: string; valueFrom?: any }[] =
        pg.spec.env;
      expect(env).toEqual(
        expect.arrayContaining([{ name: 'USE_WALG_BACKUP', value: 'true' }]),
      );
      const secretRefs = env
        .filter(e => e.valueFrom)
        .map(e => e.valueFrom.secretKeyRef.name);
      expect(new Set(secretRefs)).toEqual(
        new Set(store === 'gcs' ? [] : ['backup-creds']),
      );
      expect(env.some(e => /KEY|SECRET/.test(e.name) && e.value)).toBe(false);
      expect(pg.spec.postgresql.parameters.archive_timeout).toBe('60s');
    },
  );

  // Names as Spilo's configure_spilo.py reads them (zalando/spilo, postgres-appliance/scripts):
  // anything else would be ignored and archiving silently stay off.
  const COMMON = [
    'USE_WALG_BACKUP',
    'USE_WALG_RESTORE',
    'BACKUP_SCHEDULE',
    'BACKUP_NUM_TO_RETAIN',
  ];
  it.each([
    [
      's3',
      [
        'WAL_S3_BUCKET',
        'WALG_S3_PREFIX',
        'AWS_REGION',
        'AWS_ENDPOINT',
        'WALE_S3_ENDPOINT',
        'AWS_S3_FORCE_PATH_STYLE',
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
      ],
    ],
    [
      'gcs',
      ['WAL_GS_BUCKET', 'WALG_GS_PREFIX', 'GOOGLE_APPLICATION_CREDENTIALS'],
    ],
    [
      'azure',
      ['WALG_AZ_PREFIX', 'AZURE_STORAGE_ACCOUNT', 'AZURE_STORAGE_ACCESS_KEY'],
    ],
  ] as const)(
    'names the %s WAL-G settings exactly as Spilo reads them',
    (store, names) => {
      const s = settingsFrom({
        ...minimal,
        backup: { physical: { enabled: true, ...backupStores[store] } },
      });
      const env: { name: string; value?: string }[] = postgresqlOf(
        buildKubernetesObjects(s),
      ).spec.env;
      // Empty entries clear other stores' variables (walgStore.test.ts).
      const set = env.filter(e => e.value !== '');
      expect(set.map(e => e.name)).toEqual([...COMMON, ...names]);
    },
  );

  it.each([
    [true, 'https+path://minio.internal:9000'],
    [false, 'https+virtualhost://minio.internal:9000'],
  ])(
    'with an S3 endpoint, forcePathStyle %s reaches Spilo as WALE_S3_ENDPOINT %s (Spilo derives the path style from it)',
    (forcePathStyle, expected) => {
      const s = settingsFrom({
        ...minimal,
        backup: {
          physical: { enabled: true, ...backupStores.s3, forcePathStyle },
        },
      });
      const env: { name: string; value?: string }[] = postgresqlOf(
        buildKubernetesObjects(s),
      ).spec.env;
      const value = (name: string) => env.find(e => e.name === name)?.value;
      expect(value('WALE_S3_ENDPOINT')).toBe(expected);
      expect(value('AWS_ENDPOINT')).toBe('https://minio.internal:9000');
      expect(value('AWS_S3_FORCE_PATH_STYLE')).toBe(String(forcePathStyle));
    },
  );

  it('mounts the GCS key file from the credentials Secret', () => {
    const s = settingsFrom({
      ...minimal,
      backup: { physical: { enabled: true, ...backupStores.gcs } },
    });
    const pg = postgresqlOf(buildKubernetesObjects(s));
    expect(pg.spec.additionalVolumes).toEqual([
      {
        name: 'walg-gcs-key',
        mountPath: '/var/secrets/google',
        targetContainers: ['postgres'],
        volumeSource: { secret: { secretName: 'backup-creds' } },
      },
    ]);
    expect(pg.spec.env).toContainEqual({
      name: 'GOOGLE_APPLICATION_CREDENTIALS',
      value: '/var/secrets/google/key.json',
    });
  });

  it('renders logical backups, poolers, TLS from a Secret and maintenance windows as operator fields', () => {
    const s = settingsFrom({
      ...minimal,
      pooling: { primary: true, mode: 'session', instances: 3 },
      backup: {
        logical: {
          enabled: true,
          schedule: '15 4 * * *',
          retention: '2 weeks',
        },
      },
      security: {
        tls: { mode: 'secret', secretName: 'pg-tls', caSecretName: 'pg-ca' },
      },
      scheduling: {
        podAntiAffinity: 'none',
        maintenanceWindows: ['01:00-02:00'],
        tolerations: [{ operator: 'Exists' }],
      },
    });
    const pg = postgresqlOf(buildKubernetesObjects(s));
    expect(validateKubernetesObject(pg)).toEqual([]);
    expect(pg.spec).toMatchObject({
      enableConnectionPooler: true,
      enableReplicaConnectionPooler: false,
      connectionPooler: {
        mode: 'session',
        numberOfInstances: 3,
        maxDBConnections: 60,
      },
      enableLogicalBackup: true,
      logicalBackupSchedule: '15 4 * * *',
      logicalBackupRetention: '2 weeks',
      tls: { secretName: 'pg-tls', caSecretName: 'pg-ca', caFile: 'ca.crt' },
      maintenanceWindows: ['01:00-02:00'],
      tolerations: [{ operator: 'Exists' }],
    });
    expect(pg.spec.topologySpreadConstraints).toBeUndefined();
  });

  it('creates one alert per chosen alert with cluster-scoped selectors', () => {
    const objects = buildKubernetesObjects(settingsFrom(production));
    const rule = objects.find(o => o.kind === 'PrometheusRule') as any;
    const rules = rule.spec.groups[0].rules;
    expect(rules.map((r: any) => r.alert)).toEqual([
      'PostgresHaReplicationLag',
      'PostgresHaNoLeader',
      'PostgresHaFailoverHappened',
      'PostgresHaBackupTooOld',
      'PostgresHaDiskNearlyFull',
      'PostgresHaTooManyConnections',
    ]);
    for (const r of rules) expect(r.expr).toContain('namespace="payments"');
  });

  it('puts monitoring.labels on the PodMonitor and PrometheusRule (kube-prometheus-stack selects on release)', () => {
    const s = settingsFrom({
      ...production,
      monitoring: {
        ...production.monitoring,
        labels: { release: 'kube-prometheus-stack' },
      },
    });
    const objects = buildKubernetesObjects(s);
    for (const kind of ['PodMonitor', 'PrometheusRule']) {
      const object = objects.find(o => o.kind === kind)!;
      expect(object.metadata.labels).toMatchObject({
        release: 'kube-prometheus-stack',
        'cluster-name': 'acid-payments',
      });
      expect(validateKubernetesObject(object)).toEqual([]);
    }
    const refused = validateSettings({
      ...minimal,
      monitoring: { labels: { 'cluster-name': 'other' } },
    });
    expect(refused.ok ? [] : refused.errors.map(e => e.path)).toEqual([
      'monitoring.labels',
    ]);
  });

  it('gives the dashboard a Grafana uid (at most 40 characters) unique across namespaces', () => {
    const uidOf = (namespace: string, name: string) =>
      dashboardUid(
        settingsFrom({
          ...minimal,
          cluster: { ...minimal.cluster, name, namespace },
        }),
      );
    const long = `a${'b'.repeat(57)}`;
    const uids = [
      uidOf('shop', 'orders'),
      uidOf('billing', 'orders'),
      uidOf('shop', long),
      uidOf('billing', long),
    ];
    expect(new Set(uids).size).toBe(uids.length);
    for (const uid of uids) expect(uid).toMatch(/^[a-z0-9-]{1,40}$/);
    expect(uidOf('shop', 'orders')).toBe(uidOf('shop', 'orders'));
  });

  it('labels the dashboard ConfigMap for the Grafana sidecar and ships valid dashboard JSON', () => {
    const objects = buildKubernetesObjects(settingsFrom(production));
    const cm = objects.find(
      o => o.metadata.name === 'acid-payments-dashboard',
    ) as any;
    expect(cm.metadata.labels.grafana_dashboard).toBe('1');
    const dashboard = JSON.parse(Object.values(cm.data)[0] as string);
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(6);
  });

  it('writes catalog-info.yaml with the annotations the backend reads', () => {
    const files = renderCluster(settingsFrom(production));
    const catalog = parseAllDocuments(
      files.find(f => f.path === 'catalog-info.yaml')!.content,
    )[0].toJS();
    expect(catalog).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'acid-payments',
        description: 'Payments ledger: 3 instances, synchronous, PITR.',
        annotations: {
          'postgres-ha/cluster-name': 'acid-payments',
          'postgres-ha/source': 'kubernetes',
          'postgres-ha/namespace': 'payments',
        },
        tags: ['postgresql', 'patroni'],
      },
      spec: {
        type: 'database',
        owner: 'group:default/payments',
        system: 'system:default/payments',
      },
    });
  });

  it('writes only fixed file paths and renders identically twice', () => {
    const s = settingsFrom(production);
    const first = renderCluster(s);
    expect(first.map(f => f.path)).toEqual([
      'manifests/certificate.yaml',
      'manifests/postgresql.yaml',
      'manifests/network-policy.yaml',
      'manifests/pod-monitor.yaml',
      'manifests/prometheus-rule.yaml',
      'manifests/grafana-dashboard.yaml',
      'manifests/pgadmin.yaml',
      'catalog-info.yaml',
      'README.md',
    ]);
    expect(renderCluster(s)).toEqual(first);
  });
});

describe('test validators', () => {
  it("accept the operator's own example manifests", () => {
    for (const file of [
      'minimal-postgres-manifest.yaml',
      'complete-postgres-manifest.yaml',
    ]) {
      const manifest = parseAllDocuments(readUpstream(file))[0].toJS();
      expect(validateKubernetesObject(manifest)).toEqual([]);
    }
  });

  it('reject fields the postgresql CRD does not declare (operator v2 removed useLoadBalancer)', () => {
    const pg = postgresqlOf(buildKubernetesObjects(settingsFrom(minimal)));
    pg.spec.useLoadBalancer = true;
    expect(validateKubernetesObject(pg)).toEqual([
      '/spec must NOT have additional properties: {"additionalProperty":"useLoadBalancer"}',
    ]);
  });

  it('reject undeclared fields in Kubernetes and CRD models, at any depth', () => {
    const objects = buildKubernetesObjects(settingsFrom(production));
    const policy = structuredClone(
      objects.find(o => o.kind === 'NetworkPolicy')!,
    ) as any;
    policy.spec.ingress[0].from[0].podSelectr = {};
    expect(validateKubernetesObject(policy)).toEqual([
      '/spec/ingress/0/from/0/podSelectr is not declared by the schema',
    ]);
    const monitor = structuredClone(
      objects.find(o => o.kind === 'PodMonitor')!,
    ) as any;
    monitor.spec.endpoints = [];
    expect(validateKubernetesObject(monitor)).toEqual([
      '/spec/endpoints is not declared by the schema',
    ]);
  });

  it('reject wrong types and invalid label values', () => {
    const cm = structuredClone(
      buildKubernetesObjects(settingsFrom(production)).find(
        o => o.kind === 'ConfigMap',
      )!,
    ) as any;
    cm.data = { a: 1 };
    cm.metadata.labels.team = 'not valid!';
    const errors = validateKubernetesObject(cm);
    expect(errors).toContain(
      '/metadata/labels/team value "not valid!" is invalid',
    );
    expect(errors.some(e => e.startsWith('/data/a'))).toBe(true);
  });
});
