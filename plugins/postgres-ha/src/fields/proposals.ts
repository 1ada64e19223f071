import { COMPOSE_PG_VERSIONS } from '@pgha/plugin-postgres-ha-common';

type FormData = Record<string, unknown>;

/** A value the wizard puts into a section on its own, and why (shown above the section). */
export interface Proposal {
  value: unknown;
  note: string;
}

const asRecord = (value: unknown): FormData =>
  value && typeof value === 'object' ? (value as FormData) : {};

/** `orders-db` → `orders_db`: a cluster name (DNS label) as a PostgreSQL identifier. */
const identifier = (name: string) => name.replace(/-/g, '_');

const newestComposeVersion = Math.max(...COMPOSE_PG_VERSIONS);

/**
 * What to change in `section` when its page opens, so the defaults fit the other answers:
 * the compose target cannot run every major; a new cluster gets an application database
 * named after it while it has none (the field proposes it once per name).
 */
export function proposalFor(
  section: string,
  value: unknown,
  formData: FormData,
): Proposal | undefined {
  if (section === 'postgresql' && formData.target === 'compose') {
    const version = asRecord(value).version;
    if (
      typeof version === 'number' &&
      !(COMPOSE_PG_VERSIONS as readonly number[]).includes(version)
    ) {
      return {
        value: { ...asRecord(value), version: newestComposeVersion },
        note: `The Docker Compose stack runs PostgreSQL ${COMPOSE_PG_VERSIONS[0]}–${newestComposeVersion}, so the major version was changed from ${version} to ${newestComposeVersion}.`,
      };
    }
  }
  const name = asRecord(formData.cluster).name;
  const noDatabases =
    value === undefined || (Array.isArray(value) && !value.length);
  if (section === 'databases' && noDatabases && typeof name === 'string') {
    const db = identifier(name);
    return {
      value: [{ name: db, owner: `${db}_owner` }],
      note: `Proposed from the cluster name: database ${db} owned by ${db}_owner. Change or remove it.`,
    };
  }
  return undefined;
}
