import type { ClusterSettings } from '../../settings';
import type { RenderedFile } from '../types';
import { toYaml } from '../shared/yaml';
import { renderCatalogInfo } from '../shared/catalogInfo';
import { renderReadme } from '../shared/readme';
import { buildKubernetesObjects } from './objects';
import { groupByFile } from './files';
import { kubernetesNotes } from './notes';

export { buildKubernetesObjects } from './objects';
export type { KubeObject } from './types';
export { buildAlertRules, kubernetesAlertMatchers } from './alerts';
export type { AlertMatchers, AlertRule } from './alerts';
export { buildGrafanaDashboard } from './dashboard';
export { pgAdminServers } from './pgadmin';
export { walgEnv, walPrefix, parseWalPrefix, CREDENTIAL_KEYS } from './walg';
export { kubernetesNotes } from './notes';

/** The kubernetes target: one manifest file per concern, catalog-info.yaml and a README. */
export function renderKubernetes(s: ClusterSettings): RenderedFile[] {
  const manifests = [...groupByFile(buildKubernetesObjects(s))].map(
    ([path, objects]) => ({
      path,
      content: toYaml(...objects),
    }),
  );
  const catalog = renderCatalogInfo(s);
  const files = [...manifests.map(f => f.path), catalog.path];
  const readme = renderReadme(s, files, {
    deploy: [
      `kubectl create namespace ${s.cluster.namespace} --dry-run=client -o yaml | kubectl apply -f -`,
      'kubectl apply -f manifests/',
    ],
    notes: kubernetesNotes(s),
  });
  return [...manifests, catalog, readme];
}
