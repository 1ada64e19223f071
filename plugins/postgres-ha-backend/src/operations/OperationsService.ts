import type {
  AuditorService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import type {
  OperationResult,
  RestorePlan,
} from '@pgha/plugin-postgres-ha-common';
import type { Request } from 'express';
import type { PostgresHaConfig } from '../config/readConfig';
import type { ClusterSource, OperationOutcome } from '../status/ClusterSource';
import { isLeaderRole } from '../status/roles';
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
}

/**
 * Runs switchover, scale, backup and restore planning against a cluster and
 * records each in the audit log: who, what, when, and the result.
 */
export class OperationsService {
  readonly #hub: StatusHub;
  readonly #auditor: AuditorService;
  readonly #logger: LoggerService;
  readonly #config: PostgresHaConfig;

  static create(options: OperationsServiceOptions) {
    return new OperationsService(options);
  }

  private constructor(options: OperationsServiceOptions) {
    this.#hub = options.hub;
    this.#auditor = options.auditor;
    this.#logger = options.logger;
    this.#config = options.config;
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
    try {
      const outcome = await run();
      if (outcome.completion) {
        outcome.completion.then(
          () => {
            this.#logger.info(`${what} succeeded`);
            event.success({ meta: { result: 'succeeded' } });
            this.#hub.refreshNow(ctx.source);
          },
          (error: Error) => {
            this.#logger.warn(`${what} failed: ${error.message}`);
            event.fail({ error, meta: { result: 'failed' } });
          },
        );
      } else {
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
      };
    } catch (error) {
      this.#logger.warn(
        `${what} refused or failed: ${(error as Error).message}`,
      );
      await event.fail({ error: error as Error, meta: { result: 'failed' } });
      throw error;
    }
  }
}
