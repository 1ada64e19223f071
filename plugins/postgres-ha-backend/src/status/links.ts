import type { ClusterSummary } from '@pgha/plugin-postgres-ha-common';
import { InputError } from '@backstage/errors';

/** URL templates of the tools a cluster's tab links to. */
export type LinkTemplates = ClusterSummary['links'];

const PLACEHOLDER = /\{\{\s*([a-zA-Z]+)\s*\}\}/g;
const KNOWN = ['cluster', 'namespace'];

/** Throws naming the config key when a template is not an http(s) URL or uses an unknown placeholder. */
export function checkLinkTemplates(
  templates: LinkTemplates,
  key: string,
): LinkTemplates {
  for (const [tool, template] of Object.entries(templates)) {
    if (!template) continue;
    if (!/^https?:\/\//.test(template)) {
      throw new InputError(
        `${key}.${tool}: '${template}' is not an http(s) URL`,
      );
    }
    for (const [, name] of template.matchAll(PLACEHOLDER)) {
      if (!KNOWN.includes(name)) {
        throw new InputError(
          `${key}.${tool}: unknown placeholder {{${name}}} (use {{cluster}} or {{namespace}})`,
        );
      }
    }
  }
  return templates;
}

/** The links of one cluster: placeholders replaced by URL-encoded values (empty when unknown). */
export function clusterLinks(
  templates: LinkTemplates,
  values: { cluster: string; namespace?: string },
): LinkTemplates {
  const fill = (template: string) =>
    template.replace(PLACEHOLDER, (_, name: 'cluster' | 'namespace') =>
      encodeURIComponent(values[name] ?? ''),
    );
  return Object.fromEntries(
    Object.entries(templates)
      .filter(([, template]) => template)
      .map(([tool, template]) => [tool, fill(template!)]),
  );
}
