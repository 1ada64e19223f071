import fc from 'fast-check';
import { exampleSettings, validateSettings } from '../settings';
import { renderCluster } from '.';
import { escapeMarkdown } from './shared/markdown';
import { yamlViews } from '../__testUtils__/consumers';
import { removeWrittenFiles, writeFiles } from '../__testUtils__/tools';

afterAll(removeWrittenFiles);

/**
 * Hostile strings in every free-text field: each either comes back unchanged from the
 * parsed output in its intended place, or is refused with errors naming only that field.
 */
const TOKENS = [
  '\n',
  '\r\n',
  ': ',
  '#',
  '"',
  "'",
  '{{ .Values.x }}',
  '${{ parameters.x }}',
  '../',
  'é',
  '🐘',
  '\u2028',
  '\u0000',
  'a',
  'b1',
  '-',
  '.',
  '_',
  ' ',
  '\t',
  '&anchor',
  '*alias',
  '!!binary',
  '%',
  '@',
  '`',
  '|',
  '>',
  '[',
  ']',
  ',',
  '\\',
  '$(POSTGRES_PASSWORD)',
  '--',
  '/',
];

const hostile = fc.oneof(
  fc
    .array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 24 })
    .map(t => t.join('')),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    'a'.repeat(100_000),
    'acid',
    'ok-name',
    'ok_name',
    'true',
    'null',
    '0x1F',
    '1e3',
  ),
);

type Output = {
  catalog: any;
  pg: any;
  readme: string;
  paths: string[];
};

const base = () => structuredClone(exampleSettings.production) as any;

function render(input: unknown): Output | string[] {
  const result = validateSettings(input);
  if (!result.ok) return result.errors.map(e => e.path);
  const files = renderCluster(result.settings);
  // Read as kubectl reads them (sigs.k8s.io/yaml), which must agree with yaml.v3 and JavaScript.
  const views = yamlViews(files, writeFiles(files, 'pgha-hostile-input-'));
  for (const view of Object.values(views)) {
    expect(view.v3).toEqual(view.js);
    expect(view.k8s).toEqual(view.js11);
  }
  return {
    catalog: views['catalog-info.yaml'].k8s[0],
    pg: views['manifests/postgresql.yaml'].k8s[0],
    readme: files.find(f => f.path === 'README.md')!.content,
    paths: files.map(f => f.path),
  };
}

const envValue = (pg: any, name: string) =>
  pg.spec.env.find((e: any) => e.name === name)?.value;

interface Field {
  path: string;
  set: (s: any, v: string) => void;
  check: (out: Output, v: string) => void;
}

const FIELDS: Field[] = [
  {
    path: 'cluster.description',
    set: (s, v) => (s.cluster.description = v),
    check: (o, v) => {
      expect(o.catalog.metadata.description ?? '').toBe(v);
      expect(o.readme).toContain(escapeMarkdown(v));
    },
  },
  {
    path: 'cluster.team',
    set: (s, v) => (s.cluster.team = v),
    check: (o, v) => expect(o.pg.spec.teamId).toBe(v),
  },
  {
    path: 'cluster.owner',
    set: (s, v) => (s.cluster.owner = v),
    check: (o, v) => expect(o.catalog.spec.owner).toBe(v),
  },
  {
    path: 'cluster.system',
    set: (s, v) => (s.cluster.system = v),
    check: (o, v) => expect(o.catalog.spec.system).toBe(v),
  },
  {
    path: 'cluster.name',
    set: (s, v) => (s.cluster.name = v),
    check: (o, v) => {
      expect(o.pg.metadata.name).toBe(v);
      expect(o.catalog.metadata.name).toBe(v);
    },
  },
  {
    path: 'cluster.namespace',
    set: (s, v) => (s.cluster.namespace = v),
    check: (o, v) => expect(o.pg.metadata.namespace).toBe(v),
  },
  {
    path: 'backup.physical.bucket',
    set: (s, v) => (s.backup.physical.bucket = v),
    check: (o, v) => expect(envValue(o.pg, 'WAL_S3_BUCKET')).toBe(v),
  },
  {
    path: 'backup.physical.prefix',
    set: (s, v) => (s.backup.physical.prefix = v),
    check: (o, v) =>
      expect(envValue(o.pg, 'WALG_S3_PREFIX')).toBe(
        `s3://acme-pg-backups/${v}`,
      ),
  },
  {
    path: 'backup.physical.region',
    set: (s, v) => (s.backup.physical.region = v),
    check: (o, v) => expect(envValue(o.pg, 'AWS_REGION')).toBe(v),
  },
  {
    path: 'backup.physical.endpoint',
    set: (s, v) => (s.backup.physical.endpoint = v),
    check: (o, v) => expect(envValue(o.pg, 'AWS_ENDPOINT')).toBe(v),
  },
  {
    path: 'backup.physical.credentialsSecret',
    set: (s, v) => (s.backup.physical.credentialsSecret = v),
    check: (o, v) =>
      expect(
        o.pg.spec.env
          .filter((e: any) => e.valueFrom)
          .map((e: any) => e.valueFrom.secretKeyRef.name),
      ).toEqual([v, v]),
  },
  {
    path: 'storage.storageClass',
    set: (s, v) => (s.storage.storageClass = v),
    check: (o, v) => expect(o.pg.spec.volume.storageClass).toBe(v),
  },
  {
    path: 'databases[0].name',
    set: (s, v) => (s.databases = [{ name: v, owner: 'app_owner' }]),
    check: (o, v) => expect(o.pg.spec.databases).toEqual({ [v]: 'app_owner' }),
  },
  {
    path: 'databases[0].owner',
    set: (s, v) => (s.databases = [{ name: 'app', owner: v }]),
    check: (o, v) => expect(o.pg.spec.users).toEqual({ [v]: [] }),
  },
];

const EXPECTED_PATHS = (render(base()) as Output).paths;

/** One hostile value in one field: refused naming only that field, or intact in place. */
function checkHostileValue(field: Field, value: string) {
  const input = base();
  field.set(input, value);
  const out = render(input);
  if (Array.isArray(out)) {
    expect(new Set(out)).toEqual(new Set([field.path]));
    return;
  }
  field.check(out, value);
  expect(out.paths).toEqual(EXPECTED_PATHS);
}

describe('hostile input', () => {
  it.each(FIELDS.map(f => [f.path, f] as const))(
    '%s: every value parses back in place or is refused naming only that field',
    (_path, field) => {
      expect.hasAssertions();
      fc.assert(
        fc.property(hostile, value => checkHostileValue(field, value)),
        { numRuns: 60 },
      );
    },
  );
  it('refuses a 100 000 character description with the length limit', () => {
    const input = base();
    input.cluster.description = 'x'.repeat(100_000);
    expect(validateSettings(input)).toEqual({
      ok: false,
      errors: [
        {
          path: 'cluster.description',
          message: 'must be at most 1000 characters',
        },
      ],
    });
  });

  it('keeps Markdown and HTML in the description inert in the README', () => {
    const input = base();
    input.cluster.description =
      '<script>alert(1)</script>\n# Heading [link](javascript:x)';
    const out = render(input) as Output;
    expect(out.readme).not.toContain('<script>');
    expect(out.readme).not.toMatch(/^# Heading/m);
    expect(out.catalog.metadata.description).toBe(input.cluster.description);
  });
});
