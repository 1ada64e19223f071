import type { ClusterStatus } from '@pgha/plugin-postgres-ha-common';

/** What Patroni's own `/cluster` lists, asked of any member that answers. */
async function patroniLeader(urls: string[]): Promise<string | undefined> {
  for (const url of urls) {
    try {
      const response = await fetch(`${url}/cluster`, {
        signal: AbortSignal.timeout(1_000),
      });
      const body = (await response.json()) as {
        members: { name: string; role: string; state: string }[];
      };
      return body.members.find(
        m => ['leader', 'master'].includes(m.role) && m.state === 'running',
      )?.name;
    } catch {
      // a dead member: ask the next one
    }
  }
  return undefined;
}

const runningLeader = (s: ClusterStatus) =>
  s.members.find(m => m.role === 'leader' && m.state === 'running')?.name;

/** Milliseconds after the kill, per event; undefined when not seen in time. */
export interface FailoverTimings {
  /** The backend says Down because the old leader is unreachable. */
  backendDownMs?: number;
  /** Patroni's `/cluster` lists another running leader. */
  patroniNewLeaderMs?: number;
  /** The backend's status names that new leader, running. */
  backendNewLeaderMs?: number;
  newLeader?: string;
  /** Backend snapshots after the kill, in order (for assertions on what was shown). */
  snapshots: { atMs: number; status: ClusterStatus }[];
}

/**
 * Polls Patroni's `/cluster` (the ground truth) and the backend's status side by
 * side every `everyMs` after the leader `oldLeader` was killed at `killedAt`, until
 * both show a new leader or `timeoutMs` passes.
 */
export async function watchFailover(options: {
  patroniUrls: string[];
  status: () => Promise<ClusterStatus>;
  oldLeader: string;
  killedAt: number;
  timeoutMs: number;
  everyMs?: number;
}): Promise<FailoverTimings> {
  const { patroniUrls, status, oldLeader, killedAt, timeoutMs } = options;
  const timings: FailoverTimings = { snapshots: [] };
  const since = () => Date.now() - killedAt;
  while (since() < timeoutMs && timings.backendNewLeaderMs === undefined) {
    const [patroni, backend] = await Promise.all([
      timings.patroniNewLeaderMs === undefined
        ? patroniLeader(patroniUrls)
        : undefined,
      status(),
    ]);
    const at = since();
    timings.snapshots.push({ atMs: at, status: backend });
    if (patroni && patroni !== oldLeader) {
      timings.patroniNewLeaderMs ??= at;
      timings.newLeader ??= patroni;
    }
    if (
      timings.backendDownMs === undefined &&
      backend.health.state === 'Down' &&
      backend.health.reasons[0]?.startsWith(`Leader ${oldLeader} unreachable`)
    ) {
      timings.backendDownMs = at;
    }
    const leader = runningLeader(backend);
    if (leader && leader !== oldLeader) {
      timings.backendNewLeaderMs = at;
      timings.newLeader ??= leader;
    }
    await new Promise(r => setTimeout(r, options.everyMs ?? 100));
  }
  return timings;
}
