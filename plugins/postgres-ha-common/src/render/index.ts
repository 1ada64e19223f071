import type { ClusterSettings, Target } from '../settings';
import type { Renderer, RenderedFile } from './types';

export type { Renderer, RenderedFile } from './types';

const notImplemented =
  (target: Target): Renderer =>
  () => {
    throw new Error(`the ${target} renderer is not implemented yet`);
  };

/** Target → renderer. Each target's renderer registers here; nothing else dispatches. */
export const renderers: Record<Target, Renderer> = {
  kubernetes: notImplemented('kubernetes'),
  helm: notImplemented('helm'),
  compose: notImplemented('compose'),
};

/** Renders validated settings for their target: the one path the actions, CLI and preview use. */
export function renderCluster(settings: ClusterSettings): RenderedFile[] {
  return renderers[settings.target](settings);
}
