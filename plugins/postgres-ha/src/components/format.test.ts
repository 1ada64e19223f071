import { formatBytes, formatDuration, formatTime } from './format';

describe('formatting for the entity tab', () => {
  it('keeps small byte counts exact and scales larger ones to binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(2048)).toBe('2.0 KiB');
    expect(formatBytes(50_331_648)).toBe('48.0 MiB');
  });

  it('writes durations in seconds, minutes and hours', () => {
    expect(formatDuration(9)).toBe('9 s');
    expect(formatDuration(62)).toBe('1 min 2 s');
    expect(formatDuration(3_720)).toBe('1 h 2 min');
  });

  it('shows a dash for a missing time and the raw text for an unparsable one', () => {
    expect(formatTime(undefined)).toBe('—');
    expect(formatTime('yesterday-ish')).toBe('yesterday-ish');
  });
});
