import { ALLOWED_PARAMETERS, SUPPORTED_PG_VERSIONS } from '../../settings';
import {
  CPU_QUANTITY,
  MEMORY_QUANTITY,
  OPERATOR_SCHEDULE,
} from '../../settings/names';
import type { HelmValues } from './values';

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

/** values.schema.json: Helm checks every install, upgrade, lint and template against it. */
export function buildValuesSchema(values: HelmValues) {
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
          ...count(1, 15),
          description: 'Number of PostgreSQL pods (1 primary + replicas).',
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
          replica: { type: 'boolean' },
          mode: { enum: ['session', 'transaction'] },
          instances: count(1, 10),
          maxDBConnections: count(1, 10000),
        }),
        backup: closed({
          physical: closed({
            schedule: { type: 'string', pattern: '^\\S+(\\s+\\S+){4}$' },
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
