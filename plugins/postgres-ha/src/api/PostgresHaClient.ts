import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ClusterStatus,
  OperationHistory,
  OperationResult,
  RestorePlan,
} from '@pgha/plugin-postgres-ha-common';
import { SseFrameParser } from './sseFrames';

/** Live status and guarded operations of the entity's PostgreSQL HA cluster. */
export interface PostgresHaApi {
  getStatus(entity: CompoundEntityRef): Promise<ClusterStatus>;
  /**
   * Streams `status` events until `signal` aborts (resolves) or the stream
   * fails or ends (rejects), so the caller can fall back to polling.
   */
  streamStatus(
    entity: CompoundEntityRef,
    options: { onStatus: (status: ClusterStatus) => void; signal: AbortSignal },
  ): Promise<void>;
  switchover(
    entity: CompoundEntityRef,
    candidate?: string,
  ): Promise<OperationResult>;
  scale(entity: CompoundEntityRef, instances: number): Promise<OperationResult>;
  backup(entity: CompoundEntityRef): Promise<OperationResult>;
  restore(entity: CompoundEntityRef, targetTime: string): Promise<RestorePlan>;
  /** The cluster's recorded operations, newest first (at most `limit`, default 50). */
  getOperations(
    entity: CompoundEntityRef,
    limit?: number,
  ): Promise<OperationHistory>;
}

export const postgresHaApiRef = createApiRef<PostgresHaApi>({
  id: 'plugin.postgres-ha.service',
});

type Operation = 'switchover' | 'scale' | 'backup' | 'restore';

/** Talks to the postgres-ha backend plugin through the Backstage fetch API. */
export class PostgresHaClient implements PostgresHaApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async getStatus(entity: CompoundEntityRef): Promise<ClusterStatus> {
    const response = await this.#fetchApi.fetch(
      await this.#url(entity, 'status'),
    );
    return this.#json(response);
  }

  async streamStatus(
    entity: CompoundEntityRef,
    options: { onStatus: (status: ClusterStatus) => void; signal: AbortSignal },
  ): Promise<void> {
    const { onStatus, signal } = options;
    // fetch instead of EventSource: EventSource cannot send the Backstage token.
    const response = await this.#fetchApi.fetch(
      await this.#url(entity, 'events'),
      {
        headers: { Accept: 'text/event-stream' },
        signal,
      },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    if (!response.body) throw new Error('The status stream has no body');
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseFrameParser();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const frame of parser.push(
          decoder.decode(value, { stream: true }),
        )) {
          if (frame.event === 'status') onStatus(JSON.parse(frame.data));
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      throw error;
    }
    if (!signal.aborted) throw new Error('The status stream ended');
  }

  switchover(entity: CompoundEntityRef, candidate?: string) {
    return this.#post<OperationResult>(
      entity,
      'switchover',
      candidate ? { candidate } : {},
    );
  }

  scale(entity: CompoundEntityRef, instances: number) {
    return this.#post<OperationResult>(entity, 'scale', { instances });
  }

  backup(entity: CompoundEntityRef) {
    return this.#post<OperationResult>(entity, 'backup', {});
  }

  restore(entity: CompoundEntityRef, targetTime: string) {
    return this.#post<RestorePlan>(entity, 'restore', { targetTime });
  }

  async getOperations(
    entity: CompoundEntityRef,
    limit?: number,
  ): Promise<OperationHistory> {
    const query = limit === undefined ? '' : `?limit=${limit}`;
    const response = await this.#fetchApi.fetch(
      `${await this.#url(entity, 'operations')}${query}`,
    );
    return this.#json(response);
  }

  async #post<T>(
    entity: CompoundEntityRef,
    operation: Operation,
    body: object,
  ): Promise<T> {
    const response = await this.#fetchApi.fetch(
      await this.#url(entity, operation),
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      },
    );
    return this.#json(response);
  }

  async #url(entity: CompoundEntityRef, route: string): Promise<string> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('postgres-ha');
    const segments = [entity.kind, entity.namespace, entity.name, route].map(
      encodeURIComponent,
    );
    return `${baseUrl}/entities/${segments.join('/')}`;
  }

  async #json<T>(response: Response): Promise<T> {
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
