import type { BaseBackup } from '@pgha/plugin-postgres-ha-common';

/**
 * The parts of WAL-G's `<name>_backup_stop_sentinel.json` (BackupSentinelDto,
 * and V2's StartTime/FinishTime) and of `<name>/metadata.json`
 * (ExtendedMetadataDto: start_time/finish_time) that the status shows.
 */
export interface WalgSentinel {
  LSN?: number;
  FinishLSN?: number;
  Timeline?: number;
  DeltaFrom?: string;
  CompressedSize?: number;
  StartTime?: string;
  FinishTime?: string;
  start_time?: string;
  finish_time?: string;
}

export const SENTINEL_SUFFIX = '_backup_stop_sentinel.json';

/** Bytes per WAL segment (PostgreSQL's default, which Spilo keeps). */
const SEGMENT_BYTES = 16 * 1024 * 1024;

const hex8 = (n: number) => n.toString(16).toUpperCase().padStart(8, '0');

/** Name of the WAL segment holding `lsn` on `timeline`. */
export function walSegmentName(timeline: number, lsn: number): string {
  const high = Math.floor(lsn / 2 ** 32);
  const low = lsn % 2 ** 32;
  return hex8(timeline) + hex8(high) + hex8(Math.floor(low / SEGMENT_BYTES));
}

/** The WAL segment a backup starts in, from its name `base_<segment>[_D_<segment>]`. */
export const startSegment = (backupName: string) =>
  /^base_([0-9A-F]{24})/.exec(backupName)?.[1];

const validTime = (value?: string) =>
  value && !Number.isNaN(Date.parse(value))
    ? new Date(value).toISOString()
    : undefined;

/**
 * A base backup from its sentinel; times fall back to metadata.json and then
 * to the sentinel's upload time (older WAL-G versions write no times into it).
 */
export function toBaseBackup(
  name: string,
  sentinel: WalgSentinel,
  metadata: WalgSentinel | undefined,
  uploadedAt: Date | undefined,
): BaseBackup {
  const fallback = uploadedAt?.toISOString() ?? '';
  const finishedAt =
    validTime(sentinel.FinishTime) ??
    validTime(metadata?.finish_time) ??
    fallback;
  return {
    label: name,
    type: sentinel.DeltaFrom ? 'delta' : 'full',
    startedAt:
      validTime(sentinel.StartTime) ??
      validTime(metadata?.start_time) ??
      finishedAt,
    finishedAt,
    sizeBytes: sentinel.CompressedSize,
    walStart: startSegment(name),
    walStop:
      sentinel.Timeline !== undefined && sentinel.FinishLSN !== undefined
        ? walSegmentName(sentinel.Timeline, sentinel.FinishLSN)
        : undefined,
  };
}

/** Whether a sentinel carries its own times (V2), so metadata.json need not be read. */
export const hasTimes = (s: WalgSentinel) => Boolean(s.FinishTime);
