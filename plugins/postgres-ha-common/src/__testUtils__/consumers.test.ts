import fs from 'node:fs';
import path from 'node:path';
import { removeWrittenFiles, writeFiles } from './tools';
import { readUpstream } from './upstream';
import { composeConfig, goYaml, operatorViews } from './consumers';

afterAll(removeWrittenFiles);

/** The consumers are real: each refuses what its upstream code refuses. */
const write = (file: string, content: string) => {
  const dir = writeFiles([{ path: file, content }], 'pgha-consumers-self-');
  return path.join(dir, file);
};

const postgresql = (spec: string) =>
  write(
    'pg.yaml',
    `apiVersion: acid.zalan.do/v1
kind: postgresql
metadata:
  name: acid-orders
spec:
  teamId: acid
${spec}`,
  );

describe('pgha-consumers (tools/consumers)', () => {
  it("the operator's types mark a maintenance window across midnight Invalid, with the operator's message", () => {
    const [view] = operatorViews(
      postgresql('  maintenanceWindows:\n    - Sat:22:00-02:00\n'),
    );
    expect(view).toMatchObject({
      name: 'acid-orders',
      status: 'Invalid',
      error: "'From' time must be prior to the 'To' time",
    });
    const [ok] = operatorViews(
      postgresql('  maintenanceWindows:\n    - Sat:01:00-03:00\n'),
    );
    expect(ok).toMatchObject({ status: '', error: '' });
    expect(ok.spec.maintenanceWindows).toEqual(['Sat:01:00-03:00']);
  });

  it("lists fields the operator's types do not have", () => {
    const [view] = operatorViews(
      postgresql('  numberOfInstances: 2\n  numberOfInstance: 3\n'),
    );
    expect(view.unknownFields).toEqual(['spec.numberOfInstance']);
    expect(view.spec.numberOfInstances).toBe(2);
  });

  it('accepts the operator examples from the pinned module', () => {
    const file = write(
      'example.yaml',
      readUpstream('complete-postgres-manifest.yaml'),
    );
    expect(operatorViews(file)).toMatchObject([
      { status: '', error: '', unknownFields: [] },
    ]);
  });

  it("reads YAML 1.1 booleans like kubectl and Helm, and plain strings like Compose's yaml.v3", () => {
    const file = write('on.yaml', 'a: on\nb: "on"\n---\nc: 1\n');
    expect(goYaml('k8syaml', [file])[file]).toEqual([
      { a: true, b: 'on' },
      { c: 1 },
    ]);
    expect(goYaml('yaml', [file])[file]).toEqual([
      { a: 'on', b: 'on' },
      { c: 1 },
    ]);
  });

  it("refuses what Docker Compose's loader refuses, naming the key", () => {
    const file = write(
      'docker-compose.yml',
      'services:\n  db:\n    image: postgres\n    privilegd: true\n',
    );
    const dir = path.dirname(file);
    expect(composeConfig(dir)).toEqual({
      ok: false,
      message: expect.stringContaining('services.db'),
    });
    fs.writeFileSync(
      file,
      'services:\n  db:\n    image: postgres\n    environment:\n      P: ${PW:?set PW}\n',
    );
    expect(composeConfig(dir)).toEqual({
      ok: false,
      message: expect.stringContaining('set PW'),
    });
    fs.writeFileSync(path.join(dir, '.env'), 'PW=secret\n');
    expect(composeConfig(dir)).toMatchObject({
      ok: true,
      project: { services: { db: { environment: { P: 'secret' } } } },
    });
  });
});
