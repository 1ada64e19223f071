import { checkCron } from '../../settings/cron';
import { VIXIE_CRON_PATTERN } from './cronPattern';

const pattern = new RegExp(VIXIE_CRON_PATTERN);

describe("the chart's schedule pattern agrees with the settings model's cron check", () => {
  it.each([
    '0 3 * * *',
    '*/15 1-5,22 1 jan mon',
    '30 2 1-31/2 1-12/3 0-7',
    '0 0 * * SUN',
    '5,10,15 * * 12 7',
  ])('both accept %s', expression => {
    expect(checkCron(expression)).toBeUndefined();
    expect(pattern.test(expression)).toBe(true);
  });

  it.each([
    'a b c d e',
    '61 * * * *',
    '* 24 * * *',
    '* * 0 * *',
    '* * * *',
    '0 3 * * * *',
  ])('both refuse %s', expression => {
    expect(checkCron(expression)).toBeDefined();
    expect(pattern.test(expression)).toBe(false);
  });
});
