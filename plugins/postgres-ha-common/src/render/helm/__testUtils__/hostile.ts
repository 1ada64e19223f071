import fc from 'fast-check';

/** Free text built from pieces that break naive YAML, Go templates, Compose and shells. */
export const hostileText = (maxPieces: number) =>
  fc
    .array(
      fc.oneof(
        fc.string({ maxLength: 120 }),
        fc.constantFrom(
          '{{ .Values.instances }}',
          '{{- fail "x" }}',
          '}}{{',
          '${{ secrets.X }}',
          '${HOME}',
          '${PGHA_SUPERUSER_PASSWORD}',
          '$$',
          '$',
          'a: b # c',
          '\'"\n\n',
          '../../etc',
          'ünïcødé ✓',
        ),
      ),
      { maxLength: maxPieces },
    )
    .map(pieces => pieces.join(''));
