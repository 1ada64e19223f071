import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { repoRoot } from '../__testUtils__/upstream';
import { validateKubernetesObjects } from '../__testUtils__/validators';
import { validateSettings } from '../settings';
import { renderKubernetes } from './kubernetes';

const examplesDir = path.join(repoRoot, 'examples', 'settings');
const examples = fs
  .readdirSync(examplesDir)
  .filter(f => f.endsWith('.yaml'))
  .map(f => f.replace(/\.yaml$/, ''));

function settingsOf(name: string) {
  const text = fs.readFileSync(path.join(examplesDir, `${name}.yaml`), 'utf8');
  const result = validateSettings(parse(text));
  if (!result.ok) {
    throw new Error(`${name}.yaml: ${JSON.stringify(result.errors)}`);
  }
  return result.settings;
}

describe('examples/settings', () => {
  it('ships the minimal, production and compose-dev examples', () => {
    expect(examples).toEqual(
      expect.arrayContaining(['minimal', 'production', 'compose-dev']),
    );
  });

  it.each(examples.filter(name => settingsOf(name).target !== 'compose'))(
    '%s.yaml renders Kubernetes objects valid against the CRD and Kubernetes schemas',
    name => {
      const objects = renderKubernetes(settingsOf(name))
        .filter(file => file.path.startsWith('manifests/'))
        .flatMap(file => parseAllDocuments(file.content).map(d => d.toJS()))
        .filter(object => object && typeof object.kind === 'string');
      expect(objects.map(o => o.kind)).toContain('postgresql');
      expect(validateKubernetesObjects(objects)).toEqual({});
    },
  );
});
