import type { ClusterSettings } from '../../settings';
import type { RenderedFile } from '../types';
import { toYaml } from '../shared/yaml';
import { renderCatalogInfo } from '../shared/catalogInfo';
import { renderReadme } from '../shared/readme';
import { postgresqlParameters } from '../kubernetes/postgresql';
import { kubernetesNotes } from '../kubernetes/notes';
import { buildHelmValues } from './values';
import { buildValuesSchema } from './valuesSchema';
import { buildManifestTemplates } from './manifestTemplates';
import { CHECKS_YAML, HELPERS_TPL, NOTES_TXT } from './chartText';

export { escapeGoTemplate } from './goTemplate';
export { buildHelmValues, type HelmValues } from './values';

/** Every chart file lives under this fixed folder of the output. */
export const CHART_DIR = 'chart';
const CHART_VERSION = '0.1.0';

function chartYaml(s: ClusterSettings) {
  return {
    apiVersion: 'v2',
    name: s.cluster.name,
    // Free text stays in values.yaml (shown by NOTES.txt); Chart.yaml gets a fixed summary.
    description: `PostgreSQL HA cluster ${s.cluster.name} (Zalando postgres-operator)`,
    type: 'application',
    version: CHART_VERSION,
    appVersion: String(s.postgresql.version),
    keywords: ['postgresql', 'patroni', 'postgres-operator'],
  };
}

/** The helm target: a chart whose default values render the kubernetes target's objects. */
export function renderHelm(s: ClusterSettings): RenderedFile[] {
  const values = buildHelmValues(s, postgresqlParameters(s));
  const chart: RenderedFile[] = [
    { path: 'Chart.yaml', content: toYaml(chartYaml(s)) },
    {
      path: 'values.yaml',
      content: `# Main settings of the cluster; override them per release (helm install --set instances=3).\n${toYaml(
        values,
      )}`,
    },
    {
      path: 'values.schema.json',
      content: `${JSON.stringify(buildValuesSchema(values, s), null, 2)}\n`,
    },
    { path: 'templates/_helpers.tpl', content: HELPERS_TPL },
    { path: 'templates/NOTES.txt', content: NOTES_TXT },
    { path: 'templates/checks.yaml', content: CHECKS_YAML },
    ...buildManifestTemplates(s),
  ].map(f => ({ ...f, path: `${CHART_DIR}/${f.path}` }));
  const catalog = renderCatalogInfo(s);
  const readme = renderReadme(s, [...chart.map(f => f.path), catalog.path], {
    deploy: [
      `helm lint ${CHART_DIR}`,
      `helm upgrade --install ${s.cluster.name} ${CHART_DIR} --namespace ${s.cluster.namespace} --create-namespace`,
    ],
    notes: [
      'Values override the main settings (instances, PostgreSQL version and parameters, resources, storage, pooler, backup schedules, images); `values.schema.json` checks them.',
      ...kubernetesNotes(s),
    ],
  });
  return [...chart, catalog, readme];
}
