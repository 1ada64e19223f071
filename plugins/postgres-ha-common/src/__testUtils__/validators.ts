import { postgresqlCrdValidator } from './crdValidator';
import { hasModel, validateWithModel } from './modelValidator';

/** Test support: validates rendered Kubernetes objects the way the API server would see them. */

const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

interface AnyObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; labels?: Record<string, string> };
}

/** Object names and labels as the API server checks them (schemas do not). */
export function validateMetadata(object: AnyObject): string[] {
  const errors: string[] = [];
  const name = object.metadata?.name ?? '';
  if (!DNS_SUBDOMAIN.test(name) || name.length > 253)
    errors.push(`/metadata/name "${name}" is not a DNS-1123 subdomain`);
  for (const [key, value] of Object.entries(object.metadata?.labels ?? {})) {
    if (!LABEL_KEY.test(key))
      errors.push(`/metadata/labels key "${key}" is invalid`);
    if (!LABEL_VALUE.test(value))
      errors.push(`/metadata/labels/${key} value "${value}" is invalid`);
  }
  return errors;
}

/** The `postgresql` object against the operator's CRD; undeclared fields are errors. */
export function validatePostgresqlObject(object: unknown): string[] {
  const validate = postgresqlCrdValidator();
  if (validate(object)) return [];
  return (validate.errors ?? []).map(
    e =>
      `${e.instancePath || '/'} ${e.message}${
        e.keyword === 'additionalProperties'
          ? `: ${JSON.stringify(e.params)}`
          : ''
      }`,
  );
}

/** Every problem the API server (or the CRD's schema) would have with `object`. */
export function validateKubernetesObject(object: AnyObject): string[] {
  const schemaErrors =
    object.apiVersion === 'acid.zalan.do/v1' && object.kind === 'postgresql'
      ? validatePostgresqlObject(object)
      : validateWithModel(object);
  return [...validateMetadata(object), ...schemaErrors];
}

/** Validates many objects; the result maps `Kind/name` to its errors, only for invalid ones. */
export function validateKubernetesObjects(
  objects: AnyObject[],
): Record<string, string[]> {
  const invalid: Record<string, string[]> = {};
  for (const object of objects) {
    const errors = validateKubernetesObject(object);
    if (errors.length > 0)
      invalid[`${object.kind}/${object.metadata?.name}`] = errors;
  }
  return invalid;
}

export { hasModel };
