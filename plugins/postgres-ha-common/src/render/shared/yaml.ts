import { stringify } from 'yaml';

/** Serializes documents as one YAML stream; the library quotes every user string as needed. */
export function toYaml(...documents: unknown[]): string {
  return documents
    .map(doc => stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false }))
    .join('---\n');
}
