/** A `postgresql` spec.env entry; only literal values can name a store. */
export interface EnvEntry {
  name: string;
  value?: string;
}

/** Variables from one place the operator takes a pod's environment from. */
export interface EnvSource {
  /** For messages: `spec.env`, `ConfigMap db/pod-env`, … */
  origin: string;
  entries: EnvEntry[];
  /** From a Secret: values are never echoed, and not $(VAR)-expanded (they are valueFrom). */
  secret?: boolean;
}

export interface SpiloVariable {
  name: string;
  value: string;
  origin: string;
  secret: boolean;
}

/** The environment a Spilo container sees, keyed by upper-case name. */
export type SpiloEnvironment = Map<string, SpiloVariable>;

/**
 * Merges sources as the operator builds the container env: the first source
 * that names a variable (case-insensitively) wins, later ones are skipped.
 * Literal values get Kubernetes' `$(VAR)` expansion against earlier variables.
 */
export function spiloEnvironment(sources: EnvSource[]): SpiloEnvironment {
  const env: SpiloEnvironment = new Map();
  for (const { origin, entries, secret = false } of sources) {
    for (const { name, value } of entries) {
      const key = name.toUpperCase();
      if (env.has(key)) continue;
      env.set(key, {
        name,
        origin,
        secret,
        value: secret ? value ?? '' : expand(value ?? '', env),
      });
    }
  }
  return env;
}

/** Kubernetes' dependent-variable syntax: `$$` escapes, unknown references stay as written. */
function expand(value: string, env: SpiloEnvironment): string {
  return value.replace(
    /\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g,
    (ref, name) => {
      if (ref === '$$') return '$';
      const found = env.get(name.toUpperCase());
      return found && found.name === name ? found.value : ref;
    },
  );
}

/** A variable's non-empty value (Spilo treats empty as unset), by its exact name. */
export function variable(
  env: SpiloEnvironment,
  name: string,
): SpiloVariable | undefined {
  const found = env.get(name);
  return found && found.name === name && found.value !== '' ? found : undefined;
}

/** How a message shows a variable: name, origin and (unless secret) value. */
export function describe(v: SpiloVariable): string {
  return `${v.origin} ${v.name}${v.secret ? '' : ` '${v.value}'`}`;
}
