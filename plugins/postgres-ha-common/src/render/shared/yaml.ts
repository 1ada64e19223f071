import { stringify, type ScalarTag } from 'yaml';

/**
 * Plain scalars YAML 1.1 reads as something other than a string: booleans (`on`, `y`),
 * nulls (`~`), numbers with `_`, `:` or a base prefix, infinities, dates, merge keys. A
 * superset is fine: a string matching it is only quoted. Kubernetes, kubectl and Helm
 * read YAML 1.1, while the library writes YAML 1.2, where these would stay plain.
 */
const YAML_1_1_NON_STRING =
  /^(?:[yYnN~]|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE|null|Null|NULL|[-+]?(?:[0-9][0-9_:]*)?\.?[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?0[bBoOxX][0-9a-fA-F_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt \t].*)?|<<|=)$/;

/**
 * A tag the writer only consults to decide quoting: with `default` and a `test`, any plain
 * string the test matches is written quoted. It identifies no value, so it never tags one.
 * (The library's own `compat: 'yaml-1.1'` does the same with a dozen tests per string.)
 */
const yaml11Quoting: ScalarTag = {
  tag: 'tag:pgha,2025:yaml-1.1-non-string',
  default: true,
  test: YAML_1_1_NON_STRING,
  resolve: (value: string) => value,
};

/**
 * Serializes documents as one YAML stream; the library quotes every user string as needed.
 * `directives: false` skips a walk over every node looking for custom tags (we emit none),
 * a measurable share of render time.
 */
export function toYaml(...documents: unknown[]): string {
  return documents
    .map(doc =>
      stringify(doc, {
        lineWidth: 0,
        aliasDuplicateObjects: false,
        directives: false,
        customTags: [yaml11Quoting],
      }),
    )
    .join('---\n');
}
