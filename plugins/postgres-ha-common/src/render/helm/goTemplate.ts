/**
 * Makes text inert inside a Go template: every `{{` becomes an action printing `{{`, so
 * Helm copies the text as it is. `}}` outside an action is already plain text.
 */
export function escapeGoTemplate(text: string): string {
  return text.replace(/\{\{/g, '{{ "{{" }}');
}

/** How a placeholder left in the YAML text becomes Go template code. */
export type Placeholder =
  /** An inline scalar expression, e.g. `{{ .Values.instances | int }}`. */
  | { kind: 'scalar'; expr: string }
  /** The value of a mapping key, rendered by a named template as a block. */
  | { kind: 'block'; template: string }
  /** Keys spliced into the parent mapping by a named template (the key line disappears). */
  | { kind: 'splice'; template: string }
  /**
   * The key line replaced by the first branch whose condition holds; each branch is the
   * `key: value` YAML of one variant (empty when that variant lacks the key).
   */
  | { kind: 'choice'; branches: { when: string; text: string }[] }
  /** A list item standing for the items in `text` (a YAML list), kept only when `when` holds. */
  | { kind: 'items'; when: string; text: string };

/** Indents every non-empty line; splits on `\n` only, the one line break the YAML library writes. */
const indentLines = (text: string, indent: string) =>
  text
    .split('\n')
    .map(line => (line ? `${indent}${line}` : line))
    .join('\n');

/**
 * Object fields the chart's values override are first replaced by tokens, the object is
 * serialized as YAML, escaped, and then each token becomes its template code. Tokens are
 * plain words the YAML library never quotes, matched only as whole `key: token` lines, and
 * their prefix is chosen to occur in none of the `reserved` texts (the objects' own JSON),
 * so no user string can ever be taken for one.
 */
export class PlaceholderSet {
  readonly #placeholders = new Map<string, Placeholder>();
  readonly #tokens = new Map<string, string>();
  readonly #prefix: string;
  /**
   * A whole line `<indent>[- ][<key>: ]<token>` and its line break; `\n` is the only line
   * break the YAML library writes.
   */
  readonly #line: RegExp;

  constructor(reserved: readonly string[]) {
    const taken = (candidate: string) =>
      reserved.some(text => text.includes(candidate));
    let prefix = 'PGHA_PLACEHOLDER';
    while (taken(prefix)) prefix += 'X';
    this.#prefix = prefix;
    this.#line = new RegExp(
      `(?<=^|\\n)( *)(- )?(?:([^\\s:]+): )?(${prefix}_\\d+)(\\n|$)`,
      'g',
    );
  }

  /** The token for a placeholder; the same template code always gets the same token. */
  add(placeholder: Placeholder): string {
    const key = JSON.stringify(placeholder);
    let token = this.#tokens.get(key);
    if (!token) {
      token = `${this.#prefix}_${this.#placeholders.size}`;
      this.#tokens.set(key, token);
      this.#placeholders.set(token, placeholder);
    }
    return token;
  }

  /** Escapes `yamlText` and swaps every token for its Go template code. */
  apply(yamlText: string): string {
    const used = new Set<string>();
    const out = this.#fill(escapeGoTemplate(yamlText), used);
    const missing = [...this.#placeholders.keys()].filter(t => !used.has(t));
    if (missing.length > 0) {
      throw new Error(
        `chart template placeholders not placed: ${missing.join(', ')}`,
      );
    }
    return out;
  }

  #fill(text: string, used: Set<string>): string {
    if (!text.includes(this.#prefix)) return text;
    return text.replace(
      this.#line,
      (line, indent: string, dash = '', key: string, token: string, end) => {
        const placeholder = this.#placeholders.get(token);
        if (
          !placeholder ||
          (key === undefined) !== (placeholder.kind === 'items')
        ) {
          return line;
        }
        used.add(token);
        if (placeholder.kind === 'items') {
          // Conditional list items: the item line is replaced, its line break included.
          if (!dash) return line;
          const items = this.#fill(
            escapeGoTemplate(indentLines(placeholder.text, indent)),
            used,
          );
          return `{{ if ${placeholder.when} }}${items}{{ end }}`;
        }
        const depth = indent.length + dash.length;
        switch (placeholder.kind) {
          case 'scalar':
            return `${indent}${dash}${key}: ${placeholder.expr}${end}`;
          case 'block':
            return `${indent}${dash}${key}:{{- include "${
              placeholder.template
            }" . | nindent ${depth + 2} }}${end}`;
          case 'splice':
            return `${indent}${dash}{{- include "${placeholder.template}" . | nindent ${depth} }}${end}`;
          default:
            return this.#choice(placeholder.branches, indent, dash, used);
        }
      },
    );
  }

  /**
   * Replaces the key line and its line break. Branches carry their own line breaks and the
   * actions sit at line starts, so no whitespace trimming is needed around them.
   */
  #choice(
    branches: { when: string; text: string }[],
    indent: string,
    dash: string,
    used: Set<string>,
  ): string {
    if (dash) {
      throw new Error('a chart template choice cannot start a list item');
    }
    const texts = branches.map(({ when, text }, i) => {
      const body = this.#fill(
        escapeGoTemplate(indentLines(text, indent)),
        used,
      );
      return `{{ ${i === 0 ? 'if' : 'else if'} ${when} }}${body}`;
    });
    return `${texts.join('')}{{ end }}`;
  }
}
