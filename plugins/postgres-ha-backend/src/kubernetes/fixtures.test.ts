import Ajv from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { replay } from '../__testUtils__/fakeKubernetesApi';

const repoRoot = path.resolve(__dirname, '../../../..');
const crdFile = path.resolve(
  repoRoot,
  '..',
  'shared',
  'upstream',
  'postgresql.crd.yaml',
);

describe('recorded Kubernetes API responses', () => {
  it('hold a postgresql object that the operator v2 CRD schema accepts', () => {
    const crd = parse(fs.readFileSync(crdFile, 'utf8'));
    const schema = crd.spec.versions.find(
      (v: { name: string }) => v.name === 'v1',
    ).schema.openAPIV3Schema;
    const validate = new Ajv({
      strict: false,
      allErrors: true,
      validateFormats: false,
      unicodeRegExp: false,
    }).compile(schema);
    const postgresql = replay('acid-orders', 'postgresql.json');
    expect(validate(postgresql) ? [] : validate.errors).toEqual([]);
    // The schema is live: a wrongly typed field is refused.
    const broken = structuredClone(postgresql) as {
      spec: Record<string, unknown>;
    };
    broken.spec.numberOfInstances = 'three';
    expect(validate(broken)).toBe(false);
  });
});
