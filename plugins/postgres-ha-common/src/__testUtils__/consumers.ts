import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { RenderedFile } from '../render/types';
import { consumerTools } from './upstream';
import { OPERATOR_V2_DELTA } from './crdValidator';
import { run } from './tools';

/**
 * Rendered files read by their consumers' own Go code (tools/consumers): Docker Compose's
 * loader, yaml.v3, kubectl's and Helm's reader (sigs.k8s.io/yaml) and the Zalando
 * operator's types. The environment is only PATH, so nothing of the caller's leaks in.
 */
function consumers(args: string[]) {
  return run(consumerTools().bin, args, {
    env: { PATH: process.env.PATH },
  });
}

function consumerJson(args: string[]): any {
  const result = consumers(args);
  if (!result.ok) {
    throw new Error(
      `pgha-consumers ${args[0]}: ${result.output.slice(0, 2000)}`,
    );
  }
  return JSON.parse(result.output);
}

/** Which Go reader: yaml.v3 (Compose's) or sigs.k8s.io/yaml (kubectl's and Helm's). */
export type GoYamlReader = 'yaml' | 'k8syaml';

/** Every document of each file as the Go reader decodes it, by file path. */
export const goYaml = (
  reader: GoYamlReader,
  files: string[],
): Record<string, unknown[]> => consumerJson([reader, ...files]);

/** Every document as the JavaScript library reads it, with JSON's view of the values. */
export const jsYaml = (text: string, version: '1.1' | '1.2' = '1.2') =>
  parseAllDocuments(text, { version })
    .map(doc => {
      if (doc.errors.length > 0) throw new Error(doc.errors.join('\n'));
      return JSON.parse(JSON.stringify(doc.toJS()));
    })
    .filter(doc => doc !== null);

/** `docker compose config` on a folder: the loaded project, or the loader's message. */
export function composeConfig(
  dir: string,
): { ok: true; project: any } | { ok: false; message: string } {
  const result = consumers(['compose', dir]);
  return result.ok
    ? { ok: true, project: JSON.parse(result.output) }
    : { ok: false, message: result.output.trim() };
}

/** The operator's decode-time view of one postgresql object. */
export interface OperatorView {
  name: string;
  /** "Invalid" when the operator cannot decode the object: it never creates or syncs it. */
  status: string;
  error: string;
  /** Fields its types do not have, so it never reads them. */
  unknownFields: string[];
  clusterNameError: string;
  spec: any;
}

/** Every postgresql object of a manifest file, decoded by the operator's own types. */
export const operatorViews = (file: string): OperatorView[] =>
  consumerJson(['postgresql', file]);

/** Fields operator v2 reads that the pinned v1.15.0 types lack. */
export const OPERATOR_V2_ONLY_FIELDS = Object.keys(OPERATOR_V2_DELTA.added).map(
  field => `spec.${field}`,
);

/** Rendered files that are YAML (Helm templates are Go templates, not YAML). */
export const yamlFiles = (files: RenderedFile[]) =>
  files.filter(
    f => /\.ya?ml$/.test(f.path) && !f.path.split('/').includes('templates'),
  );

/** Writes `.env` from `.env.example`, as the compose README tells a user to. */
export function copyEnvExample(dir: string): void {
  const example = path.join(dir, '.env.example');
  if (fs.existsSync(example)) fs.copyFileSync(example, path.join(dir, '.env'));
}

export interface YamlViews {
  /** The JavaScript library's reading (YAML 1.2, as the renderer wrote it). */
  js: unknown[];
  /** yaml.v3, the reader family of Docker Compose. */
  v3: unknown[];
  /** sigs.k8s.io/yaml, the reader of kubectl and Helm (YAML 1.1 scalars). */
  k8s: unknown[];
  /** The JavaScript library's YAML 1.1 reading, what `k8s` must equal. */
  js11: unknown[];
}

/** Every rendered YAML file under `dir` as each reader sees it, by path. */
export function yamlViews(
  files: RenderedFile[],
  dir: string,
): Record<string, YamlViews> {
  const chosen = yamlFiles(files);
  const paths = chosen.map(f => path.join(dir, f.path));
  const v3 = goYaml('yaml', paths);
  const k8s = goYaml('k8syaml', paths);
  return Object.fromEntries(
    chosen.map((f, i) => [
      f.path,
      {
        js: jsYaml(f.content),
        js11: jsYaml(f.content, '1.1'),
        v3: v3[paths[i]],
        k8s: k8s[paths[i]],
      },
    ]),
  );
}

/** Every string in a value (keys and leaves), to find where a text came out. */
export function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!value || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  return Object.entries(value).flatMap(([k, v]) => [k, ...stringsOf(v)]);
}

/** The key paths of a value (array indexes as `[]`), without its leaf values: its shape. */
export function shapeOf(value: unknown, at = ''): string[] {
  if (!value || typeof value !== 'object') return [at];
  const entries = Array.isArray(value)
    ? value.map(v => ['[]', v] as const)
    : Object.entries(value);
  return [
    at,
    ...new Set(entries.flatMap(([k, v]) => shapeOf(v, `${at}/${k}`))),
  ].sort();
}
