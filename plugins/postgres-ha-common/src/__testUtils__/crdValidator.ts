import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { readUpstream } from './upstream';

type Schema = Record<string, unknown>;

/**
 * Kubernetes prunes fields a structural schema does not declare, silently. To make such
 * fields visible in tests, every object schema that lists `properties` and neither keeps
 * unknown fields nor declares `additionalProperties` gets `additionalProperties: false`.
 */
export function forbidUndeclaredProperties(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forbidUndeclaredProperties);
  if (!schema || typeof schema !== 'object') return schema;
  const result: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    result[key] =
      key === 'enum' || key === 'required'
        ? value
        : forbidUndeclaredProperties(value);
  }
  if (
    result.properties &&
    result['x-kubernetes-preserve-unknown-fields'] !== true &&
    result.additionalProperties === undefined
  ) {
    result.additionalProperties = false;
  }
  return result;
}

/**
 * The CRD comes from the operator's Go module pinned in tools/consumers (v1.15.0): the Go
 * module proxy serves no v2 (its tags lack a /v2 module path). What the suite renders for
 * operator v2 differs from v1.15.0 in these fields, restated here by hand from the v2
 * release; everything else is the pinned CRD unchanged.
 */
export const OPERATOR_V2_DELTA = {
  versions: ['14', '15', '16', '17', '18'],
  added: {
    topologySpreadConstraints: {
      type: 'array',
      items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  },
  removed: [
    'init_containers',
    'pod_priority_class_name',
    'replicaLoadBalancer',
    'useLoadBalancer',
  ],
};

function withOperatorV2Delta(schema: any): Schema {
  const spec = schema.properties.spec.properties;
  for (const field of OPERATOR_V2_DELTA.removed) delete spec[field];
  Object.assign(spec, OPERATOR_V2_DELTA.added);
  spec.postgresql.properties.version.enum = OPERATOR_V2_DELTA.versions;
  // The API server checks metadata itself; the CRD schema need not declare it.
  schema.properties.metadata = { type: 'object' };
  return schema;
}

let compiled: ValidateFunction | undefined;

/** Ajv validator of the operator's `postgresql` CRD (openAPIV3Schema with the v2 delta, undeclared fields forbidden). */
export function postgresqlCrdValidator(): ValidateFunction {
  if (compiled) return compiled;
  const crd = parse(readUpstream('postgresql.crd.yaml'));
  const version = crd.spec.versions.find(
    (v: { name: string }) => v.name === 'v1',
  );
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  // OpenAPI integer formats the CRD uses; Ajv does not know them.
  ajv.addFormat('int32', {
    type: 'number',
    validate: n => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
  });
  ajv.addFormat('int64', {
    type: 'number',
    validate: n => Number.isInteger(n),
  });
  addFormats(ajv);
  compiled = ajv.compile(
    forbidUndeclaredProperties(
      withOperatorV2Delta(version.schema.openAPIV3Schema),
    ) as Schema,
  );
  return compiled;
}
