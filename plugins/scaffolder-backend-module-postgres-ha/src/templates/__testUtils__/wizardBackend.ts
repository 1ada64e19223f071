import fs from 'node:fs';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import yaml from 'yaml';
import { scaffolderModulePostgresHa } from '../../module';

/** The repository root: templates/ and the catalog fixtures are read from there. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..', '..');

/**
 * A real scaffolder and a real catalog with the suite's module, reading the real templates
 * from templates/all.yaml, publishing locally into `publishDir`.
 */
export async function startWizardBackend(publishDir: string) {
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      scaffolderEntityModel,
      scaffolderPlugin,
      scaffolderModulePostgresHa,
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:7007' },
          catalog: {
            processingInterval: { seconds: 1 },
            rules: [{ allow: ['Component', 'System', 'Resource', 'Location', 'Group', 'User', 'Template'] }],
            locations: [
              { type: 'file', target: path.join(REPO_ROOT, 'templates', 'all.yaml') },
              { type: 'file', target: path.join(REPO_ROOT, 'examples', 'catalog', 'org.yaml') },
              { type: 'file', target: path.join(REPO_ROOT, 'examples', 'catalog', 'entities.yaml') },
              { type: 'file', target: path.join(publishDir, '*', 'catalog-info.yaml') },
            ],
          },
          postgresHa: { localPublish: { directory: publishDir } },
        },
      }),
    ],
  });
  const auth = mockCredentials.user.header();
  const api = {
    get: (url: string) => request(backend.server).get(url).set('Authorization', auth),
    post: (url: string, body: object) =>
      request(backend.server).post(url).set('Authorization', auth).send(body),
  };
  return { backend, api };
}

/** The template YAML of `templates/<name>/template.yaml`, as the dry-run API takes it. */
export function readTemplate(name: string) {
  return yaml.parse(
    fs.readFileSync(path.join(REPO_ROOT, 'templates', name, 'template.yaml'), 'utf8'),
  );
}

interface DryRunFile {
  path: string;
  base64Content: string;
}

/** Paths of the files a dry run produced, sorted. */
export const dryRunPaths = (body: { directoryContents: DryRunFile[] }) =>
  body.directoryContents.map(f => f.path).sort();

/** Text of one file a dry run produced; fails naming the files that exist instead. */
export function dryRunFile(body: { directoryContents: DryRunFile[] }, file: string) {
  const found = body.directoryContents.find(f => f.path === file);
  if (!found) throw new Error(`no ${file} among ${dryRunPaths(body).join(', ')}`);
  return Buffer.from(found.base64Content, 'base64').toString('utf8');
}

/** Polls `check` until it returns a value; the catalog ingests asynchronously. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}
