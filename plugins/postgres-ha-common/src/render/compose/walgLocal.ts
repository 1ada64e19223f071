import type { ClusterSettings } from '../../settings';
import { COMPOSE_IMAGES as IMG } from './images';

/*
 * `store: local`: WAL-G's file store on one volume shared by the three members, so a promoted
 * replica keeps archiving to the same place and replicas can fetch archived WAL.
 * Spilo (configure_spilo.py, 4.0-p2) sets up WAL-G only for S3/GCS/Azure/Swift/SSH and never
 * reads WALG_FILE_PREFIX, so the stack wires the file store through Spilo's documented hooks:
 * SPILO_CONFIGURATION (its values win Spilo's merge) for archive_command and restore_command,
 * CRONTAB for the base backups, WALE_ENV_DIR for the base backup launch.sh takes after start.
 * Patroni and cron start with a scrubbed environment, hence one envdir every command reads.
 */

export const WALG_VOLUME = 'walg';
/** Where the shared volume is mounted in every member. */
export const WALG_DIR = '/var/lib/walg';
/** Where WAL-G's settings (one file per variable, read by `envdir`) are mounted. */
export const WALG_ENV_DIR = '/etc/walg/env';
/** Spilo's data directory (its Dockerfile: PGROOT=$PGHOME/pgdata/pgroot, PGDATA=$PGROOT/data). */
const SPILO_PGDATA = '/home/postgres/pgdata/pgroot/data';
const envdir = `envdir "${WALG_ENV_DIR}"`;

export const usesLocalWalg = (s: ClusterSettings) =>
  s.backup.physical.enabled && s.backup.physical.store === 'local';

/** Output path of one envdir file. */
export const walgEnvFile = (name: string) => `config/walg/env/${name}`;

/**
 * The envdir: the file store (Spilo's object-store layout; `prefix` does not apply to local),
 * WAL-G for backups and restores, the retention postgres_backup.sh prunes to.
 */
export function walgLocalEnv(s: ClusterSettings): Record<string, string> {
  return {
    WALG_FILE_PREFIX: `${WALG_DIR}/spilo/${s.cluster.name}`,
    USE_WALG_BACKUP: 'true',
    USE_WALG_RESTORE: 'true',
    BACKUP_NUM_TO_RETAIN: String(s.backup.physical.retention),
  };
}

/** Local Patroni settings (the same commands Spilo writes for an object store). */
export const walgLocalPatroni = () => ({
  postgresql: {
    parameters: { archive_command: `${envdir} wal-g wal-push "%p"` },
    recovery_conf: {
      restore_command: `${envdir} /scripts/restore_command.sh "%f" "%p"`,
    },
  },
});

/**
 * Member environment. Spilo's postgres_backup.sh backs up on the leader only (on a replica
 * with WALG_BACKUP_FROM_REPLICA) and prunes to the retention before each new base backup.
 */
export const walgLocalMemberEnv = (s: ClusterSettings) => ({
  WALE_ENV_DIR: WALG_ENV_DIR,
  CRONTAB: JSON.stringify([
    `${s.backup.physical.schedule} ${envdir} /scripts/postgres_backup.sh "${SPILO_PGDATA}"`,
  ]),
});

export const walgLocalMounts = (s: ClusterSettings) => [
  `${WALG_VOLUME}:${WALG_DIR}`,
  ...Object.keys(walgLocalEnv(s)).map(
    n => `./${walgEnvFile(n)}:${WALG_ENV_DIR}/${n}:ro`,
  ),
];

export const walgLocalFiles = (s: ClusterSettings) =>
  Object.entries(walgLocalEnv(s)).map(([name, value]) => ({
    path: walgEnvFile(name),
    content: `${value}\n`,
  }));

/** A new named volume belongs to root; WAL-G runs as postgres in the members. */
export const WALG_INIT_SERVICE = 'walg-volume-init';
export const walgInitService = () => ({
  image: IMG.spilo,
  entrypoint: ['chown', 'postgres:postgres', WALG_DIR],
  volumes: [`${WALG_VOLUME}:${WALG_DIR}`],
  restart: 'no',
});
