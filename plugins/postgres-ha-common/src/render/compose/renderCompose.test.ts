import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import {
  exampleSettings,
  validateSettings,
  type ClusterSettings,
  type ClusterSettingsInput,
} from '../../settings';
import { settingsFrom } from '../../__testUtils__/settings';
import { buildKubernetesObjects } from '../kubernetes/objects';
import { renderCluster } from '..';
import { hostileText } from '../helm/__testUtils__/hostile';
import {
  promtool,
  removeWrittenFiles,
  writeFiles,
} from '../../__testUtils__/tools';
import {
  composeSpecValidator,
  haproxyCheck,
  interpolate,
  patroniValidate,
  pgbouncerLoads,
} from './__testUtils__/checkers';
import { S3_PHYSICAL } from './__testUtils__/inputs';

const { minimal, production } = exampleSettings;

afterAll(removeWrittenFiles);

/** The production example moved to compose: local WAL-G backups instead of S3, no cert-manager. */
const fullStack: ClusterSettingsInput = {
  ...production,
  target: 'compose',
  backup: {
    ...production.backup,
    physical: {
      enabled: true,
      store: 'local',
      schedule: '0 2 * * *',
      retention: 7,
    },
    pitr: false,
  },
  security: { ...production.security, tls: { mode: 'none' } },
  // Kubernetes-only settings are refused for compose (see below).
  storage: { size: production.storage.size },
  scheduling: {},
};
const variants: Record<string, ClusterSettingsInput> = {
  minimal: { ...minimal, target: 'compose' },
  'every feature on (local backups)': fullStack,
  'S3 backups': {
    ...fullStack,
    backup: { physical: S3_PHYSICAL, pitr: true },
  },
  'five instances': {
    ...fullStack,
    topology: { ...fullStack.topology, instances: 5 },
  },
};

const render = (input: ClusterSettingsInput) =>
  renderCluster(settingsFrom({ ...input, target: 'compose' }));
const fileOf = (input: ClusterSettingsInput, file: string) => {
  const found = render(input).find(f => f.path === file);
  if (!found) throw new Error(`${file} was not rendered`);
  return found.content;
};
const composeOf = (input: ClusterSettingsInput) =>
  parse(fileOf(input, 'docker-compose.yml'));

