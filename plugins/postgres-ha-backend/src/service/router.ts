import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  postgresHaBackupPermission,
  postgresHaReadPermission,
  postgresHaRestorePermission,
  postgresHaScalePermission,
  postgresHaSwitchoverPermission,
} from '@pgha/plugin-postgres-ha-common';
import express, { ErrorRequestHandler, Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { UpstreamFailure } from '../errors';
import type {
  OperationContext,
  OperationsService,
} from '../operations/OperationsService';
import type { StatusHub } from '../status/StatusHub';
import type { ClusterLocator } from './ClusterLocator';
import { streamStatus } from './streamStatus';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  locator: ClusterLocator;
  hub: StatusHub;
  operations: OperationsService;
}

const entityParams = z.object({
  kind: z.string().min(1),
  namespace: z.string().min(1),
  name: z.string().min(1),
});
const switchoverBody = z
  .object({ candidate: z.string().min(1).optional() })
  .strict();
const scaleBody = z.object({ instances: z.number().int() }).strict();
const backupBody = z.object({}).strict();
const restoreBody = z
  .object({ targetTime: z.string().datetime({ offset: true }) })
  .strict();

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.join('.') || what;
    throw new InputError(`Invalid ${what}: ${field}: ${issue.message}`);
  }
  return result.data;
}

const BASE = '/entities/:kind/:namespace/:name';
const historyQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** Parses, authenticates, authorizes and delegates; no cluster logic lives here. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, catalog, locator, hub, operations } = options;
  const router = Router();
  router.use(express.json());

  /** The caller may use `permission` on the entity; resolves entity and cluster. */
  async function authorize(
    req: Request,
    permission: ResourcePermission<'catalog-entity'>,
  ): Promise<OperationContext> {
    const params = parse(entityParams, req.params, 'entity reference');
    const entityRef = stringifyEntityRef(params);
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: ${permission.name} on ${entityRef}`,
      );
    }
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(`Entity ${entityRef} not found in the catalog`);
    }
    const principal = credentials.principal as {
      userEntityRef?: string;
      subject?: string;
    };
    return {
      source: locator.locate(entity),
      entityRef,
      owner:
        typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined,
      actor: principal.userEntityRef ?? principal.subject ?? 'anonymous',
      request: req,
    };
  }

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Names only (no URLs or credentials), for the Create wizard's cluster picker.
  router.get('/kubernetes-clusters', async (req, res) => {
    await httpAuth.credentials(req);
    res.json({ items: locator.kubernetesClusterNames() });
  });

  router.get(`${BASE}/status`, async (req, res) => {
    const { source } = await authorize(req, postgresHaReadPermission);
    res.json(await hub.getStatus(source));
  });

  router.get(`${BASE}/events`, async (req, res) => {
    const { source } = await authorize(req, postgresHaReadPermission);
    streamStatus(req, res, listener => hub.subscribe(source, listener));
  });

  router.get(`${BASE}/operations`, async (req, res) => {
    const ctx = await authorize(req, postgresHaReadPermission);
    const { limit } = parse(historyQuery, req.query, 'history query');
    res.json({ operations: await operations.history(ctx, limit ?? 50) });
  });

  router.post(`${BASE}/switchover`, async (req, res) => {
    const ctx = await authorize(req, postgresHaSwitchoverPermission);
    const body = parse(switchoverBody, req.body, 'switchover request');
    res.json(await operations.switchover(ctx, body.candidate));
  });

  router.post(`${BASE}/scale`, async (req, res) => {
    const ctx = await authorize(req, postgresHaScalePermission);
    const body = parse(scaleBody, req.body, 'scale request');
    res.json(await operations.scale(ctx, body.instances));
  });

  router.post(`${BASE}/backup`, async (req, res) => {
    const ctx = await authorize(req, postgresHaBackupPermission);
    parse(backupBody, req.body, 'backup request');
    res.status(202).json(await operations.backup(ctx));
  });

  router.post(`${BASE}/restore`, async (req, res) => {
    const ctx = await authorize(req, postgresHaRestorePermission);
    const body = parse(restoreBody, req.body, 'restore request');
    res.json(await operations.restore(ctx, body.targetTime));
  });

  // The upstream failed, not this service: the standard handler answers 502/504 with its body.
  const upstreamErrors: ErrorRequestHandler = (error, _req, _res, next) =>
    next(error instanceof UpstreamFailure ? error.toHttpError() : error);
  router.use(upstreamErrors);

  return router;
}
