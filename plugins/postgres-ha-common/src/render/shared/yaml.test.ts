import fc from 'fast-check';
import { parse, parseAllDocuments } from 'yaml';
import { toYaml } from './yaml';
import { goYaml } from '../../__testUtils__/consumers';
import { removeWrittenFiles, writeFiles } from '../../__testUtils__/tools';
import {
  LIBYAML_HOSTILE,
  hostileStrings,
} from '../../__testUtils__/hostileStrings';

afterAll(removeWrittenFiles);

/** Kubernetes, kubectl and Helm read YAML 1.1; the library's 1.1 parser stands in for them. */
const readAs11 = (text: string) => parse(text, { version: '1.1' });

describe('toYaml', () => {
  it('quotes strings YAML 1.1 would read as booleans, nulls, numbers or dates', () => {
    const strings = [
      'on',
      'Off',
      'yes',
      'NO',
      'y',
      'N',
      '~',
      '0777',
      '1_000',
      '0x1F',
      '0b101',
      '1e3',
      '12:30',
      '+12',
      '.inf',
      '-.Inf',
      '.NaN',
      '2001-12-14',
      '<<',
      '=',
    ];
    const text = toYaml(Object.fromEntries(strings.map(s => [s, s])));
    expect(readAs11(text)).toEqual(
      Object.fromEntries(strings.map(s => [s, s])),
    );
  });

  it('property: every string reads back as the same string under YAML 1.1 and 1.2', () => {
    const tricky = fc
      .array(
        fc.constantFrom(...'0123456789_:.+-eExXbByYnNoO~ <=tT'.split('')),
        { maxLength: 12 },
      )
      .map(chars => chars.join(''));
    fc.assert(
      fc.property(fc.oneof(tricky, fc.string()), value => {
        const text = toYaml({ value, [value]: 'key' });
        expect(readAs11(text)).toEqual({ value, [value]: 'key' });
        expect(parse(text)).toEqual({ value, [value]: 'key' });
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps numbers and booleans typed and joins documents into one stream', () => {
    const text = toYaml({ a: 1, b: true, c: null }, { d: 'x' });
    expect(parseAllDocuments(text).map(d => d.toJS())).toEqual([
      { a: 1, b: true, c: null },
      { d: 'x' },
    ]);
  });

  it('property: the Go readers (yaml.v3, sigs.k8s.io/yaml) read every hostile string back as written, as key and value', () => {
    const values = [
      ...LIBYAML_HOSTILE,
      ...LIBYAML_HOSTILE.map(c => `a${c}privileged: true`),
      ...fc.sample(hostileStrings, { numRuns: 400, seed: 2028 }),
    ];
    const files = values.map((value, i) => ({
      path: `${i}.yaml`,
      content: toYaml({ value, [value]: 'key', list: [value] }),
    }));
    const dir = writeFiles(files, 'pgha-yaml-go-');
    const paths = files.map(f => `${dir}/${f.path}`);
    for (const reader of ['yaml', 'k8syaml'] as const) {
      const read = goYaml(reader, paths);
      values.forEach((value, i) => {
        expect({ reader, value, read: read[paths[i]] }).toEqual({
          reader,
          value,
          read: [{ value, [value]: 'key', list: [value] }],
        });
      });
    }
  });
});