describe('compose renderer (real checkers)', () => {
  const validate = composeSpecValidator();

  it.each(Object.entries(variants))(
    'docker-compose.yml is valid against the Compose Specification schema: %s',
    (_, input) => {
      const valid = validate(composeOf(input));
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    },
  );

  it('runs etcd, three Patroni members, the router and the whole monitoring stack', () => {
    const services = Object.keys(composeOf(fullStack).services);
    expect(services).toEqual(
      expect.arrayContaining([
        'etcd',
        'pg-0',
        'pg-1',
        'pg-2',
        'router',
        'pgbouncer',
        'pgbouncer-replicas',
        'exporter-pg-0',
        'prometheus',
        'grafana',
        'pgadmin',
        'logical-backup',
      ]),
    );
    for (const image of Object.values(composeOf(fullStack).services).map(
      (s: any) => s.image,
    )) {
      expect(image).toMatch(/:[\w][\w.-]*$/); // every image pinned to a tag
      expect(image).not.toMatch(/:latest$|bitnami/);
    }
  });

  it('every ${VAR:?} the stack reads is listed in .env.example, with placeholders only', () => {
    const text = fileOf(fullStack, 'docker-compose.yml');
    const referenced = new Set(
      [...text.matchAll(/(?<!\$)\$\{([A-Z0-9_]+):\?/g)].map(m => m[1]),
    );
    const example = fileOf(fullStack, '.env.example');
    const listed = new Set(
      [...example.matchAll(/^([A-Z0-9_]+)=/gm)].map(m => m[1]),
    );
    expect([...referenced].sort()).toEqual([...listed].sort());
    expect(referenced.has('PGHA_SUPERUSER_PASSWORD')).toBe(true);
    expect(example).not.toMatch(
      /=(?!change-me$|admin@example\.com$|\.\/gcs-key\.json$).+$/m,
    );
  });

  it.each(Object.entries(variants))(
    'haproxy -c accepts the router config: %s',
    (_, input) => {
      const dir = writeFiles(render(input), 'pgha-compose-');
      const result = haproxyCheck(path.join(dir, 'config/haproxy/haproxy.cfg'));
      expect(result.output).toContain('Configuration file is valid');
      expect(result.ok).toBe(true);
    },
  );

  it('haproxy -c refuses a broken router config (the check is real)', () => {
    const dir = writeFiles(
      [
        {
          path: 'bad.cfg',
          content: 'defaults\n  mode tcp\n  bogus-keyword 1\n',
        },
      ],
      'pgha-compose-',
    );
    expect(haproxyCheck(path.join(dir, 'bad.cfg')).ok).toBe(false);
  });

  it('promtool check config and check rules accept Prometheus config and alerts', () => {
    const dir = writeFiles(render(fullStack), 'pgha-compose-');
    const config = promtool([
      'check',
      'config',
      path.join(dir, 'config/prometheus/prometheus.yml'),
    ]);
    expect(config.output).toContain('SUCCESS');
    expect(config.ok).toBe(true);
    const rules = promtool([
      'check',
      'rules',
      path.join(dir, 'config/prometheus/alerts.yml'),
    ]);
    expect(rules.output).toMatch(/SUCCESS: \d+ rules found/);
    expect(rules.ok).toBe(true);
  });

  it('alerts are the PrometheusRule alerts (same definitions) minus those needing kubelet metrics', () => {
    const k8s = settingsFrom({
      ...production,
      monitoring: production.monitoring,
    });
    const rule = buildKubernetesObjects(k8s).find(
      o => o.kind === 'PrometheusRule',
    ) as any;
    const k8sAlerts = rule.spec.groups[0].rules.map((r: any) => r.alert);
    const composeAlerts = parse(
      fileOf(fullStack, 'config/prometheus/alerts.yml'),
    ).groups[0].rules.map((r: any) => r.alert);
    expect(composeAlerts).toEqual(
      k8sAlerts.filter((a: string) => a !== 'PostgresHaDiskNearlyFull'),
    );
  });

  it("Grafana gets the same dashboard model as the kubernetes ConfigMap, for this stack's series", () => {
    const k8s = buildKubernetesObjects(settingsFrom(production)).find(
      o => o.kind === 'ConfigMap' && o.metadata.name.endsWith('-dashboard'),
    ) as any;
    const k8sDashboard = JSON.parse(Object.values(k8s.data)[0] as string);
    const dashboard = JSON.parse(
      fileOf(fullStack, 'config/grafana/dashboards/postgres-ha.json'),
    );
    expect(dashboard.panels.map((p: any) => p.title)).toEqual(
      k8sDashboard.panels
        .map((p: any) => p.title)
        .filter((t: string) => t !== 'Data volume used'),
    );
    expect(dashboard.panels[0].targets[0].expr).toContain(
      'job="postgres",cluster="acid-payments"',
    );
  });

  it.each([
    ['primary', 'config/pgbouncer/primary.ini', 36432],
    ['replicas', 'config/pgbouncer/replica.ini', 36433],
  ])(
    'the real PgBouncer starts with the %s ini (paths adapted only)',
    async (_, file, port) => {
      const dir = writeFiles(render(fullStack), 'pgha-compose-');
      const result = await pgbouncerLoads(fileOf(fullStack, file), dir, port);
      expect(result.output).toContain('process up');
      expect(result.ok).toBe(true);
    },
  );

  it('the real PgBouncer exits on a bad ini (the check is real)', async () => {
    const dir = writeFiles([], 'pgha-compose-');
    const bad = fileOf(fullStack, 'config/pgbouncer/primary.ini').replace(
      /pool_mode = \w+/,
      'pool_mode = sometimes',
    );
    const result = await pgbouncerLoads(bad, dir, 36434);
    expect(result.ok).toBe(false);
  });

  it("patroni --validate-config accepts the members' Patroni settings (SPILO_CONFIGURATION, local WAL-G archiving included)", () => {
    const node = composeOf(fullStack).services['pg-0'];
    const spilo = JSON.parse(node.environment.SPILO_CONFIGURATION);
    expect(spilo.bootstrap.dcs).toMatchObject({
      ttl: 30,
      synchronous_mode: true,
      synchronous_mode_strict: true,
    });
    const dir = writeFiles([], 'pgha-patroni-');
    // Spilo adds the per-member parts; here they point at this machine's PostgreSQL.
    const config = {
      scope: 'acid-payments',
      name: 'pg-0',
      restapi: { listen: '127.0.0.1:18008', connect_address: '10.0.0.10:8008' },
      etcd3: { hosts: ['127.0.0.1:2379'] },
      // Spilo writes pg_hba and initdb into the same bootstrap section.
      bootstrap: {
        ...spilo.bootstrap,
        initdb: [{ encoding: 'UTF8' }],
        pg_hba: ['host all all 0.0.0.0/0 scram-sha-256'],
      },
      postgresql: {
        // Spilo's merge keeps these values over its own (archive_command /bin/true without a store it knows).
        ...spilo.postgresql,
        listen: '127.0.0.1:25999',
        connect_address: '10.0.0.10:5432',
        data_dir: path.join(dir, 'data'),
        bin_dir: '/usr/lib/postgresql/15/bin',
        authentication: {
          superuser: { username: 'postgres', password: 'placeholder' },
          replication: { username: 'standby', password: 'placeholder' },
          rewind: { username: 'rewind', password: 'placeholder' },
        },
      },
    };
    expect(config.postgresql.parameters.archive_command).toMatch(
      / wal-g wal-push "%p"$/,
    );
    const file = path.join(dir, 'patroni.yml');
    fs.writeFileSync(file, JSON.stringify(config));
    const result = patroniValidate(file);
    // The validator also probes the DCS; no etcd runs here, so only that complaint may remain.
    const problems = result.output
      .split('\n')
      .filter(l => l && !/^etcd3\.hosts\.0 .* is not reachable/.test(l));
    expect(problems).toEqual([]);
    expect(result.output).toMatch(/^etcd3\.hosts\.0 /); // it did run and report
  });

  it('interpolation references only the .env variables; every other $ is escaped', () => {
    const compose = composeOf(fullStack);
    const names = new Set<string>();
    const visit = (v: unknown) => {
      if (typeof v === 'string')
        interpolate(v, {}).names.forEach(n => names.add(n));
      else if (v && typeof v === 'object') Object.values(v).forEach(visit);
    };
    visit(compose);
    const backup = compose.services['logical-backup'].command[2];
    expect(interpolate(backup, {}).value).toContain(
      '"*:*:*:postgres:$PGPASSWORD"',
    );
    expect([...names].every(n => /^(PGHA_|AWS_|AZURE_)/.test(n))).toBe(true);
  });

  it.each([14, 15, 16, 17])(
    'renders PostgreSQL %i with the pinned Spilo and a logical backup image of that major',
    version => {
      const compose = composeOf({
        ...fullStack,
        postgresql: { version },
      });
      expect(compose.services['pg-0'].environment.PGVERSION).toBe(
        String(version),
      );
      expect(compose.services['logical-backup'].image).toMatch(
        new RegExp(`^postgres:${version}\\.`),
      );
    },
  );

  it('property: any description comes out of compose interpolation exactly as typed (accepted text)', () => {
    fc.assert(
      fc.property(hostileText(4), description => {
        const input = {
          ...minimal,
          target: 'compose' as const,
          cluster: { ...minimal.cluster, description },
        };
        // Refused text (control characters) is the settings model's job, tested there.
        const checked = validateSettings(input);
        fc.pre(checked.ok);
        const files = renderCluster(
          (checked as { settings: ClusterSettings }).settings,
        );
        const compose = parse(
          files.find(f => f.path === 'docker-compose.yml')!.content,
        );
        const label = compose.services['pg-0'].labels['io.pgha.description'];
        const { names, value } = interpolate(label, {
          HOME: '/root',
          PGHA_SUPERUSER_PASSWORD: 'leaked',
        });
        expect(names).toEqual([]);
        expect(value).toBe(description);
      }),
      { numRuns: 200 },
    );
  });
});

describe('compose Spilo members', () => {
  it("run with SPILO_PROVIDER local (configure_spilo.py's get_provider would probe cloud metadata)", () => {
    const services = composeOf(fullStack).services;
    for (const member of ['pg-0', 'pg-1', 'pg-2']) {
      expect(services[member].environment.SPILO_PROVIDER).toBe('local');
    }
  });
});

describe('compose logical backups', () => {
  it('install the crontab with `crontab` (root-owned copy) instead of bind-mounting it into the crond spool', () => {
    const service = composeOf(fullStack).services['logical-backup'];
    const mounted = service.volumes.map((v: string) => v.split(':')[1]);
    expect(
      mounted.filter((t: string) => t.startsWith('/etc/crontabs')),
    ).toEqual([]);
    const script: string = service.command[2];
    const table = mounted.find((t: string) => t.endsWith('crontab'));
    expect(script).toMatch(new RegExp(`crontab ${table} && exec crond -f`));
  });
});

describe('compose topology', () => {
  it.each([1, 3, 5])(
    'runs topology.instances (%d) members, all routed and scraped',
    instances => {
      const input = {
        ...fullStack,
        topology: { instances, replication: 'async' as const },
      };
      const members = Array.from({ length: instances }, (_, i) => `pg-${i}`);
      const services = Object.keys(composeOf(input).services);
      expect(services.filter(n => /^pg-\d+$/.test(n))).toEqual(members);
      const haproxy = fileOf(input, 'config/haproxy/haproxy.cfg');
      for (const m of members) expect(haproxy).toContain(`server ${m} ${m}:`);
      const prometheus = parse(
        fileOf(input, 'config/prometheus/prometheus.yml'),
      );
      expect(
        prometheus.scrape_configs[0].static_configs.map(
          (c: { labels: { pod: string } }) => c.labels.pod,
        ),
      ).toEqual(members);
    },
  );
});

/*
 * Stand-in for Spilo and Patroni (no container engine here): configure_spilo.py merges
 * SPILO_CONFIGURATION over its own config with deep_update (dicts merged, the user's scalar
 * wins) and writes shared_buffers into the local postgresql.parameters; Patroni then takes
 * local parameters over the DCS ones (except those that must match on all members).
 */
function deepUpdate(user: unknown, spilo: unknown): unknown {
  const isDict = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isDict(user) || !isDict(spilo)) return user;
  const out = { ...user };
  for (const [k, v] of Object.entries(spilo))
    out[k] = k in out ? deepUpdate(out[k], v) : v;
  return out;
}

