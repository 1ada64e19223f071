import fs from 'node:fs';
import path from 'node:path';
import {
  createMockDirectory,
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
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'Resource',
                  'Location',
                  'Group',
                  'User',
                  'Template',
                ],
              },
            ],
            locations: [
              {
                type: 'file',
                target: path.join(REPO_ROOT, 'templates', 'all.yaml'),
              },
              {
                type: 'file',
                target: path.join(REPO_ROOT, 'examples', 'catalog', 'org.yaml'),
              },
              {
                type: 'file',
                target: path.join(
                  REPO_ROOT,
                  'examples',
                  'catalog',
                  'entities.yaml',
                ),
              },
              {
                type: 'file',
                target: path.join(publishDir, '*', 'catalog-info.yaml'),
              },
            ],
          },
          postgresHa: { localPublish: { directory: publishDir } },
        },
      }),
    ],
  });
  const auth = mockCredentials.user.header();
  const api = {
    get: (url: string) =>
      request(backend.server).get(url).set('Authorization', auth),
    post: (url: string, body: object) =>
      request(backend.server).post(url).set('Authorization', auth).send(body),
  };
  return { backend, api };
}

/** The template YAML of `templates/<name>/template.yaml`, as the dry-run API takes it. */
export function readTemplate(name: string) {
  return yaml.parse(
    fs.readFileSync(
      path.join(REPO_ROOT, 'templates', name, 'template.yaml'),
      'utf8',
    ),
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
export function dryRunFile(
  body: { directoryContents: DryRunFile[] },
  file: string,
) {
  const found = body.directoryContents.find(f => f.path === file);
  if (!found)
    throw new Error(`no ${file} among ${dryRunPaths(body).join(', ')}`);
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

/**
 * For one describe block: a wizard backend started before its tests (once `readyEntity`, e.g.
 * `template/default/postgres-cluster`, is in the catalog) and stopped after them.
 */
export function useWizardBackend(readyEntity: string) {
  const dir = createMockDirectory();
  let wizard: Awaited<ReturnType<typeof startWizardBackend>> | undefined;
  beforeAll(async () => {
    wizard = await startWizardBackend(dir.resolve('published'));
    await eventually(async () => {
      const res = await wizard!.api.get(
        `/api/catalog/entities/by-name/${readyEntity}`,
      );
      return res.status === 200 ? true : undefined;
    });
  }, 120_000);
  afterAll(async () => {
    await wizard?.backend.stop();
  });
  const api = () => {
    if (!wizard) throw new Error('the wizard backend has not started');
    return wizard.api;
  };
  return {
    api,
    /** Where postgres:publish:local writes. */
    publishedPath: (...parts: string[]) => dir.resolve('published', ...parts),
    /** Dry-runs `templates/<template>/template.yaml` with these form values. */
    dryRun: (template: string, values: object) =>
      api().post('/api/scaffolder/v2/dry-run', {
        template: readTemplate(template),
        values,
        directoryContents: [],
      }),
  };
}
