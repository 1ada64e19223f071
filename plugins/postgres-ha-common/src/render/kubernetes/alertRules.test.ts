import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { exampleSettings, type ClusterSettingsInput } from '../../settings';
import { settingsFrom } from '../../__testUtils__/settings';
import { promtool } from '../../__testUtils__/tools';
import { toYaml } from '../shared/yaml';
import { renderCluster } from '..';
import { buildKubernetesObjects } from './objects';
import { buildGrafanaDashboard } from './dashboard';
import { kubernetesAlertMatchers, logicalBackupCronJobName } from './alerts';

const { minimal, production } = exampleSettings;

/** Metric names of a fixture file (see the comments in each for where they come from). */
const namesIn = (file: string) =>
  new Set(
    fs
      .readFileSync(path.join(__dirname, '__fixtures__', file), 'utf8')
      .split('\n')
      .filter(line => line && !line.startsWith('#')),
  );
const recorded011 = namesIn('postgres-exporter-0.11.1.metrics');
const added017 = namesIn('postgres-exporter-0.17.1-additions.metrics');
const platform = namesIn('kubernetes-platform.metrics');

/** Metric names a PromQL expression selects: names before `{`, and every pg_/kube metric word. */
function metricNames(expr: string): string[] {
  const names = [
    ...expr.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\{/g),
    ...expr.matchAll(/\b((?:pg|kube|kubelet)_[a-zA-Z0-9_:]+)/g),
  ].map(m => m[1]);
  return [...new Set(names)];
}

const prometheusRule = (input: ClusterSettingsInput) =>
  buildKubernetesObjects(settingsFrom(input)).find(
    o => o.kind === 'PrometheusRule',
  ) as unknown as { spec: { groups: { rules: { expr: string }[] }[] } };

/** Every expression the kubernetes and compose targets ship: alert rules and dashboard panels. */
function shippedExpressions() {
  const k8s = prometheusRule(production).spec.groups.flatMap(g =>
    g.rules.map(r => ({ where: 'kubernetes', expr: r.expr })),
  );
  const dashboard = buildGrafanaDashboard(
    settingsFrom(production),
    kubernetesAlertMatchers(settingsFrom(production)),
  ).panels.flatMap((p: { targets: { expr: string }[] }) =>
    p.targets.map(t => ({ where: 'dashboard', expr: t.expr })),
  );
  const composeFiles = renderCluster(
    settingsFrom({
      ...production,
      target: 'compose',
      backup: {
        ...production.backup,
        physical: { enabled: true, store: 'local' },
        pitr: false,
      },
      security: { ...production.security, tls: { mode: 'none' } },
      storage: { size: production.storage.size },
      scheduling: {},
    }),
  );
  const alerts = parse(
    composeFiles.find(f => f.path === 'config/prometheus/alerts.yml')!.content,
  ) as { groups: { rules: { expr: string }[] }[] };
  const compose = alerts.groups.flatMap(g =>
    g.rules.map(r => ({ where: 'compose', expr: r.expr })),
  );
  return [...k8s, ...dashboard, ...compose];
}

describe('alert rules against real metric names', () => {
  it('every postgres_exporter metric the rules and dashboard query exists in the exporter (0.11.1 recorded, plus the v0.17.1 replication collector)', () => {
    const unknown: string[] = [];
    const needing017 = new Set<string>();
    for (const { where, expr } of shippedExpressions()) {
      for (const name of metricNames(expr)) {
        const known =
          recorded011.has(name) ||
          added017.has(name) ||
          (where !== 'compose' && platform.has(name));
        if (!known) unknown.push(`${where}: ${name} in ${expr}`);
        if (!recorded011.has(name) && added017.has(name)) needing017.add(name);
      }
    }
    expect(unknown).toEqual([]);
    // These come only from the replication collector (postgres_exporter >= v0.13): the
    // settings model refuses older exporter images when alerts are on.
    expect([...needing017].sort()).toEqual([
      'pg_replication_is_replica',
      'pg_replication_lag_seconds',
    ]);
  });

  it.each([
    [
      'minimal with alerts on (no backups: no backup age rule)',
      { ...minimal, monitoring: { prometheusRule: { enabled: true } } },
    ],
    ['production (every alert, logical and physical backups)', production],
  ])(
    'promtool check rules accepts the groups of the kubernetes PrometheusRule: %s',
    (_, input) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-rules-'));
      const file = path.join(dir, 'rules.yml');
      fs.writeFileSync(
        file,
        toYaml({ groups: prometheusRule(input).spec.groups }),
      );
      const result = promtool(['check', 'rules', file]);
      expect(result.output).toContain('SUCCESS');
      expect(result.ok).toBe(true);
    },
  );

  it('selects the logical backup CronJob by the name the operator gives it, cut to 52 characters', () => {
    const name = `acid-${'x'.repeat(53)}`;
    const s = settingsFrom({
      ...production,
      cluster: { ...production.cluster, name },
      pooling: { ...production.pooling, replica: false },
    });
    const cronJob = logicalBackupCronJobName(s);
    expect(cronJob).toHaveLength(52);
    expect(`logical-backup-${name}`.startsWith(cronJob)).toBe(true);
    expect(kubernetesAlertMatchers(s).logicalBackupLastSuccess).toContain(
      `cronjob="${cronJob}"`,
    );
    expect(logicalBackupCronJobName(settingsFrom(minimal))).toBe(
      'logical-backup-acid-orders',
    );
  });
});

