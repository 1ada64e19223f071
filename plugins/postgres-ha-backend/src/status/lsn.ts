/** PostgreSQL's `X/Y` notation of a WAL position given as a byte offset. */
export function formatLsn(position: number): string {
  const big = BigInt(position);
  return `${(big >> 32n).toString(16).toUpperCase()}/${(big & 0xffffffffn)
    .toString(16)
    .toUpperCase()}`;
}

/** The 16 MiB WAL segment file holding a position on a timeline: `000000020000000000000005`. */
export function walFileName(timeline: number, position: number): string {
  const hex = (n: bigint) => n.toString(16).toUpperCase().padStart(8, '0');
  const big = BigInt(position);
  return `${hex(BigInt(timeline))}${hex(big >> 32n)}${hex(
    (big & 0xffffffffn) >> 24n,
  )}`;
}

/** Byte offset of an `X/Y` WAL position. */
export function parseLsn(lsn: string): number | undefined {
  const match = /^([0-9A-Fa-f]+)\/([0-9A-Fa-f]+)$/.exec(lsn);
  return match
    ? parseInt(match[1], 16) * 2 ** 32 + parseInt(match[2], 16)
    : undefined;
}
