import { ConfigReader, type Config } from '@backstage/config';
import os from 'node:os';
import { positive } from './readConfig';

/** `postgresHa.operations`: the operations history and lock. */
export interface OperationsConfig {
  replicaId: string;
  leaseMs: number;
  retentionMs: number;
}

/** Reads `postgresHa.operations`; the replica id defaults to host:pid. */
export function readOperationsConfig(root: Config): OperationsConfig {
  const cfg = root.getOptionalConfig('postgresHa') ?? new ConfigReader({});
  return {
    replicaId:
      cfg.getOptionalString('operations.replicaId') ??
      `${os.hostname()}:${process.pid}`,
    leaseMs: positive(cfg, 'operations.leaseSeconds', 60) * 1000,
    retentionMs:
      positive(cfg, 'operations.historyRetentionDays', 90) * 24 * 3600_000,
  };
}
