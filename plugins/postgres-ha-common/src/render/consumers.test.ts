import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  exampleSettings,
  validateSettings,
  type ClusterSettingsInput,
  type Target,
} from '../settings';
import { renderCluster } from '.';
import { CHART_DIR } from './helm';
import { helm } from './helm/__testUtils__/helm';
import { repoRoot } from '../__testUtils__/upstream';
import { objectStores, withoutKubernetesOnly } from '../__testUtils__/settings';
import { removeWrittenFiles, writeFiles } from '../__testUtils__/tools';
import {
  OPERATOR_V2_ONLY_FIELDS,
  composeConfig,
  copyEnvExample,
  operatorViews,
  yamlViews,
} from '../__testUtils__/consumers';

afterAll(removeWrittenFiles);

const examplesDir = path.join(repoRoot, 'examples', 'settings');
const examples: Record<string, ClusterSettingsInput> = Object.fromEntries(
  fs
    .readdirSync(examplesDir)
    .filter(f => f.endsWith('.yaml'))
    .map(f => [
      `examples/settings/${f}`,
      parse(fs.readFileSync(path.join(examplesDir, f), 'utf8')),
    ]),
);

/** A cross-section of options beyond the examples: each object store, poolers, TLS, clone. */
const { production, minimal } = exampleSettings;
const stores = objectStores('pg-backup-credentials');
const { schedule, retention } = production.backup.physical;
const crossSection: Record<string, ClusterSettingsInput> = {
  'production, GCS backups with PITR': {
    ...production,
    backup: {
      ...production.backup,
      physical: { enabled: true, schedule, retention, ...stores.gcs },
    },
  },
  'production, Azure backups, replica pooler only, TLS off': {
    ...production,
    backup: {
      ...production.backup,
      physical: { enabled: true, schedule, retention, ...stores.azure },
    },
    pooling: { ...production.pooling, primary: false },
    security: { ...production.security, tls: { mode: 'none' } },
  },
  'production with local backups and no TLS (the whole compose stack)': {
    ...withoutKubernetesOnly(production),
    target: 'compose',
    backup: {
      ...production.backup,
      physical: { enabled: true, store: 'local', schedule, retention: 7 },
      pitr: false,
    },
  },
  'minimal, asynchronous with 2 instances and every feature off': {
    ...minimal,
    topology: { instances: 2, replication: 'async' },
  },
};

const TARGETS: Target[] = ['kubernetes', 'helm', 'compose'];
const cases = Object.entries({ ...examples, ...crossSection }).flatMap(
  ([name, input]) => TARGETS.map(target => [name, target, input] as const),
);

/** The operator must decode every postgresql object: no Invalid status, no ignored field. */
function expectOperatorAccepts(file: string) {
  const views = operatorViews(file);
  expect(views.length).toBeGreaterThan(0);
  for (const view of views) {
    expect({ status: view.status, error: view.error }).toEqual({
      status: '',
      error: '',
    });
    expect(
      view.unknownFields.filter(f => !OPERATOR_V2_ONLY_FIELDS.includes(f)),
    ).toEqual([]);
  }
}

/** What each target's own consumer must accept. */
const TARGET_CONSUMERS: Record<
  Target,
  (dir: string, views: ReturnType<typeof yamlViews>) => void
> = {
  compose: (dir, views) => {
    copyEnvExample(dir);
    const loaded = composeConfig(dir);
    expect(loaded).toMatchObject({ ok: true });
    const written = views['docker-compose.yml'].js[0] as any;
    expect(Object.keys((loaded as any).project.services).sort()).toEqual(
      Object.keys(written.services).sort(),
    );
  },
  kubernetes: dir =>
    expectOperatorAccepts(path.join(dir, 'manifests', 'postgresql.yaml')),
  helm: dir => {
    const chart = path.join(dir, CHART_DIR);
    expect(helm(['lint', '--strict', chart])).toMatchObject({ ok: true });
    const template = helm(['template', 'release', chart]);
    expect(template).toMatchObject({ ok: true });
    const out = writeFiles(
      [{ path: 'template.yaml', content: template.output }],
      'pgha-consumers-template-',
    );
    expectOperatorAccepts(path.join(out, 'template.yaml'));
  },
};

describe("rendered outputs read by their consumers' own Go code", () => {
  it.each(Object.entries(examples))(
    '%s is valid for its own target',
    (_name, input) => {
      expect(validateSettings(input)).toMatchObject({ ok: true });
    },
  );

  it.each(cases)('%s as %s', (_name, target, input) => {
    const checked = validateSettings({ ...input, target });
    // Another target may refuse what it cannot hold (e.g. cert-manager), naming the field.
    const errors = checked.ok ? [] : checked.errors;
    expect(checked.ok || target !== input.target).toBe(true);
    expect(errors.filter(error => !error.path)).toEqual([]);
    if (!checked.ok) return;
    const files = renderCluster(checked.settings);
    const dir = writeFiles(files, `pgha-consumers-${target}-`);

    // Every YAML file reads the same in Go (yaml.v3 and kubectl's reader) as in JavaScript.
    const views = yamlViews(files, dir);
    expect(Object.keys(views).length).toBeGreaterThan(0);
    for (const [file, view] of Object.entries(views)) {
      expect({ file, doc: view.v3 }).toEqual({ file, doc: view.js });
      expect({ file, doc: view.k8s }).toEqual({ file, doc: view.js11 });
    }
    TARGET_CONSUMERS[target](dir, views);
  });
});
