import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import {
  renderCluster,
  TARGETS,
  validateSettings,
} from '@pgha/plugin-postgres-ha-common';

/**
 * `yarn bench:render`: median wall time of one full render (validation + all files) per
 * target, in-process after warm-up, for examples/settings/production.yaml. The CPU time
 * of the same renders is printed too: on a shared, busy machine wall time also counts
 * the time other processes held the CPU, CPU time only this render's own work.
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
    // cert-manager, object storage and Kubernetes scheduling do not exist in compose; swap
    // for its equivalents.
    ...(target === 'compose' && {
      security: { ...input.security, tls: { mode: 'none' } },
      storage: { size: input.storage?.size },
      scheduling: {},
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
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const startCpu = process.cpuUsage();
      renderOnce(target);
      const used = process.cpuUsage(startCpu);
      wall.push(performance.now() - start);
      cpu.push((used.user + used.system) / 1000);
    }
    return {
      target,
      median: `${median(wall).toFixed(3)} ms`,
      cpu: `${median(cpu).toFixed(3)} ms`,
      files: String(renderOnce(target).length),
    };
  } catch (e) {
    return { target, median: 'n/a', cpu: 'n/a', files: (e as Error).message };
  }
});

const load = os
  .loadavg()
  .map(l => l.toFixed(2))
  .join(' ');
process.stdout.write(
  `render benchmark: ${RUNS} runs after ${WARMUP} warm-up, production example (load average ${load} on ${
    os.cpus().length
  } CPUs)\n`,
);
process.stdout.write(
  `${'target'.padEnd(12)}${'median'.padEnd(14)}${'cpu median'.padEnd(
    14,
  )}files\n`,
);
for (const row of rows) {
  process.stdout.write(
    `${row.target.padEnd(12)}${row.median.padEnd(14)}${row.cpu.padEnd(14)}${
      row.files
    }\n`,
  );
}