describe('alert rules under promtool test rules (Prometheus evaluates them)', () => {
  const s = settingsFrom({
    ...minimal,
    monitoring: { prometheusRule: { enabled: true } },
  });
  const groups = (
    buildKubernetesObjects(s).find(o => o.kind === 'PrometheusRule') as any
  ).spec.groups as {
    rules: { alert: string; annotations: Record<string, string> }[];
  }[];
  const annotationsOf = (alert: string) =>
    groups[0].rules.find(r => r.alert === alert)!.annotations;
  const identity = { namespace: 'default', cluster: 'acid-orders' };
  const series = (name: string, pod: string, values: string) => ({
    series: `${name}{namespace="default",pod="${pod}"}`,
    values,
  });

  /** Runs promtool on the rendered rules with one unit test; returns its output. */
  function promtoolTest(test: object) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-rules-test-'));
    fs.writeFileSync(path.join(dir, 'rules.yml'), toYaml({ groups }));
    fs.writeFileSync(
      path.join(dir, 'test.yml'),
      toYaml({
        rule_files: ['rules.yml'],
        evaluation_interval: '1m',
        tests: [{ interval: '1m', ...test }],
      }),
    );
    const result = promtool(['test', 'rules', path.join(dir, 'test.yml')]);
    fs.rmSync(dir, { recursive: true, force: true });
    return result;
  }

  const noLeader = (
    inputSeries: object[],
    expAlerts: object[],
  ): { ok: boolean; output: string } =>
    promtoolTest({
      input_series: inputSeries,
      alert_rule_test: [
        {
          eval_time: '10m',
          alertname: 'PostgresHaNoLeader',
          exp_alerts: expAlerts,
        },
      ],
    });

  it('noLeader stays quiet while the series are missing', () => {
    const result = noLeader([series('pg_up', 'other-0', '1x15')], []);
    expect(result.output).toContain('SUCCESS');
  });

  it('noLeader stays quiet while one instance is primary', () => {
    const result = noLeader(
      [
        series('pg_replication_is_replica', 'acid-orders-0', '0x15'),
        series('pg_replication_is_replica', 'acid-orders-1', '1x15'),
      ],
      [],
    );
    expect(result.output).toContain('SUCCESS');
  });

  it('noLeader fires when every reporting instance is a replica, naming namespace and cluster', () => {
    const result = noLeader(
      [
        series('pg_replication_is_replica', 'acid-orders-0', '1x15'),
        series('pg_replication_is_replica', 'acid-orders-1', '1x15'),
      ],
      [
        {
          exp_labels: { severity: 'critical', ...identity },
          exp_annotations: annotationsOf('PostgresHaNoLeader'),
        },
      ],
    );
    expect(result.output).toContain('SUCCESS');
  });

  it('an aggregated alert (replication lag) keeps namespace and cluster', () => {
    const result = promtoolTest({
      input_series: [
        series('pg_replication_lag_seconds', 'acid-orders-1', '600x15'),
      ],
      alert_rule_test: [
        {
          eval_time: '10m',
          alertname: 'PostgresHaReplicationLag',
          exp_alerts: [
            {
              exp_labels: {
                severity: 'warning',
                pod: 'acid-orders-1',
                ...identity,
              },
              exp_annotations: annotationsOf('PostgresHaReplicationLag'),
            },
          ],
        },
      ],
    });
    expect(result.output).toContain('SUCCESS');
  });
});
