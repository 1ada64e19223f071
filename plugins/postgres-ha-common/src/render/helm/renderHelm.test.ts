import fs from 'node:fs';
import path from 'node:path';
import { exampleSettings, type ClusterSettingsInput } from '../../settings';
import { settingsFrom } from '../../__testUtils__/settings';
import { validateKubernetesObjects } from '../../__testUtils__/validators';
import { buildKubernetesObjects } from '../kubernetes/objects';
import { renderCluster } from '..';
import { CHART_DIR } from '.';
import { byKindAndName, helm, helmTemplate } from './__testUtils__/helm';
import { removeWrittenFiles, writeFiles } from '../../__testUtils__/tools';

const { minimal, production } = exampleSettings;

afterAll(removeWrittenFiles);

const helmSettings = (input: ClusterSettingsInput) =>
  settingsFrom({ ...input, target: 'helm' });
const kubernetesObjects = (input: ClusterSettingsInput) =>
  byKindAndName(buildKubernetesObjects(helmSettings(input)));

/** Renders the chart into a temporary folder and returns the chart folder. */
function chartOf(input: ClusterSettingsInput): string {
  return path.join(
    writeFiles(renderCluster(helmSettings(input)), 'pgha-helm-'),
    CHART_DIR,
  );
}

const variants: Record<string, ClusterSettingsInput> = {
  minimal,
  'production (every feature on)': production,
  'GCS physical backups, logical backups, no exporter': {
    ...minimal,
    backup: {
      physical: {
        enabled: true,
        store: 'gcs',
        bucket: 'pg-backups',
        credentialsSecret: 'gcs-key',
      },
      logical: { enabled: true },
    },
    monitoring: { exporter: { enabled: false } },
  },
  'Azure backups with PITR, replica pooler only, storage class': {
    ...minimal,
    pooling: { replica: true, mode: 'session' },
    storage: { size: '20Gi', storageClass: 'standard' },
    backup: {
      physical: {
        enabled: true,
        store: 'azure',
        bucket: 'pg-backups',
        credentialsSecret: 'az',
      },
      pitr: true,
    },
  },
};

