import { describeSchedule } from './schedule';

describe('describeSchedule', () => {
  it('describes a daily schedule in words and computes the next run in UTC', () => {
    const result = describeSchedule(
      '30 0 * * *',
      new Date('2026-11-22T03:55:00Z'),
    );
    expect(result).toEqual({
      words: 'At 00:30 (UTC)',
      nextRun: new Date('2026-11-23T00:30:00Z'),
    });
  });

  it('names the bad schedule instead of throwing', () => {
    const result = describeSchedule(
      '61 * * *',
      new Date('2026-11-22T03:55:00Z'),
    );
    expect(result).toMatchObject({
      error: expect.stringContaining('"61 * * *"'),
    });
  });
});
