type Section = Record<string, unknown>;

const isSection = (value: unknown): value is Section =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One section's fields that another field of it makes meaningless. A rule decides only from
 * values that are present: nothing is dropped on the strength of a default.
 */
interface Rule {
  at: string[];
  inapplicable(section: Section): string[];
}

const SYNCHRONOUS = ['synchronous', 'synchronous-strict'];
const STORE_FIELDS = ['bucket', 'prefix', 'credentialsSecret'];
const S3_FIELDS = ['region', 'endpoint', 'forcePathStyle'];
const POOLER_FIELDS = ['mode', 'instances', 'maxDbConnections'];

const RULES: Rule[] = [
  {
    at: ['topology'],
    inapplicable: s => {
      if (s.replication === 'async') return ['synchronousNodeCount'];
      if (SYNCHRONOUS.includes(s.replication as string))
        return ['maximumLagOnFailover'];
      return [];
    },
  },
  {
    at: ['pooling'],
    inapplicable: s =>
      s.primary === false && s.replica !== true ? POOLER_FIELDS : [],
  },
  {
    at: ['backup', 'physical'],
    inapplicable: s => {
      if (s.enabled === false) {
        return [
          'store',
          ...STORE_FIELDS,
          ...S3_FIELDS,
          'schedule',
          'retention',
        ];
      }
      if (s.store === 'local') return [...STORE_FIELDS, ...S3_FIELDS];
      return s.store === undefined || s.store === 's3' ? [] : S3_FIELDS;
    },
  },
  {
    at: ['backup', 'logical'],
    inapplicable: s => (s.enabled === false ? ['schedule', 'retention'] : []),
  },
  {
    at: ['monitoring'],
    inapplicable: s =>
      isSection(s.exporter) && s.exporter.enabled === false
        ? ['podMonitor', 'prometheusRule', 'grafanaDashboard']
        : [],
  },
  {
    at: ['security', 'tls'],
    inapplicable: s => {
      if (s.mode === 'none') return ['secretName', 'caSecretName', 'issuer'];
      return s.mode === 'secret' ? ['issuer'] : [];
    },
  },
  {
    at: ['security', 'networkPolicy'],
    inapplicable: s => (s.enabled === false ? ['allowedPeers'] : []),
  },
  {
    at: ['security'],
    inapplicable: s =>
      isSection(s.loadBalancers) &&
      s.loadBalancers.primary !== true &&
      s.loadBalancers.replica !== true
        ? ['allowedSourceRanges']
        : [],
  },
];

/** `root` with the section at `path` replaced by `update(section)`; copies only that path. */
function updateAt(
  root: Section,
  path: string[],
  update: (s: Section) => Section,
): Section {
  const [head, ...rest] = path;
  const child = root[head];
  if (!isSection(child)) return root;
  return {
    ...root,
    [head]: rest.length ? updateAt(child, rest, update) : update(child),
  };
}

export interface ApplicableSettings {
  /** The input without the inapplicable fields; the input itself is not changed. */
  settings: unknown;
  /** Dotted paths of the fields that were dropped, e.g. `backup.physical.region`. */
  dropped: string[];
}

/**
 * Drops the fields that other answers make inapplicable, such as an S3 region after the
 * store became gcs. A form keeps the values of fields it hides; without this step the model
 * would refuse such a value ("applies to s3 only") although the user cannot see it. The
 * wizard's preview and its normalize step both call this, so they agree on what is dropped.
 * Direct callers of `validateSettings` still get those fields refused.
 */
export function dropInapplicableFields(input: unknown): ApplicableSettings {
  if (!isSection(input)) return { settings: input, dropped: [] };
  const dropped: string[] = [];
  let settings: Section = input;
  for (const rule of RULES) {
    settings = updateAt(settings, rule.at, section => {
      const present = rule
        .inapplicable(section)
        .filter(f => section[f] !== undefined);
      if (present.length === 0) return section;
      dropped.push(...present.map(f => [...rule.at, f].join('.')));
      return Object.fromEntries(
        Object.entries(section).filter(([k]) => !present.includes(k)),
      );
    });
  }
  return { settings, dropped };
}
