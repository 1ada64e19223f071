import { exampleSettings } from './examples';
import { validateSettings } from './validate';
import { ALLOWED_PARAMETERS, PG_SETTINGS_VERSION } from './parameters';

const withParameters = (
  parameters: Record<string, string | number | boolean>,
  limits = { memory: '4Gi' },
) =>
  validateSettings({
    ...exampleSettings.minimal,
    postgresql: { parameters },
    resources: { limits },
  });

describe('postgresql.parameters', () => {
  it('reads the allowed parameters from a PostgreSQL 15 pg_settings table', () => {
    expect(PG_SETTINGS_VERSION).toMatch(/^15\./);
    expect(ALLOWED_PARAMETERS.max_connections).toMatchObject({
      vartype: 'integer',
      min: 1,
      max: 262143,
    });
    expect(ALLOWED_PARAMETERS.shared_buffers).toMatchObject({ unit: '8kB' });
  });

  it.each([
    ['max_connections', -5, /from 1 to 262143/],
    ['max_connections', 0, /from 1 to 262143/],
    ['max_connections', '1.5', /whole number/],
    ['checkpoint_completion_target', 7, /from 0 to 1/],
    ['random_page_cost', -1, /from 0 to/],
    ['checkpoint_timeout', '10s', /from 30 to 86400 \(in units of s\)/],
    ['checkpoint_timeout', '2d', /from 30 to 86400/],
    ['checkpoint_timeout', '5MB', /unit "MB"; use one of us, ms, s, min, h, d/],
    ['shared_buffers', '64kB', /from 16 to 1073741823 \(in units of 8kB\)/],
    ['work_mem', '32', /from 64 to/],
    ['work_mem', 'lots', /must be a number/],
    ['log_statement', 'everything', /one of none, ddl, mod, all/],
    ['jit', 'maybe', /on or off/],
    ['wal_level', 'minimal', /"wal_level" is not allowed/],
  ])('refuses %s = %s, naming the field', (name, value, message) => {
    expect(withParameters({ [name]: value })).toEqual({
      ok: false,
      errors: [
        {
          path: `postgresql.parameters.${name}`,
          message: expect.stringMatching(message),
        },
      ],
    });
  });

  it.each([
    ['max_connections', 400],
    ['max_connections', '262143'],
    ['checkpoint_completion_target', 0.9],
    ['checkpoint_timeout', '15min'],
    ['checkpoint_timeout', 900],
    ['statement_timeout', 0],
    ['log_min_duration_statement', '500ms'],
    ['log_min_duration_statement', -1],
    ['temp_file_limit', -1],
    ['work_mem', '16MB'],
    ['work_mem', '1.5GB'],
    ['shared_buffers', '1GB'],
    ['shared_buffers', 16384],
    ['log_statement', 'DDL'],
    ['jit', false],
    ['password_encryption', 'scram-sha-256'],
  ])('accepts %s = %s', (name, value) => {
    expect(withParameters({ [name]: value }).ok).toBe(true);
  });

  it.each([['4GB'], ['8GB'], [524288]])(
    'refuses shared_buffers %s at or above a 4Gi memory limit',
    value => {
      expect(withParameters({ shared_buffers: value })).toEqual({
        ok: false,
        errors: [
          {
            path: 'postgresql.parameters.shared_buffers',
            message: expect.stringMatching(
              /must be below resources\.limits\.memory \(4Gi\)/,
            ),
          },
        ],
      });
    },
  );
});
