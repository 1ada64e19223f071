import { exampleSettings } from './examples';
import { validateSettings } from './validate';
import { shown } from './echo';

const minimal = exampleSettings.minimal;

/** Every free-text or name field of the model, with a way to put `text` into it. */
const FIELDS: [string, (text: string) => object][] = [
  [
    'cluster.description',
    text => ({ cluster: { ...minimal.cluster, description: text } }),
  ],
  ['cluster.team', text => ({ cluster: { ...minimal.cluster, team: text } })],
  [
    'cluster.namespace',
    text => ({ cluster: { ...minimal.cluster, namespace: text } }),
  ],
  [
    'postgresql.parameters.work_mem',
    text => ({ postgresql: { parameters: { work_mem: text } } }),
  ],
  ['storage.storageClass', text => ({ storage: { storageClass: text } })],
  [
    'security.networkPolicy.allowedPeers[0].podLabels.app',
    text => ({
      security: {
        networkPolicy: {
          enabled: true,
          allowedPeers: [{ podLabels: { app: text } }],
        },
      },
    }),
  ],
];

/** Characters Go and libyaml YAML readers break lines on, and other controls. */
const HOSTILE = [
  ['LINE SEPARATOR', '\u2028'],
  ['PARAGRAPH SEPARATOR', '\u2029'],
  ['NEXT LINE (C1)', '\u0085'],
  ['C1 control U+009B', '\u009b'],
  ['NUL', '\u0000'],
  ['ESC', '\u001b'],
  ['DEL', '\u007f'],
];

describe('free text', () => {
  describe.each(FIELDS)('%s', (path, put) => {
    it.each(HOSTILE)('refuses %s, naming the field', (_name, char) => {
      const result = validateSettings({
        ...minimal,
        ...put(`app${char}  privileged: true`),
      });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors.map(e => e.path)).toContain(path);
    });
  });

  it('keeps tab and newline in the description', () => {
    const description = 'Orders database.\n\tOwned by the shop team.';
    const result = validateSettings({
      ...minimal,
      cluster: { ...minimal.cluster, description },
    });
    expect(result).toMatchObject({
      ok: true,
      settings: { cluster: { description } },
    });
  });

  it('never echoes unbounded input in an error message', () => {
    const long = `x${'y'.repeat(5000)}\u2028`;
    const result = validateSettings({
      ...minimal,
      [long]: 1,
      postgresql: { parameters: { [long]: '1' } },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.length).toBeGreaterThanOrEqual(2);
    for (const e of result.errors) {
      expect(e.message.length).toBeLessThan(1500);
      expect(e.message).not.toContain('\u2028');
      expect(e.message).not.toContain('y'.repeat(100));
    }
  });

  it('quotes echoed values with controls and separators escaped', () => {
    expect(shown('a\u2028b\u0085c\nd')).toBe('"a\\u2028b\\u0085c\\nd"');
    expect(shown('z'.repeat(100))).toBe(`"${'z'.repeat(40)}…"`);
  });
});