describe('helm renderer (real helm)', () => {
  it.each(Object.entries(variants))(
    'passes helm lint --strict: %s',
    (_, input) => {
      const result = helm(['lint', '--strict', chartOf(input)]);
      expect(result.output).toContain('0 chart(s) failed');
      expect(result.ok).toBe(true);
    },
  );

  it.each(Object.entries(variants))(
    'helm template with default values yields exactly the kubernetes target objects, all schema-valid: %s',
    (_, input) => {
      const objects = helmTemplate(chartOf(input));
      expect(objects).toEqual(kubernetesObjects(input));
      expect(validateKubernetesObjects(objects)).toEqual({});
    },
  );

  const s3Physical = {
    enabled: true,
    store: 's3',
    bucket: 'pg-backups',
    region: 'eu-central-1',
    credentialsSecret: 'creds',
  } as const;
  // Each override must give what the kubernetes target renders for the same change in the settings.
  const overrides: [string, string[], Partial<ClusterSettingsInput>][] = [
    ['instances', ['--set', 'instances=5'], { topology: { instances: 5 } }],
    [
      'PostgreSQL version',
      ['--set', 'postgresql.version=16'],
      { postgresql: { version: 16 } },
    ],
    [
      'a parameter given as a number',
      ['--set', 'postgresql.parameters.max_connections=500'],
      { postgresql: { parameters: { max_connections: 500 } } },
    ],
    [
      'resources given as numbers',
      [
        '--set',
        'resources.limits.cpu=2',
        '--set',
        'resources.requests.memory=1Gi',
      ],
      { resources: { limits: { cpu: '2' }, requests: { memory: '1Gi' } } },
    ],
    [
      'storage size and class',
      ['--set', 'storage.size=50Gi', '--set', 'storage.storageClass=fast'],
      { storage: { size: '50Gi', storageClass: 'fast' } },
    ],
    [
      'pooler switched on',
      [
        '--set',
        'pooler.primary=true',
        '--set',
        'pooler.instances=3',
        '--set',
        'pooler.mode=session',
      ],
      { pooling: { primary: true, instances: 3, mode: 'session' } },
    ],
    [
      'backup schedules and retention',
      [
        '--set',
        'backup.physical.schedule=15 4 * * *',
        '--set',
        'backup.physical.retention=30',
        '--set',
        'backup.logical.schedule=0 5 * * *',
        '--set',
        'backup.logical.retention=2 weeks',
      ],
      {
        backup: {
          physical: { ...s3Physical, schedule: '15 4 * * *', retention: 30 },
          logical: {
            enabled: true,
            schedule: '0 5 * * *',
            retention: '2 weeks',
          },
        },
      },
    ],
  ];
  const base: ClusterSettingsInput = {
    ...minimal,
    backup: { physical: s3Physical, logical: { enabled: true } },
  };

  it.each(overrides)(
    '--set overrides %s like the same change in the settings',
    (_, args, change) => {
      const objects = helmTemplate(chartOf(base), args);
      const changed = {
        ...base,
        ...change,
        backup: change.backup ?? base.backup,
      };
      expect(objects).toEqual(kubernetesObjects(changed));
      expect(validateKubernetesObjects(objects)).toEqual({});
    },
  );

  it('--set instances keeps required anti-affinity at one member per node (minDomains follows instances)', () => {
    const objects = helmTemplate(chartOf(production), ['--set', 'instances=5']);
    const changed = {
      ...production,
      topology: { ...production.topology, instances: 5 },
    };
    expect(objects).toEqual(kubernetesObjects(changed));
    const pg = objects.find(o => o.kind === 'postgresql') as any;
    expect(pg.spec.topologySpreadConstraints[0]).toMatchObject({
      maxSkew: 1,
      minDomains: 5,
      whenUnsatisfiable: 'DoNotSchedule',
    });
    expect(validateKubernetesObjects(objects)).toEqual({});
  });

  // The chart carries the pooler-dependent fields (certificate names, network policy
  // peers) for every combination; each must give what the kubernetes target renders.
  // Production has both poolers on, so false/false proves --set removes what it had on.
  it.each([
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ])(
    '--set pooler.primary=%s pooler.replica=%s gives the kubernetes objects of that combination (production, both poolers on by default)',
    (primary, replica) => {
      const objects = helmTemplate(chartOf(production), [
        '--set',
        `pooler.primary=${primary}`,
        '--set',
        `pooler.replica=${replica}`,
      ]);
      expect(objects).toEqual(
        kubernetesObjects({
          ...production,
          pooling: { ...production.pooling, primary, replica },
        }),
      );
      expect(validateKubernetesObjects(objects)).toEqual({});
    },
  );

  it('a label value spelled like a chart placeholder stays a plain value', () => {
    const input: ClusterSettingsInput = {
      ...production,
      security: {
        ...production.security,
        networkPolicy: {
          enabled: true,
          allowedPeers: [{ namespaceLabels: { team: 'PGHA_PLACEHOLDER_0' } }],
        },
      },
    };
    expect(helmTemplate(chartOf(input))).toEqual(kubernetesObjects(input));
  });

  it('--set images.exporter and images.pgAdmin replace the images', () => {
    const objects = helmTemplate(chartOf(production), [
      '--set',
      'images.exporter=example/exporter:1.0',
      '--set',
      'images.pgAdmin=example/pgadmin:2.0',
    ]);
    const expected = kubernetesObjects({
      ...production,
      monitoring: {
        ...production.monitoring,
        exporter: { image: 'example/exporter:1.0' },
        pgAdmin: { enabled: true, image: 'example/pgadmin:2.0' },
      },
    });
    expect(objects).toEqual(expected);
  });

  it.each([
    ['instances=0', 'instances'],
    ['postgresql.version=13', 'version'],
    ['resources.limits.cpu=lots', 'cpu'],
    ['pooler.mode=statement', 'mode'],
    ['postgresql.parameters.wal_level=minimal', 'wal_level'],
    ['unknownKey=1', 'unknownKey'],
  ])(
    'values.schema.json refuses --set %s naming the field',
    (assignment, field) => {
      const result = helm([
        'template',
        'release',
        chartOf(minimal),
        '--set',
        assignment,
      ]);
      expect(result.ok).toBe(false);
      expect(result.output).toContain(
        "values don't meet the specifications of the schema",
      );
      expect(result.output).toContain(field);
    },
  );

  // The settings model's cross-field rules hold for --set too (schema bounds and fail guards).
  const longName = `acid-${'x'.repeat(47)}`; // 52 characters: no replica pooler
  // helm lint runs `fail` in lint mode, where it only logs (exit 0): lint --strict is
  // checked for the schema bounds, helm template for all.
  it.each([
    [
      'instances=1 with synchronous-strict replication',
      production,
      ['instances=1'],
      'instances',
    ],
    [
      'a replica pooler on a 52-character name',
      { ...minimal, cluster: { ...minimal.cluster, name: longName } },
      ['pooler.replica=true'],
      'replica',
    ],
    [
      'any five tokens as the base backup schedule',
      base,
      ['backup.physical.schedule=a b c d e'],
      'schedule',
    ],
    [
      'minute 61 in the base backup schedule',
      base,
      ['backup.physical.schedule=61 * * * *'],
      'schedule',
    ],
    [
      'a memory request above the limit',
      production,
      ['resources.requests.memory=16Gi'],
      'resources.requests.memory (16Gi) must not exceed resources.limits.memory (8Gi)',
    ],
    [
      'a cpu request above the limit given as numbers',
      production,
      ['resources.requests.cpu=3'],
      'resources.requests.cpu (3) must not exceed resources.limits.cpu (2)',
    ],
  ] as const)(
    'helm template and helm lint --strict refuse %s, naming the value',
    (_, input, assignments, message) => {
      const chart = chartOf(input);
      const set = assignments.flatMap(a => ['--set', a]);
      const template = helm(['template', 'release', chart, ...set]);
      expect(template.ok).toBe(false);
      expect(template.output).toContain(message);
      if (message.startsWith('resources.')) return; // a fail guard: lint only logs it
      const lint = helm(['lint', '--strict', chart, ...set]);
      expect(lint.ok).toBe(false);
      expect(lint.output).toContain(message);
    },
  );

  it.each([
    [
      'instances=2 with synchronous-strict replication',
      production,
      ['instances=2'],
    ],
    [
      'a Vixie schedule with lists, ranges, steps and names',
      base,
      ['backup.physical.schedule=*/15 1-5\\,22 1 jan mon'],
    ],
    [
      'requests equal to limits in other units',
      production,
      ['resources.requests.memory=8192Mi', 'resources.requests.cpu=2000m'],
    ],
  ] as const)('helm template still accepts %s', (_, input, assignments) => {
    const result = helm([
      'template',
      'release',
      chartOf(input),
      ...assignments.flatMap(a => ['--set', a]),
    ]);
    expect(result.output).not.toContain('Error');
    expect(result.ok).toBe(true);
  });

  it('NOTES.txt renders through the Helm engine with the description verbatim', () => {
    const description =
      'Orders DB {{ .Values.instances }} ${HOME} "quoted" # not a comment';
    const chart = chartOf({
      ...minimal,
      cluster: { ...minimal.cluster, description },
    });
    // helm template skips NOTES.txt; a probe renders a copy with `tpl`, the engine install uses.
    fs.copyFileSync(
      path.join(chart, 'templates', 'NOTES.txt'),
      path.join(chart, 'notes.txt'),
    );
    fs.writeFileSync(
      path.join(chart, 'templates', 'notes-probe.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  notes: {{ tpl (.Files.Get "notes.txt") . | quote }}\n',
    );
    const notes = helmTemplate(chart, [
      '--show-only',
      'templates/notes-probe.yaml',
    ])[0].data as { notes: string };
    expect(notes.notes).toContain(`\n${description}\n`);
    expect(notes.notes).toContain(
      'kubectl get postgresql acid-orders -n default -w',
    );
  });

  it('writes every chart file under chart/ plus README.md and catalog-info.yaml', () => {
    const paths = renderCluster(helmSettings(production)).map(f => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'chart/Chart.yaml',
        'chart/values.yaml',
        'chart/values.schema.json',
        'chart/templates/_helpers.tpl',
        'chart/templates/NOTES.txt',
        'chart/templates/postgresql.yaml',
        'chart/templates/pgadmin.yaml',
        'README.md',
        'catalog-info.yaml',
      ]),
    );
  });
});
