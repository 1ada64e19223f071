// Adds up the Jest JSON report and node's TAP reports in artifacts/ into the one
// closing line CI reads: "tests: N passed, N failed, N skipped".
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const totals = { passed: 0, failed: 0, skipped: 0 };
const rows = [];

const jestFile = join(dir, 'jest.json');
if (existsSync(jestFile)) {
  const jest = JSON.parse(readFileSync(jestFile, 'utf8'));
  const row = {
    source: 'jest',
    passed: jest.numPassedTests,
    failed: jest.numFailedTests + jest.numRuntimeErrorTestSuites,
    skipped: jest.numPendingTests + jest.numTodoTests,
  };
  rows.push(row);
}

for (const file of readdirSync(dir).filter(f => f.endsWith('.tap'))) {
  const tap = readFileSync(join(dir, file), 'utf8');
  const count = key => {
    const m = tap.match(new RegExp(`^# ${key} (\\d+)$`, 'm'));
    return m ? Number(m[1]) : 0;
  };
  const complete = /^# tests \d+$/m.test(tap);
  rows.push({
    source: file.replace(/\.tap$/, ''),
    passed: count('pass'),
    // A TAP file without its closing counts means the run was cut short.
    failed: count('fail') + count('cancelled') + (complete ? 0 : 1),
    skipped: count('skipped') + count('todo'),
  });
}

for (const row of rows) {
  for (const key of Object.keys(totals)) totals[key] += row[key];
  console.log(
    `  ${row.source}: ${row.passed} passed, ${row.failed} failed, ${row.skipped} skipped`,
  );
}
console.log(
  `tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`,
);
