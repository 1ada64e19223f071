import fc from 'fast-check';
import { parse, parseAllDocuments } from 'yaml';
import { toYaml } from './yaml';

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
});
