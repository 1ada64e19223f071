import { UpstreamFailure } from '../errors';
import type { PatroniClusterConfig } from '../config/readConfig';
import type { PatroniHistoryEntry } from '../status/history';
import type { ReplicationSettings } from '../status/roles';

/** One member as listed by Patroni's `GET /cluster`. */
export interface PatroniMember {
  name: string;
  role: string;
  state: string;
  api_url?: string;
  host?: string;
  port?: number;
  timeline?: number;
  lag?: number | string;
  pending_restart?: boolean;
}

/** `GET /patroni` of the leader: its view of pg_stat_replication. */
export interface PatroniNodeStatus {
  state?: string;
  role?: string;
  timeline?: number;
  server_version?: number;
  postmaster_start_time?: string;
  database_system_identifier?: string;
  xlog?: { location?: number };
  patroni?: { version?: string; scope?: string };
  /** Epoch seconds of the member's last successful DCS contact. */
  dcs_last_seen?: number;
  replication?: {
    application_name: string;
    state: string;
    sync_state: string;
    sync_priority?: number;
  }[];
}

/** Printable form of a configured URL: origin only, never user info. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '<invalid URL>';
  }
}

/**
 * Talks to the Patroni REST API of one configured cluster. Only the configured
 * URLs are ever contacted, never an address an upstream answer names.
 */
export class PatroniClient {
  readonly #cluster: PatroniClusterConfig;
  readonly #timeoutMs: number;

  static create(options: { cluster: PatroniClusterConfig; timeoutMs: number }) {
    return new PatroniClient(options.cluster, options.timeoutMs);
  }

  private constructor(cluster: PatroniClusterConfig, timeoutMs: number) {
    this.#cluster = cluster;
    this.#timeoutMs = timeoutMs;
  }

  get urls(): readonly string[] {
    return this.#cluster.urls;
  }

  async cluster(): Promise<{ members: PatroniMember[]; baseUrl: string }> {
    const { body, baseUrl } = await this.#getFromAny('/cluster').catch(
      async (error: UpstreamFailure) => {
        throw (await this.#dcsFailure(error)) ?? error;
      },
    );
    const members = (body as { members?: unknown })?.members;
    if (!Array.isArray(members)) {
      throw new UpstreamFailure(
        'MalformedResponse',
        `Patroni ${safeUrl(baseUrl)}/cluster answered without a members list`,
      );
    }
    return { members: members as PatroniMember[], baseUrl };
  }

  async history(baseUrl: string): Promise<PatroniHistoryEntry[]> {
    const body = await this.#request(baseUrl, 'GET', '/history');
    return Array.isArray(body) ? (body as PatroniHistoryEntry[]) : [];
  }

  async dynamicConfig(baseUrl: string): Promise<ReplicationSettings> {
    return ((await this.#request(baseUrl, 'GET', '/config')) ??
      {}) as ReplicationSettings;
  }

  /** `GET /patroni` of a member, only if its API URL is one we were configured with. */
  async memberStatus(
    apiUrl: string | undefined,
    timeoutMs = this.#timeoutMs,
  ): Promise<PatroniNodeStatus | undefined> {
    const base = this.configuredUrlFor(apiUrl);
    if (!base) {
      return undefined;
    }
    return (await this.#request(
      base,
      'GET',
      '/patroni',
      undefined,
      timeoutMs,
    )) as PatroniNodeStatus;
  }

