import type {
  AuditorService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import type {
  OperationRecord,
  OperationResult,
  RestorePlan,
} from '@pgha/plugin-postgres-ha-common';
import type { Request } from 'express';
import type { PostgresHaConfig } from '../config/readConfig';
import type { ClusterSource, OperationOutcome } from '../status/ClusterSource';
import { isLeaderRole } from '../status/roles';
import type {
  OperationEnd,
  OperationHistoryStore,
  RunningOperation,
} from './OperationHistoryStore';
import { restorePlan } from './restorePlan';
import type { StatusHub } from '../status/StatusHub';

type Operation = OperationResult['operation'];

/** Who asks for what on which cluster; `request` carries the caller for the audit log. */
export interface OperationContext {
  source: ClusterSource;
  entityRef: string;
  /** The entity's owner, prefilled as the restored cluster's owner. */
  owner?: string;
  actor: string;
  request: Request;
}

interface OperationsServiceOptions {
  hub: StatusHub;
  auditor: AuditorService;
  logger: LoggerService;
  config: PostgresHaConfig;
  history: OperationHistoryStore;
}

/**
 * Runs switchover, scale, backup and restore planning against a cluster and
 * records each in the audit log and the operations history: who, what, when,
 * and the result. Switchover, scale and backup hold the cluster's lock.
 */
export class OperationsService {
  readonly #hub: StatusHub;
  readonly #auditor: AuditorService;
  readonly #logger: LoggerService;
  readonly #config: PostgresHaConfig;
  readonly #history: OperationHistoryStore;

  static create(options: OperationsServiceOptions) {
    return new OperationsService(options);
  }

  private constructor(options: OperationsServiceOptions) {
    this.#hub = options.hub;
    this.#auditor = options.auditor;
    this.#logger = options.logger;
    this.#config = options.config;
    this.#history = options.history;
  }

  /** The cluster's recorded operations, newest first. */
  history(ctx: OperationContext, limit: number): Promise<OperationRecord[]> {
    return this.#history.list(ctx.source.key, limit);
  }

  switchover(
    ctx: OperationContext,
    candidate?: string,
  ): Promise<OperationResult> {
    return this.#audited(
      ctx,
      'switchover',
      { candidate: candidate ?? null },
      async () => {
        const status = await this.#hub.refreshNow(ctx.source);
        const leader = status.members.find(m => isLeaderRole(m.role));
        if (!leader) {
          throw new ConflictError(
            `Cluster ${status.cluster.name} has no leader to switch over from${
              status.error ? `: ${status.error.message}` : ''
            }`,
          );
        }
        if (candidate !== undefined) {
          const member = status.members.find(m => m.name === candidate);
          if (!member) {
            throw new InputError(
              `candidate: '${candidate}' is not a member of ${
                status.cluster.name
              } (members: ${status.members.map(m => m.name).join(', ')})`,
            );
          }
          if (member.name === leader.name) {
            throw new InputError(
              `candidate: '${candidate}' is already the leader`,
            );
          }
        }
        // The leader change that follows is this switchover, by this caller.
        this.#hub.noteSwitchover(ctx.source, ctx.actor);
        return ctx.source.switchover(leader.name, candidate);
      },
    );
  }

  scale(ctx: OperationContext, instances: number): Promise<OperationResult> {
    return this.#audited(ctx, 'scale', { instances }, async () => {
      const { minInstances, maxInstances } = this.#config.scale;
      if (instances < minInstances || instances > maxInstances) {
        throw new InputError(
          `instances: ${instances} is outside the allowed range ${minInstances}..${maxInstances} (postgresHa.scale)`,
        );
      }
      return ctx.source.scale(instances);
    });
  }

  backup(ctx: OperationContext): Promise<OperationResult> {
    return this.#audited(ctx, 'backup', {}, () => ctx.source.backup());
  }

  /** Checks the target time against the recoverable window and prefills the restore template. */
  async restore(
    ctx: OperationContext,
    targetTime: string,
  ): Promise<RestorePlan> {
    let plan: RestorePlan | undefined;
    await this.#audited(ctx, 'restore', { targetTime }, async () => {
      plan = restorePlan({
        status: await this.#hub.getStatus(ctx.source),
        entityRef: ctx.entityRef,
        owner: ctx.owner,
        targetTime,
        templateRef: this.#config.restoreTemplateRef,
      });
      return {
        status: 'succeeded',
        message: `Restore plan for ${targetTime} prepared`,
      };
    });
    return plan!;
  }

  async #audited(
    ctx: OperationContext,
    operation: Operation,
    meta: Record<string, string | number | null>,
    run: () => Promise<OperationOutcome>,
  ): Promise<OperationResult> {
    const requestedAt = new Date().toISOString();
    const event = await this.#auditor.createEvent({
      eventId: `cluster-${operation}`,
      severityLevel: operation === 'restore' ? 'low' : 'medium',
      request: ctx.request,
      meta: { entityRef: ctx.entityRef, cluster: ctx.source.key, ...meta },
    });
    const what = `${operation} of ${ctx.source.key} by ${ctx.actor}`;
    let running: RunningOperation | undefined;
    try {
      running = await this.#history.begin(
        {
          operation,
          cluster: ctx.source.key,
          entityRef: ctx.entityRef,
          actor: ctx.actor,
          parameters: meta,
        },
        // Restore only plans: it changes nothing, so it waits for nothing.
        { exclusive: operation !== 'restore' },
      );
      const started = running;
      const outcome = await run();
      if (outcome.completion) {
        outcome.completion.then(
          () => {
            this.#logger.info(`${what} succeeded`);
            event.success({ meta: { result: 'succeeded' } });
            this.#finish(started, 'succeeded', outcome.message);
            this.#hub.refreshNow(ctx.source);
          },
          (error: Error) => {
            this.#logger.warn(`${what} failed: ${error.message}`);
            event.fail({ error, meta: { result: 'failed' } });
            this.#finish(started, 'failed', error.message);
          },
        );
      } else {
        await this.#finish(started, 'succeeded', outcome.message);
        await event.success({ meta: { result: outcome.status } });
        this.#logger.info(`${what}: ${outcome.status}`);
        if (operation !== 'restore') {
          this.#hub.refreshNow(ctx.source).catch(() => undefined);
        }
      }
      return {
        operation,
        status: outcome.status,
        message: outcome.message,
        requestedAt,
        operationId: running.id,
      };
    } catch (error) {
      this.#logger.warn(
        `${what} refused or failed: ${(error as Error).message}`,
      );
      if (running) {
        await this.#finish(running, 'failed', (error as Error).message);
      }
      await event.fail({ error: error as Error, meta: { result: 'failed' } });
      throw error;
    }
  }

  /** Records the end; a database failure is logged, never the caller's error. */
  async #finish(
    running: RunningOperation,
    status: OperationEnd['status'],
    message: string,
  ) {
    await running
      .finish({ status, message })
      .catch((error: Error) =>
        this.#logger.error(
          `Could not record the end of operation ${running.id}: ${error.message}`,
        ),
      );
  }
}
