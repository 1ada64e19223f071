import path from 'node:path';
import fc from 'fast-check';
import { exampleSettings } from '../../settings';
import { settingsFrom } from '../../testing/settings';
import { renderCluster } from '..';
import { CHART_DIR } from '.';
import { helm, helmShow } from './testing/helm';
import { writeFiles } from './testing/tools';

const hostile = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.constantFrom(
    '{{ .Values.instances }}',
    '${{ secrets.X }}',
    '${VAR}',
    '$',
    'a: b # c',
    '\'"\n',
    '{{- fail "x" }}',
    '}}{{',
  ),
);

describe('helm renderer with hostile descriptions (real helm)', () => {
  it('property: the description comes back verbatim from values.yaml, and the chart still lints', () => {
    fc.assert(
      fc.property(
        fc.array(hostile, { maxLength: 3 }).map(p => p.join('')),
        description => {
          let files;
          try {
            files = renderCluster(
              settingsFrom({
                ...exampleSettings.minimal,
                target: 'helm',
                cluster: { ...exampleSettings.minimal.cluster, description },
              }),
            );
          } catch (error) {
            expect(String(error)).toMatch(/description/);
            return;
          }
          const chart = path.join(
            writeFiles(files, 'pgha-helm-hostile-'),
            CHART_DIR,
          );
          expect(helm(['lint', chart]).ok).toBe(true);
          expect(helmShow('values', chart).cluster.description).toBe(
            description,
          );
        },
      ),
      { numRuns: 15 },
    );
  });
});