  /** Whether a configured URL names this host (members' PostgreSQL is only probed there). */
  trustsHost(host: string): boolean {
    return this.#cluster.urls.some(u => {
      try {
        return new URL(u).hostname === host;
      } catch {
        return false;
      }
    });
  }

  /** The configured URL with the same origin as `apiUrl`, if any. */
  configuredUrlFor(apiUrl: string | undefined): string | undefined {
    if (!apiUrl) {
      return undefined;
    }
    const origin = safeUrl(apiUrl);
    return this.#cluster.urls.find(u => safeUrl(u) === origin);
  }

  /** Asks Patroni for a switchover; resolves with Patroni's message. */
  async switchover(leader: string, candidate?: string): Promise<string> {
    const body = { leader, ...(candidate ? { candidate } : {}) };
    let lastError: unknown;
    for (const url of this.#cluster.urls) {
      try {
        const answer = await this.#request(
          url,
          'POST',
          '/switchover',
          body,
          60_000,
        );
        return typeof answer === 'string' ? answer : JSON.stringify(answer);
      } catch (error) {
        if ((error as UpstreamFailure).type !== 'PatroniUnreachable') {
          throw error;
        }
        lastError = error;
      }
    }
    throw lastError;
  }

  /**
   * `GET /cluster` reads the DCS, `GET /patroni` does not: when no member can list
   * the cluster but one still answers for itself, Patroni runs and its DCS does not.
   */
  async #dcsFailure(
    error: UpstreamFailure,
  ): Promise<UpstreamFailure | undefined> {
    if (error.type !== 'PatroniUnreachable' && error.type !== 'Timeout') {
      return undefined;
    }
    const answers = await Promise.all(
      this.#cluster.urls.map(url =>
        this.#request(url, 'GET', '/patroni').then(
          body => ({ url, body: body as PatroniNodeStatus }),
          () => undefined,
        ),
      ),
    );
    const alive = answers.find(a => a !== undefined);
    if (!alive) {
      return undefined;
    }
    const lastSeen = alive.body.dcs_last_seen;
    const seen = lastSeen
      ? `; it last reached the DCS ${Math.round(
          Date.now() / 1000 - lastSeen,
        )} s ago`
      : '';
    return new UpstreamFailure(
      'DcsUnavailable',
      `Patroni of cluster '${this.#cluster.name}' runs (${safeUrl(
        alive.url,
      )}/patroni answers) but cannot read its DCS${seen}: check etcd (or the DCS in patroni.yml) is up and reachable from the members; without it Patroni demotes the leader after ttl`,
      error,
    );
  }

  async #getFromAny(path: string): Promise<{ body: unknown; baseUrl: string }> {
    const failures: string[] = [];
    let lastError: UpstreamFailure | undefined;
    for (const baseUrl of this.#cluster.urls) {
      try {
        return { body: await this.#request(baseUrl, 'GET', path), baseUrl };
      } catch (error) {
        if (!(error instanceof UpstreamFailure)) {
          throw error;
        }
        lastError = error;
        failures.push(error.message);
      }
    }
    if (
      lastError &&
      lastError.type !== 'PatroniUnreachable' &&
      lastError.type !== 'Timeout'
    ) {
      throw lastError;
    }
    throw new UpstreamFailure(
      lastError?.type ?? 'PatroniUnreachable',
      `No Patroni member of cluster '${
        this.#cluster.name
      }' answered: ${failures.join('; ')}`,
    );
  }

  async #request(
    baseUrl: string,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    timeoutMs = this.#timeoutMs,
  ): Promise<unknown> {
    const where = `Patroni ${safeUrl(baseUrl)}${path}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    if (this.#cluster.username) {
      headers.authorization = `Basic ${Buffer.from(
        `${this.#cluster.username}:${this.#cluster.password ?? ''}`,
      ).toString('base64')}`;
    }
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new UpstreamFailure(
          'Timeout',
          `${where} did not answer within ${timeoutMs} ms`,
        );
      }
      throw new UpstreamFailure(
        'PatroniUnreachable',
        `${where} is unreachable (is Patroni running?)`,
      );
    }
    const text = await response.text();
    if (response.status === 401 || response.status === 403) {
      throw new UpstreamFailure(
        'PatroniUnauthorized',
        `${where} refused the credentials (HTTP ${
          response.status
        }); check postgresHa.patroni.clusters[${
          this.#cluster.name
        }].username/password`,
      );
    }
    if (!response.ok) {
      const detail = text.slice(0, 200).trim();
      const dcsDown = /DCS|etcd|consul|zookeeper/i.test(detail);
      throw new UpstreamFailure(
        dcsDown ? 'DcsUnavailable' : 'PatroniError',
        `${where} answered HTTP ${response.status}${
          detail ? `: ${detail}` : ''
        }`,
      );
    }
    try {
      return JSON.parse(text);
    } catch {
      if (method === 'POST') {
        return text.trim();
      }
      throw new UpstreamFailure(
        'MalformedResponse',
        `${where} answered with invalid JSON`,
      );
    }
  }
}
