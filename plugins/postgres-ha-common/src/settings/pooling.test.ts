import { exampleSettings } from './examples';
import { validateSettings } from './validate';

const withPooling = (pooling: object) =>
  validateSettings({ ...exampleSettings.minimal, pooling });

describe('pooling', () => {
  it.each([
    [{ primary: true, instances: 2, maxDbConnections: 7 }, 8],
    [{ replica: true, instances: 10, maxDbConnections: 20 }, 40],
    [{ primary: true, instances: 1, maxDbConnections: 1 }, 4],
  ])(
    'refuses %j: the operator would size the PgBouncer pools 0',
    (pooling, least) => {
      expect(withPooling(pooling)).toEqual({
        ok: false,
        errors: [
          {
            path: 'pooling.maxDbConnections',
            message: expect.stringContaining(
              `must be at least 4 × pooling.instances (${least})`,
            ),
          },
        ],
      });
    },
  );

  it.each([
    { primary: true, instances: 2, maxDbConnections: 8 },
    { primary: true },
    { primary: false, instances: 10, maxDbConnections: 1 },
  ])('accepts %j', pooling => {
    expect(withPooling(pooling).ok).toBe(true);
  });
});

describe('clone.uid', () => {
  it('is refused with its own error naming it and what to use instead', () => {
    const result = validateSettings({
      ...exampleSettings.minimal,
      clone: {
        cluster: 'orders',
        timestamp: '2026-11-21T10:00:00+00:00',
        uid: '6f1c1d0e-1a2b-4c3d-9e8f-001122334455',
        typo: 1,
        source: {
          store: 'gcs',
          bucket: 'pg-backups',
          credentialsSecret: 'c',
        },
      },
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: 'clone.uid',
          message: expect.stringMatching(
            /^is no longer a setting: .*clone\.source\.prefix/,
          ),
        },
        { path: 'clone', message: 'unknown field "typo"' },
      ],
    });
  });
});
