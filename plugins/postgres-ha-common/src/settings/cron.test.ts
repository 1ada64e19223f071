import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkCron } from './cron';
import { exampleSettings } from './examples';

/**
 * Schedules and, for the few Debian cron takes but the model refuses on purpose, why. Every
 * other verdict of the model must equal the real `crontab`'s.
 */
const SCHEDULES: [string, string?][] = [
  ['0 1 * * *'],
  ['*/15 * * * *'],
  ['00 01 * * *'],
  ['0,30 * * * *'],
  ['1-5/2 * * * *'],
  ['0 0 * * 1-5'],
  ['0 0 * * mon-fri'],
  ['0 0 * * MON,wed'],
  ['0 0 * * mon-5'],
  ['0 0 * * 0-7'],
  ['0 0 * * 7'],
  ['0 0 * * */2'],
  ['0 0 * jan-mar *'],
  ['0 0 * JAN *'],
  ['0 0 1-31/2 * *'],
  ['5/10 * * * *'],
  ['0 0 L * *'],
  ['0 0 ? * *'],
  ['0 0 15W * *'],
  ['0 0 * * 5L'],
  ['H * * * *'],
  ['H/15 * * * *'],
  ['0 0 * * 8'],
  ['60 * * * *'],
  ['0 24 * * *'],
  ['0 0 0 * *'],
  ['0 0 32 * *'],
  ['0 0 * 13 *'],
  ['0 0 * 0 *'],
  ['*/0 * * * *'],
  ['0 0 * * monday'],
  ['0, * * * *'],
  [',0 * * * *'],
  ['-1 * * * *'],
  ['0 0 * * 1/2'],
  ['* * * *'],
  ['@every 1h'],
  [
    '0 0 * * 1#2',
    'Debian cron reads "#2 …" as part of the command: not Vixie syntax',
  ],
  ['1-2-3 * * * *', 'Debian cron ignores the second "-3": not Vixie syntax'],
  ['5-3 * * * *', 'a backward range never runs in Vixie cron'],
  ['0 0 * * fri-mon', 'a backward range never runs in Vixie cron'],
  [
    '@daily',
    'macros are refused: the operator, Helm schema and busybox readers want 5 fields',
  ],
  ['@reboot', 'macros are refused: a base backup at boot is not a schedule'],
  ['0 0 30 2 *', 'never runs (no 30 February); cron-parser refuses it'],
  ['*/5,10 * * * *', 'repeats a value; cron-parser refuses it'],
];

const CRONTAB = process.env.CRONTAB_BIN ?? '/usr/bin/crontab';
const USER = 'pgha-cron-check';
const canRun = process.getuid?.() === 0 && fs.existsSync(CRONTAB);
const suite = canRun ? describe : describe.skip;

/** Whether Debian's crontab takes `schedule` for a scratch user. */
function debianAccepts(schedule: string, dir: string): boolean {
  const file = path.join(dir, 'crontab');
  fs.writeFileSync(file, `${schedule} true\n`);
  return (
    spawnSync(CRONTAB, ['-u', USER, file], { timeout: 10_000 }).status === 0
  );
}

suite(
  canRun
    ? 'checkCron against Debian cron (real crontab)'
    : 'checkCron against Debian cron (SKIPPED: needs root and crontab; scripts/test installs cron)',
  () => {
    let dir: string;
    beforeAll(() => {
      if (spawnSync('id', [USER]).status !== 0) {
        execFileSync('useradd', [
          '--system',
          '--no-create-home',
          '--shell',
          '/usr/sbin/nologin',
          USER,
        ]);
      }
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-cron-'));
    });
    afterAll(() => {
      spawnSync(CRONTAB, ['-u', USER, '-r']);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it.each(SCHEDULES.filter(([, why]) => !why).map(([s]) => s))(
      'the model and Debian cron agree on %s',
      schedule => {
        const model = checkCron(schedule) === undefined;
        expect({ schedule, model }).toEqual({
          schedule,
          model: debianAccepts(schedule, dir),
        });
      },
    );

    it.each(SCHEDULES.filter(([, why]) => why))(
      'refuses %s although Debian cron takes it: %s',
      schedule => {
        expect(checkCron(schedule)).toEqual(expect.any(String));
        expect(debianAccepts(schedule, dir)).toBe(true);
      },
    );

    it('Debian cron takes the schedules of the example settings', () => {
      const { backup } = exampleSettings.production;
      for (const schedule of [
        backup!.physical!.schedule!,
        backup!.logical!.schedule!,
      ]) {
        expect(checkCron(schedule)).toBeUndefined();
        expect(debianAccepts(schedule, dir)).toBe(true);
      }
    });
  },
);

describe('checkCron messages', () => {
  it.each([
    [
      '0 0 * * 5L',
      /^is not a valid cron expression: day-of-week field: "5L" is not allowed: use 0–7 or a name.*L, W, \?, # and H/,
    ],
    [
      '5/10 * * * *',
      /^is not a valid cron expression: minute field: "5\/10": a step needs \* or a range \(write 5-59\/10\)/,
    ],
    ['@daily', /write 0 0 \* \* \* for @daily/],
    [
      'fri-mon * * * *',
      /^is not a valid cron expression: minute field: "fri" is not allowed/,
    ],
  ])('names the field and the grammar for %s', (schedule, message) => {
    expect(checkCron(schedule)).toMatch(message);
  });
});
