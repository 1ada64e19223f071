import { exampleSettings } from './examples';
import { spiloRetention } from './retention';
import { validateSettings } from './validate';

const withPhysical = (physical: object) =>
  validateSettings({
    ...exampleSettings.minimal,
    backup: {
      physical: {
        enabled: true,
        store: 's3',
        bucket: 'backups',
        region: 'eu-central-1',
        credentialsSecret: 'walg',
        ...physical,
      },
    },
  });

describe('backup.physical.retention (Spilo BACKUP_NUM_TO_RETAIN)', () => {
  it.each([0, 1])('refuses retention %i: Spilo raises it to 2', retention => {
    expect(withPhysical({ retention })).toEqual({
      ok: false,
      errors: [
        {
          path: 'backup.physical.retention',
          message: expect.stringMatching(/must be at least 2/),
        },
      ],
    });
  });

  it.each([
    ['0 1 * * 0', 7],
    ['0 1 * * 1-5', 7],
    ['0 1 1 * *', 2],
    ['0 1 */2 * *', 3],
    ['0 1 * * sun', 2],
  ])(
    'refuses schedule %s with retention %i: Spilo would never delete a backup',
    (schedule, retention) => {
      expect(withPhysical({ schedule, retention })).toEqual({
        ok: false,
        errors: [
          {
            path: 'backup.physical.schedule',
            message: expect.stringMatching(
              /runs too rarely .* would never delete any/,
            ),
          },
        ],
      });
    },
  );

  it.each([
    ['0 1 * * *', 7],
    ['0 1 * * 1-5', 2],
    ['0 */6 * * 1-5', 7],
  ])('accepts schedule %s with retention %i', (schedule, retention) => {
    expect(withPhysical({ schedule, retention }).ok).toBe(true);
  });

  it('keeps N daily backups (plus the older one) for a daily schedule, without a warning', () => {
    expect(spiloRetention('0 1 * * *', 7)).toEqual({ prunes: true, kept: 8 });
    expect(withPhysical({ schedule: '0 1 * * *', retention: 7 })).toMatchObject(
      { ok: true, warnings: [] },
    );
  });

  it('warns, on the retention field, that an hourly schedule keeps every backup of N days', () => {
    expect(spiloRetention('0 * * * *', 3)).toEqual({ prunes: true, kept: 73 });
    expect(withPhysical({ schedule: '0 * * * *', retention: 3 })).toMatchObject(
      {
        ok: true,
        warnings: [
          {
            path: 'backup.physical.retention',
            message: expect.stringMatching(/up to 73 backups, not 3/),
          },
        ],
      },
    );
  });
});

describe('backup.physical on s3', () => {
  it('needs a region or an endpoint, so Spilo does not guess a region from the host name', () => {
    expect(withPhysical({ region: undefined })).toEqual({
      ok: false,
      errors: [
        {
          path: 'backup.physical.region',
          message: expect.stringMatching(
            /is required for s3 backups without an endpoint/,
          ),
        },
      ],
    });
    expect(
      withPhysical({ region: undefined, endpoint: 'https://minio:9000' }).ok,
    ).toBe(true);
  });
});

describe('settings warnings', () => {
  it('says that strict synchronous replication with 2 instances stops writes when the standby is down', () => {
    const result = validateSettings({
      ...exampleSettings.minimal,
      topology: { instances: 2, replication: 'synchronous-strict' },
    });
    expect(result).toMatchObject({
      ok: true,
      warnings: [
        {
          path: 'topology.replication',
          message: expect.stringMatching(
            /writes stop whenever one standby is down/,
          ),
        },
      ],
    });
  });

  it('has no warning for strict mode with a spare standby', () => {
    expect(
      validateSettings({
        ...exampleSettings.minimal,
        topology: { instances: 3, replication: 'synchronous-strict' },
      }),
    ).toMatchObject({ ok: true, warnings: [] });
  });
});
