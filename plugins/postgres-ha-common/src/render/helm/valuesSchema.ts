import { ALLOWED_PARAMETERS, SUPPORTED_PG_VERSIONS } from '../../settings';
import {
  CPU_QUANTITY,
  MEMORY_QUANTITY,
  OPERATOR_SCHEDULE,
} from '../../settings/names';
import type { ClusterSettings } from '../../settings';
import { CLUSTER_NAME_MAX_WITH_REPLICA_POOLER } from '../../settings/names';
import type { HelmValues } from './values';
import { VIXIE_CRON_PATTERN } from './cronPattern';

/** Numbers are accepted too: `--set resources.limits.cpu=2` gives one; templates quote them. */
const quantity = (pattern: RegExp) => ({
  type: ['string', 'number'],
  pattern: pattern.source,
});
const resources = {
  type: 'object',
  additionalProperties: false,
  required: ['cpu', 'memory'],
  properties: {
    cpu: quantity(CPU_QUANTITY),
    memory: quantity(MEMORY_QUANTITY),
  },
};
const count = (minimum: number, maximum: number) => ({
  type: 'integer',
  minimum,
  maximum,
});
const closed = (
  properties: Record<string, unknown>,
  required: string[] = [],
) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});

/** Fewest instances the chart's fixed replication mode works with (settings/rules.ts). */
function minInstances(s: ClusterSettings): number {
  const t = s.topology;
  if (t.replication === 'synchronous-strict')
    return Math.max(2, t.synchronousNodeCount + 1);
  return t.replication === 'synchronous' ? 2 : 1;
}

/** A replica pooler needs `<name>-pooler-repl` to fit a service name. */
const replicaPooler = (s: ClusterSettings) =>
  s.cluster.name.length > CLUSTER_NAME_MAX_WITH_REPLICA_POOLER
    ? {
        const: false,
        description: `The cluster name is longer than ${CLUSTER_NAME_MAX_WITH_REPLICA_POOLER} characters: <name>-pooler-repl would not be a valid service name.`,
      }
    : { type: 'boolean' };

/**
 * values.schema.json: Helm checks every install, upgrade, lint and template against it.
 * Cross-field rules whose other side is fixed by the settings become bounds here; rules
 * between two values are `fail` guards in templates/_helpers.tpl.
 */
export function buildValuesSchema(values: HelmValues, s: ClusterSettings) {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `Values of the ${values.cluster.name} PostgreSQL cluster chart`,
    ...closed(
      {
        cluster: {
          type: 'object',
          description:
            'Identity of the cluster; informational, shown in NOTES.',
        },
        instances: {
          ...count(minInstances(s), 15),
          description: `Number of PostgreSQL pods (1 primary + replicas); at least ${minInstances(
            s,
          )} with ${s.topology.replication} replication.`,
        },
        postgresql: closed(
          {
            version: { enum: [...SUPPORTED_PG_VERSIONS] },
            parameters: {
              type: 'object',
              // Derived parameters (archive_timeout for PITR) stay overridable.
              propertyNames: {
                enum: [
                  ...new Set([
                    ...Object.keys(ALLOWED_PARAMETERS),
                    ...Object.keys(values.postgresql.parameters),
                  ]),
                ],
              },
              additionalProperties: { type: ['string', 'number', 'boolean'] },
            },
          },
          ['version'],
        ),
        resources: closed({ requests: resources, limits: resources }, [
          'requests',
          'limits',
        ]),
        storage: closed(
          {
            size: quantity(MEMORY_QUANTITY),
            storageClass: {
              type: 'string',
              pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$',
            },
          },
          ['size'],
        ),
        pooler: closed({
          primary: { type: 'boolean' },
          replica: replicaPooler(s),
          mode: { enum: ['session', 'transaction'] },
          instances: count(1, 10),
          maxDBConnections: count(1, 10000),
        }),
        backup: closed({
          physical: closed({
            schedule: { type: 'string', pattern: VIXIE_CRON_PATTERN },
            retention: count(1, 365),
          }),
          logical: closed({
            schedule: { type: 'string', pattern: OPERATOR_SCHEDULE.source },
            retention: {
              type: 'string',
              pattern:
                '^[1-9][0-9]{0,3} (day|days|week|weeks|month|months|year|years)$',
            },
          }),
        }),
        images: closed({
          exporter: { type: 'string', minLength: 1 },
          pgAdmin: { type: 'string', minLength: 1 },
        }),
      },
      ['cluster', 'instances', 'postgresql', 'resources', 'storage', 'pooler'],
    ),
  };
}
