import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  renderCluster,
  TARGETS,
  validateSettings,
} from '@pgha/plugin-postgres-ha-common';

/**
 * `yarn bench:render`: median wall time of one full render (validation + all files) per
 * target, in-process after warm-up, for examples/settings/production.yaml.
 */
const WARMUP = 50;
const RUNS = 300;
// `yarn bench:render` runs from the repository root.
const root = process.cwd();
const input = parse(
  readFileSync(path.join(root, 'examples/settings/production.yaml'), 'utf8'),
);

function renderOnce(target: string) {
  const result = validateSettings({
    ...input,
    target,
    // cert-manager and object storage do not exist in compose; swap for its equivalents.
    ...(target === 'compose' && {
      security: { ...input.security, tls: { mode: 'none' } },
      backup: {
        ...input.backup,
        physical: { enabled: true, store: 'local' },
        pitr: false,
      },
    }),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return renderCluster(result.settings);
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const rows = TARGETS.map(target => {
  try {
    for (let i = 0; i < WARMUP; i++) renderOnce(target);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      renderOnce(target);
      times.push(performance.now() - start);
    }
    return {
      target,
      median: `${median(times).toFixed(3)} ms`,
      files: String(renderOnce(target).length),
    };
  } catch (e) {
    return { target, median: 'n/a', files: (e as Error).message };
  }
});

process.stdout.write(
  `render benchmark: ${RUNS} runs after ${WARMUP} warm-up, production example\n`,
);
process.stdout.write(`${'target'.padEnd(12)}${'median'.padEnd(14)}files\n`);
for (const row of rows) {
  process.stdout.write(
    `${row.target.padEnd(12)}${row.median.padEnd(14)}${row.files}\n`,
  );
}
