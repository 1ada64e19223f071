/** A reference to a variable of the user's `.env` file, required at `docker compose up`. */
export class EnvRef {
  constructor(
    readonly name: string,
    readonly description: string,
    readonly placeholder: string,
  ) {}

  /** Compose's `${VAR:?message}`: refuses to start when the variable is unset or empty. */
  toString(): string {
    return `\${${this.name}:?set ${this.name} in .env (see .env.example)}`;
  }
}

/** Compose interpolates `$` everywhere in the file; `$$` is a literal `$`. */
export const escapeInterpolation = (text: string) =>
  text.replace(/\$/g, '$$$$');

/**
 * Serializable compose model: every string is escaped, every EnvRef becomes its `${…}`.
 * So no user text can reference a variable, and references are only the ones we build.
 */
export function resolveInterpolation(value: unknown): unknown {
  if (value instanceof EnvRef) return value.toString();
  if (typeof value === 'string') return escapeInterpolation(value);
  if (Array.isArray(value)) return value.map(resolveInterpolation);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        escapeInterpolation(k),
        resolveInterpolation(v),
      ]),
    );
  }
  return value;
}