describe('compose PostgreSQL parameters (Spilo/Patroni stand-in)', () => {
  it("reach PostgreSQL over Spilo's own shared_buffers and max_connections", () => {
    const env = composeOf(fullStack).services['pg-0'].environment;
    const spiloOwn = {
      bootstrap: {
        dcs: { postgresql: { parameters: { max_connections: 100 } } },
      },
      postgresql: { parameters: { shared_buffers: '256MB' } },
    };
    const config = deepUpdate(
      JSON.parse(env.SPILO_CONFIGURATION),
      spiloOwn,
    ) as any;
    const effective = {
      ...config.bootstrap.dcs.postgresql.parameters,
      ...config.postgresql.parameters,
    };
    expect(effective).toMatchObject({
      shared_buffers: '2GB',
      max_connections: '400',
    });
  });
});

describe('compose resources', () => {
  it('cap every member with the limits and reserve the requests (Compose units)', () => {
    const input = {
      ...fullStack,
      resources: {
        requests: { cpu: '500m', memory: '1Gi' },
        limits: { cpu: '2', memory: '1500M' },
      },
      // shared_buffers must stay below the memory limit.
      postgresql: {
        ...fullStack.postgresql,
        parameters: {
          ...fullStack.postgresql?.parameters,
          shared_buffers: '384MB',
        },
      },
    };
    const services = composeOf(input).services;
    for (const member of ['pg-0', 'pg-1', 'pg-2']) {
      expect(services[member].deploy.resources).toEqual({
        limits: { cpus: 2, memory: '1500000000b' },
        reservations: { cpus: 0.5, memory: '1024m' },
      });
    }
    const validate = composeSpecValidator();
    expect(validate(composeOf(input))).toBe(true);
  });
});

describe('compose refuses what it cannot hold, naming the field', () => {
  it.each([
    [
      'security.tls.mode',
      { security: { tls: { mode: 'secret', secretName: 'tls' } } },
    ],
    ['storage.storageClass', { storage: { storageClass: 'fast' } }],
    [
      'scheduling.podAntiAffinity',
      { scheduling: { podAntiAffinity: 'required' } },
    ],
    [
      'scheduling.tolerations',
      { scheduling: { tolerations: [{ key: 'k', operator: 'Exists' }] } },
    ],
    [
      'scheduling.maintenanceWindows',
      { scheduling: { maintenanceWindows: ['Sun:01:00-02:00'] } },
    ],
  ])('%s', (field, change) => {
    const result = validateSettings({
      ...minimal,
      target: 'compose',
      ...change,
    });
    expect(result.ok ? [] : result.errors.map(e => e.path)).toEqual([field]);
    expect(
      validateSettings({ ...minimal, target: 'kubernetes', ...change }).ok,
    ).toBe(true);
  });
});
