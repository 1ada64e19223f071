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

let compiled: ValidateFunction | undefined;

/** Ajv validator of the operator's `postgresql` CRD (openAPIV3Schema, undeclared fields forbidden). */
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
    forbidUndeclaredProperties(version.schema.openAPIV3Schema) as Schema,
  );
  return compiled;
}
