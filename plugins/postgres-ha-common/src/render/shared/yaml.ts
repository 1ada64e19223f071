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
 * Characters libyaml and the Go YAML readers (Compose, Helm, kubectl) do not take as they
 * stand: anything outside libyaml's printable set (C0 and C1 controls, DEL, a BOM,
 * U+FFFE/U+FFFF, lone surrogates) and the YAML 1.1 line breaks NEL, LS and PS, which the
 * JavaScript library (YAML 1.2) writes raw and libyaml reads as a new line.
 */
const UNSAFE_FOR_LIBYAML =
  /[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]/u;

const ESCAPES: Record<string, string> = {
  '\0': '\\0',
  '\x07': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '\x1b': '\\e',
  '"': '\\"',
  '\\': '\\\\',
  '\x85': '\\N',
  '\u2028': '\\L',
  '\u2029': '\\P',
};

const hex = (code: number, width: number) =>
  code.toString(16).toUpperCase().padStart(width, '0');

/** One code point as YAML writes it inside double quotes. */
function escapeCodePoint(char: string): string {
  if (ESCAPES[char]) return ESCAPES[char];
  if (!UNSAFE_FOR_LIBYAML.test(char)) return char;
  const code = char.codePointAt(0)!;
  if (code < 0x100) return `\\x${hex(code, 2)}`;
  return code < 0x10000 ? `\\u${hex(code, 4)}` : `\\U${hex(code, 8)}`;
}

/**
 * Strings with a character from UNSAFE_FOR_LIBYAML are written double-quoted with every
 * such character escaped, so every YAML reader reads back the same string and no line
 * break can start a key. Listed first, it takes these strings before the library's own
 * string tag.
 */
const libyamlSafeStrings: ScalarTag = {
  tag: 'tag:yaml.org,2002:str',
  default: true,
  identify: value =>
    typeof value === 'string' && UNSAFE_FOR_LIBYAML.test(value),
  resolve: (value: string) => value,
  stringify: ({ value }) =>
    `"${Array.from(String(value), escapeCodePoint).join('')}"`,
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
        customTags: tags => [libyamlSafeStrings, ...tags, yaml11Quoting],
      }),
    )
    .join('---\n');
}
