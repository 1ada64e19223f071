import { exampleSettings } from './examples';
import { validateSettings } from './validate';

const pathsOf = (patch: object) => {
  const result = validateSettings({ ...exampleSettings.minimal, ...patch });
  return result.ok ? [] : result.errors.map(e => `${e.path}: ${e.message}`);
};

describe('bounds of sizes, CPU and memory', () => {
  it.each(['99999999Ti', '0', '1Ki', '512Mi', '65Ti'])(
    'refuses storage.size %s, naming the field and the bounds',
    size => {
      expect(pathsOf({ storage: { size } })).toEqual([
        'storage.size: must be between 1Gi and 64Ti',
      ]);
    },
  );

  it.each(['1Gi', '10Gi', '2G', '64Ti', '500Gi'])(
    'accepts storage.size %s',
    size => {
      expect(pathsOf({ storage: { size } })).toEqual([]);
    },
  );

  it.each([
    [
      { limits: { cpu: '0' } },
      'resources.limits.cpu: must be between 1m and 256 (CPUs)',
    ],
    [
      { limits: { cpu: '100000' } },
      'resources.limits.cpu: must be between 1m and 256 (CPUs)',
    ],
    [
      { requests: { cpu: '0m' } },
      'resources.requests.cpu: must be between 1m and 256 (CPUs)',
    ],
    [
      { limits: { memory: '1Mi' } },
      'resources.limits.memory: must be between 64Mi and 4Ti',
    ],
    [
      { limits: { memory: '100Ti' } },
      'resources.limits.memory: must be between 64Mi and 4Ti',
    ],
    [
      { requests: { memory: '0' } },
      'resources.requests.memory: must be between 64Mi and 4Ti',
    ],
  ])('refuses resources %j', (resources, error) => {
    // A too-low limit may also fall below its request: that error is the rules' own.
    expect(pathsOf({ resources })).toEqual(expect.arrayContaining([error]));
  });

  it('refuses an overlong quantity without repeating it', () => {
    const errors = pathsOf({
      resources: { limits: { memory: `${'9'.repeat(5000)}Gi` } },
    });
    expect(errors).toContain(
      'resources.limits.memory: must be at most 32 characters',
    );
    expect(errors.join('\n')).not.toContain('9'.repeat(40));
  });

  it('keeps only the format error for a malformed quantity', () => {
    expect(pathsOf({ storage: { size: 'ten gigs' } })).toEqual([
      'storage.size: must be a quantity such as 10Gi, 500Gi or 1Ti',
    ]);
  });
});
