import type { ClusterSettings, Target } from '../settings';
import type { Renderer, RenderedFile } from './types';
import { renderKubernetes } from './kubernetes';
import { renderHelm } from './helm';
import { renderCompose } from './compose';

export type { Renderer, RenderedFile } from './types';
export * from './kubernetes';
export {
  buildCatalogEntity,
  clusterEntityRef,
  renderCatalogInfo,
  CATALOG_INFO_PATH,
} from './shared/catalogInfo';
export {
  renderReadme,
  README_PATH,
  type ReadmeSections,
} from './shared/readme';
export { escapeMarkdown } from './shared/markdown';
export { toYaml } from './shared/yaml';

/** Target → renderer. Each target's renderer registers here; nothing else dispatches. */
export const renderers: Record<Target, Renderer> = {
  kubernetes: renderKubernetes,
  helm: renderHelm,
  compose: renderCompose,
};

/** Renders validated settings for their target: the one path the actions, CLI and preview use. */
export function renderCluster(settings: ClusterSettings): RenderedFile[] {
  return renderers[settings.target](settings);
}
