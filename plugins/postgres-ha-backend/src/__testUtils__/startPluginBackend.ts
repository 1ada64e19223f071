import type { Entity } from '@backstage/catalog-model';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import { postgresHaPlugin } from '../plugin';

/** A Resource entity that names a cluster through the suite's annotations. */
export function clusterEntity(
  name: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'database', owner: 'group:default/dba' },
  };
}

/** The entity of the Patroni cluster `lab`. */
export const labClusterEntity = clusterEntity('lab-postgres', {
  'postgres-ha/cluster-name': 'lab',
  'postgres-ha/source': 'patroni',
});

/** An audit event recorded by the mock auditor. */
export interface RecordedAudit {
  eventId: string;
  meta?: JsonObject;
  result?: 'success' | 'fail';
  error?: string;
}

/**
 * A real test backend with the plugin, an in-memory catalog, the given config
 * and permission result, and an auditor that records events.
 */
export async function startPluginBackend(options: {
  config: JsonObject;
  entities: Entity[];
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
}) {
  const audits: RecordedAudit[] = [];
  const auditor = mockServices.auditor.mock({
    createEvent: async ({ eventId, meta }) => {
      const audit: RecordedAudit = { eventId, meta };
      audits.push(audit);
      return {
        success: async () => {
          audit.result = 'success';
        },
        fail: async ({ error }) => {
          audit.result = 'fail';
          audit.error = error.message;
        },
      };
    },
  });
  const backend = await startTestBackend({
    features: [
      postgresHaPlugin,
      mockServices.rootConfig.factory({ data: options.config }),
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.permissions.factory({
        result: options.permission ?? AuthorizeResult.ALLOW,
      }),
      auditor.factory,
    ],
  });
  return Object.assign(backend, { audits });
}

export const entityPath = (name: string) =>
  `/api/postgres-ha/entities/resource/default/${name}`;
