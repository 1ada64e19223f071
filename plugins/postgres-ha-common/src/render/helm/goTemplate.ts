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
  | { kind: 'splice'; template: string };

/**
 * Object fields the chart's values override are first replaced by tokens, the object is
 * serialized as YAML, escaped, and then each token becomes its template code. Tokens are
 * plain words the YAML library never quotes, and no user string can contain one intact
 * after escaping because they carry no braces and are matched as whole YAML values.
 */
export class PlaceholderSet {
  readonly #placeholders = new Map<string, Placeholder>();

  add(placeholder: Placeholder): string {
    const token = `PGHA_PLACEHOLDER_${this.#placeholders.size}`;
    this.#placeholders.set(token, placeholder);
    return token;
  }

  /** Escapes `yamlText` and swaps every token for its Go template code. */
  apply(yamlText: string): string {
    const lines = escapeGoTemplate(yamlText).split('\n');
    const used = new Set<string>();
    const out = lines.map(line => {
      const match = /^( *)(- )?([^\s:]+): (PGHA_PLACEHOLDER_\d+)$/.exec(line);
      const placeholder = match && this.#placeholders.get(match[4]);
      if (!match || !placeholder) return line;
      used.add(match[4]);
      const [, indent, dash = '', key] = match;
      const depth = indent.length + dash.length;
      switch (placeholder.kind) {
        case 'scalar':
          return `${indent}${dash}${key}: ${placeholder.expr}`;
        case 'block':
          return `${indent}${dash}${key}:{{- include "${
            placeholder.template
          }" . | nindent ${depth + 2} }}`;
        default:
          return `${indent}${dash}{{- include "${placeholder.template}" . | nindent ${depth} }}`;
      }
    });
    const missing = [...this.#placeholders.keys()].filter(t => !used.has(t));
    if (missing.length > 0) {
      throw new Error(
        `chart template placeholders not placed: ${missing.join(', ')}`,
      );
    }
    return out.join('\n');
  }
}
