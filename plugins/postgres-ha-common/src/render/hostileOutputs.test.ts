import path from 'node:path';
import fc from 'fast-check';
import { exampleSettings, type ClusterSettings } from '../settings';
import { renderCluster, type RenderedFile } from '.';
import { CHART_DIR } from './helm';
import { helm } from './helm/__testUtils__/helm';
import { S3_PHYSICAL } from './compose/__testUtils__/inputs';
import { settingsFrom, withoutKubernetesOnly } from '../__testUtils__/settings';
import { hostileStrings } from '../__testUtils__/hostileStrings';
import { removeWrittenFiles, writeFiles } from '../__testUtils__/tools';
import {
  composeConfig,
  copyEnvExample,
  operatorViews,
  shapeOf,
  stringsOf,
  yamlViews,
} from '../__testUtils__/consumers';

afterAll(removeWrittenFiles);

/**
 * The YAML writer against hostile text, judged by the Go readers. The text is put into the
 * validated settings directly, past validation (which refuses much of it), so the writer
 * alone stands between it and the consumers: no key may appear that the benign settings do
 * not render, and every consumer must read the text back exactly.
 */
type Setter = (s: any, text: string) => void;
const FREE_TEXT: Record<string, Setter> = {
  'cluster.description': (s, t) => (s.cluster.description = t),
  'cluster.owner': (s, t) => (s.cluster.owner = t),
  'cluster.system': (s, t) => (s.cluster.system = t),
  'backup.physical.bucket': (s, t) => (s.backup.physical.bucket = t),
};
/**
 * Not for Helm: the chart writes parameters with Helm's `toYaml`, which yields an empty
 * string when the Go emitter refuses a character (U+FFFF, say), so every parameter goes.
 */
const PARAMETERS: Record<string, Setter> = {
  'postgresql.parameters.log_statement': (s, t) =>
    (s.postgresql.parameters.log_statement = t),
};
/** Free text that only the Kubernetes and Helm targets write as a YAML string of its own. */
const KUBERNETES_FREE_TEXT: Record<string, Setter> = {
  'cluster.team': (s, t) => (s.cluster.team = t),
  'storage.storageClass': (s, t) => (s.storage.storageClass = t),
  'backup.physical.region': (s, t) => (s.backup.physical.region = t),
  'scheduling.tolerations[0].value': (s, t) =>
    (s.scheduling.tolerations[0].value = t),
};

const { production } = exampleSettings;
const bases: Record<string, ClusterSettings> = {
  kubernetes: settingsFrom(production),
  helm: settingsFrom({ ...production, target: 'helm' }),
  compose: settingsFrom({
    ...withoutKubernetesOnly(production),
    target: 'compose',
    backup: { ...production.backup, physical: S3_PHYSICAL, pitr: false },
  }),
};

/** What every consumer of a target reads from the files, as plain values. */
function consumersRead(target: string, files: RenderedFile[]) {
  const dir = writeFiles(files, `pgha-hostile-${target}-`);
  const views = yamlViews(files, dir);
  for (const [file, view] of Object.entries(views)) {
    expect({ file, v3: view.v3, k8s: view.k8s }).toEqual({
      file,
      v3: view.js,
      k8s: view.js11,
    });
  }
  const read: Record<string, unknown> = Object.fromEntries(
    Object.entries(views).map(([file, view]) => [file, view.k8s]),
  );
  if (target === 'compose') {
    copyEnvExample(dir);
    const loaded = composeConfig(dir);
    if (!loaded.ok) throw new Error(loaded.message);
    read['docker compose config'] = loaded.project;
  } else {
    const manifests =
      target === 'helm'
        ? path.join(
            writeFiles(
              [{ path: 'all.yaml', content: helmTemplate(dir) }],
              'pgha-hostile-template-',
            ),
            'all.yaml',
          )
        : path.join(dir, 'manifests', 'postgresql.yaml');
    read.operator = operatorViews(manifests);
  }
  return read;
}

/** `helm template` past the chart's values schema, which refuses much of the text. */
function helmTemplate(dir: string): string {
  const chart = path.join(dir, CHART_DIR);
  const result = helm([
    'template',
    'release',
    chart,
    '--skip-schema-validation',
  ]);
  if (!result.ok) throw new Error(result.output);
  return result.output;
}

describe('hostile text through the YAML writer, read by the Go consumers', () => {
  it.each(Object.keys(bases))(
    'property (%s): no key appears that benign text does not render, and every text reads back exactly',
    target => {
      const fields = {
        ...FREE_TEXT,
        ...(target === 'compose' ? {} : KUBERNETES_FREE_TEXT),
        ...(target === 'kubernetes' ? PARAMETERS : {}),
      };
      const benign = consumersRead(target, renderCluster(bases[target]));
      const names = Object.keys(fields);
      fc.assert(
        fc.property(
          // Ends in a letter: an empty or blank text would only drop its key.
          fc.array(
            hostileStrings.map(text => `${text}z`),
            { minLength: names.length, maxLength: names.length },
          ),
          texts => {
            const settings = structuredClone(bases[target]);
            names.forEach((name, i) => fields[name](settings, texts[i]));
            const read = consumersRead(target, renderCluster(settings));
            expect(Object.keys(read)).toEqual(Object.keys(benign));
            for (const [file, value] of Object.entries(read)) {
              expect({ file, shape: shapeOf(value) }).toEqual({
                file,
                shape: shapeOf(benign[file]),
              });
            }
            const strings = stringsOf(read);
            names.forEach((name, i) => {
              expect({
                name,
                text: texts[i],
                found: strings.some(s => s.includes(texts[i])),
              }).toEqual({ name, text: texts[i], found: true });
            });
          },
        ),
        { numRuns: 12, seed: 2029 },
      );
    },
  );

  it("a description with line separators adds no privileged or pid to any compose service (the audit's case)", () => {
    const settings = structuredClone(bases.compose) as any;
    settings.cluster.description =
      'Payments\u2028    privileged: true\u2028    pid: host\u2029\u0085x';
    const read = consumersRead('compose', renderCluster(settings));
    const services = (read['docker compose config'] as any).services;
    for (const service of Object.values<any>(services)) {
      expect(service.privileged).toBeUndefined();
      expect(service.pid).toBeUndefined();
    }
    expect(stringsOf(read)).toContain(settings.cluster.description);
  });
});
