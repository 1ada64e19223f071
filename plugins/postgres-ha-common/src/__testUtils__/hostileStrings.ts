import fc from 'fast-check';

/** Everything libyaml reads as a line break or refuses raw, and neighbours that are fine. */
export const LIBYAML_HOSTILE = [
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)),
  ...Array.from({ length: 0x21 }, (_, i) => String.fromCharCode(0x7f + i)),
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffe',
  '\uffff',
  '\u00a0',
  '\u200b',
  '\u{1f418}',
];

/** Strings built from hostile characters and YAML syntax, for the Go readers. */
export const hostileStrings = fc
  .array(
    fc.oneof(
      fc.constantFrom(...LIBYAML_HOSTILE),
      fc.constantFrom(
        ': ',
        '- ',
        '# ',
        '"',
        "'",
        '\\',
        'privileged: true',
        ' ',
      ),
      fc.string({ unit: 'binary', maxLength: 8 }),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map(parts => parts.join(''))
  // Lone surrogates cannot be written as UTF-8 at all (Node writes U+FFFD).
  .filter(s => !/[\ud800-\udfff]/u.test(s));
