import type { ClusterSettings } from '../../settings';
import { EnvRef } from './interpolation';
import { LOGICAL_BACKUP_IMAGES } from './images';
import { CONFIG_FILES as F, COMPOSE_PORTS as P } from './topology';

/*
 * `databases` on compose: Spilo creates no application roles or databases (the operator
 * does that on Kubernetes), so a one-shot service runs an idempotent psql script through
 * the router once the leader answers. Owners log in with passwords from `.env`.
 */

export const DATABASES_SERVICE = 'databases-init';
const SCRIPT = '/etc/pgha/databases.sql';
/** The router answers once a leader exists: wait at most 60 × 5 s. */
const WAIT_TRIES = 60;

/** `.env` variable with the password of one database owner. */
export const ownerPasswordVariable = (owner: string) =>
  `PGHA_${owner.toUpperCase()}_PASSWORD`;

const owners = (s: ClusterSettings) => [
  ...new Set(s.databases.map(db => db.owner)),
];

/** One `.env` reference per owner, for composeSecrets. */
export const ownerPasswords = (s: ClusterSettings) =>
  Object.fromEntries(
    owners(s).map(owner => [
      `owner:${owner}`,
      new EnvRef(
        ownerPasswordVariable(owner),
        `Password of the database owner ${owner}.`,
        'change-me',
      ),
    ]),
  );

/**
 * Creates each owner and database unless it exists (psql variables carry the passwords;
 * names are lowercase identifiers, checked by the settings model).
 */
export function databasesSql(s: ClusterSettings): string {
  const lines = ['\\set ON_ERROR_STOP on'];
  for (const owner of owners(s)) {
    lines.push(
      `SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', '${owner}', :'${owner}') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${owner}')\\gexec`,
    );
  }
  for (const db of s.databases) {
    lines.push(
      `SELECT format('CREATE DATABASE %I OWNER %I', '${db.name}', '${db.owner}') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${db.name}')\\gexec`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** psql arguments that hand each owner's password (from the environment) to the script. */
export const psqlVariables = (s: ClusterSettings) =>
  owners(s)
    .map(o => `-v ${o}="$${ownerPasswordVariable(o)}"`)
    .join(' ');

export function databasesService(
  s: ClusterSettings,
  superuserPassword: EnvRef,
  passwords: Record<string, EnvRef>,
) {
  const psql = `psql -h router -p ${P.routerPrimary} -U postgres -d postgres`;
  return {
    image:
      LOGICAL_BACKUP_IMAGES[
        s.postgresql.version as keyof typeof LOGICAL_BACKUP_IMAGES
      ],
    restart: 'on-failure',
    environment: {
      PGPASSWORD: superuserPassword,
      ...Object.fromEntries(Object.values(passwords).map(r => [r.name, r])),
    },
    command: [
      'sh',
      '-c',
      `for i in $(seq ${WAIT_TRIES}); do pg_isready -q -h router -p ${
        P.routerPrimary
      } && break; sleep 5; done; exec ${psql} ${psqlVariables(s)} -f ${SCRIPT}`,
    ],
    volumes: [`./${F.databases}:${SCRIPT}:ro`],
    depends_on: ['router'],
  };
}
