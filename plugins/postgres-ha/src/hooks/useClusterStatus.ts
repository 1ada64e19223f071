import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { ClusterStatus } from '@pgha/plugin-postgres-ha-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { postgresHaApiRef } from '../api/PostgresHaClient';

export interface ClusterStatusState {
  status?: ClusterStatus;
  /** The last failure to read the status; cleared by the next success. */
  error?: Error;
  loading: boolean;
  /** When the browser last received a snapshot. */
  lastUpdated?: Date;
  /** `live` while the event stream delivers, `polling` after it failed. */
  mode: 'live' | 'polling';
  refresh: () => Promise<void>;
}

export interface ClusterStatusOptions {
  pollIntervalMs?: number;
  /** How long to poll before trying the event stream again. */
  streamRetryMs?: number;
}

/** Longest pause between reads of a cluster the backend does not know (404). */
const MAX_NOT_FOUND_PAUSE_MS = 60_000;

const isNotFound = (error: unknown) =>
  (error as { statusCode?: number })?.statusCode === 404;

/** The backend's default refresh interval, for snapshots that do not say theirs. */
export const DEFAULT_INTERVAL_SECONDS = 5;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>(resolve => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * The entity's live cluster status: one read, then the backend's event stream;
 * polling while the stream is unavailable (proxies that buffer, older backends).
 */
export function useClusterStatus(
  entity: CompoundEntityRef,
  options: ClusterStatusOptions = {},
): ClusterStatusState {
  const { pollIntervalMs = 5_000, streamRetryMs = 60_000 } = options;
  const api = useApi(postgresHaApiRef);
  const [state, setState] = useState<Omit<ClusterStatusState, 'refresh'>>({
    loading: true,
    mode: 'live',
  });
  const { kind, namespace, name } = entity;
  const ref = useRef({ kind, namespace, name });
  ref.current = { kind, namespace, name };

  const received = useCallback((status: ClusterStatus, mode?: 'live') => {
    setState(s => ({
      status,
      loading: false,
      lastUpdated: new Date(),
      mode: mode ?? s.mode,
    }));
  }, []);

  // Reads in a row that found no cluster: each doubles the pause (a new cluster may take long).
  const notFound = useRef(0);
  const refresh = useCallback(async () => {
    try {
      received(await api.getStatus(ref.current));
      notFound.current = 0;
    } catch (error) {
      notFound.current = isNotFound(error) ? notFound.current + 1 : 0;
      setState(s => ({ ...s, loading: false, error: error as Error }));
    }
  }, [api, received]);

  // The stream sends only changes: when it has been quiet for 1.5 refresh intervals,
  // one read confirms the snapshot is still current (or shows the backend is not).
  const lastUpdated = state.lastUpdated;
  const intervalMs =
    (state.status?.refreshIntervalSeconds ?? DEFAULT_INTERVAL_SECONDS) * 1000;
  useEffect(() => {
    if (state.mode !== 'live' || !lastUpdated) return undefined;
    const timer = setTimeout(
      refresh,
      Math.max(lastUpdated.getTime() + 1.5 * intervalMs - Date.now(), 0),
    );
    return () => clearTimeout(timer);
  }, [state.mode, lastUpdated, intervalMs, refresh]);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    refresh();
    (async () => {
      while (!signal.aborted) {
        try {
          await api.streamStatus(ref.current, {
            onStatus: status => received(status, 'live'),
            signal,
          });
        } catch {
          // fall through to polling
        }
        if (signal.aborted) return;
        setState(s => ({ ...s, mode: 'polling' }));
        const retryAt = Date.now() + streamRetryMs;
        while (!signal.aborted && Date.now() < retryAt) {
          const pause =
            notFound.current > 0
              ? Math.min(
                  pollIntervalMs * 2 ** notFound.current,
                  MAX_NOT_FOUND_PAUSE_MS,
                )
              : pollIntervalMs;
          await sleep(pause, signal);
          if (!signal.aborted) await refresh();
        }
      }
    })();
    return () => controller.abort();
  }, [
    api,
    refresh,
    received,
    kind,
    namespace,
    name,
    pollIntervalMs,
    streamRetryMs,
  ]);

  return { ...state, refresh };
}
