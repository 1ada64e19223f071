import type { ClusterSettings } from '../settings';

/** One generated file; `path` is relative, fixed by the renderer, never taken from user input. */
export interface RenderedFile {
  path: string;
  content: string;
}

/** A pure renderer: validated settings in, files out. No I/O, no clock. */
export type Renderer = (settings: ClusterSettings) => RenderedFile[];
