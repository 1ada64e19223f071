const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 50331648 -> "48.0 MiB"; bytes below 1 KiB stay exact. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

/** 62 -> "1 min 2 s". */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** An ISO time in the viewer's locale, or a dash when absent or unparsable. */
export function formatTime(iso?: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** The viewer's time zone, shown next to times: "Europe/Berlin (GMT+1)" or "UTC". */
export function timeZoneLabel(at: Date = new Date()): string {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  const offset = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' })
    .formatToParts(at)
    .find(p => p.type === 'timeZoneName')?.value;
  return offset && offset !== zone ? `${zone} (${offset})` : zone;
}

/**
 * Lag above this is shown as a warning. It is Patroni's default
 * maximum_lag_on_failover (1 MiB): a replica further behind is not promoted.
 */
export const LAG_WARNING_BYTES = 1024 * 1024;
