import path from 'node:path';
import fc from 'fast-check';
import {
  exampleSettings,
  validateSettings,
  type ClusterSettings,
} from '../../settings';
import { renderCluster } from '..';
import { CHART_DIR } from '.';
import { helm } from './__testUtils__/helm';
import { goYaml } from '../../__testUtils__/consumers';
import { hostileText } from './__testUtils__/hostile';
import { removeWrittenFiles, writeFiles } from '../../__testUtils__/tools';

afterAll(removeWrittenFiles);

describe('helm renderer with hostile descriptions (real helm)', () => {
  it("property: the description comes back verbatim from values.yaml read with Helm's Go reader, and the chart still lints", () => {
    fc.assert(
      fc.property(hostileText(3), description => {
        // Refused text (control characters) is the settings model's job, tested there.
        const checked = validateSettings({
          ...exampleSettings.minimal,
          target: 'helm',
          cluster: { ...exampleSettings.minimal.cluster, description },
        });
        fc.pre(checked.ok);
        const files = renderCluster(
          (checked as { settings: ClusterSettings }).settings,
        );
        const chart = path.join(
          writeFiles(files, 'pgha-helm-hostile-'),
          CHART_DIR,
        );
        expect(helm(['lint', chart]).ok).toBe(true);
        const values = path.join(chart, 'values.yaml');
        const [read] = goYaml('k8syaml', [values])[values] as any[];
        expect(read.cluster.description).toBe(description);
      }),
      { numRuns: 15 },
    );
  });
});
