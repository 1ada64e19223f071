import type { ClusterSettings } from '../../settings';
import type { RenderedFile } from '../types';
import { toYaml } from '../shared/yaml';
import { renderCatalogInfo } from '../shared/catalogInfo';
import { renderReadme } from '../shared/readme';
import { composeSecrets, renderEnvExample } from './env';
import { resolveInterpolation } from './interpolation';
import { buildComposeModel } from './services';
import { databasesSql } from './databases';
import { usesLocalWalg, walgLocalFiles } from './walgLocal';
import { CONFIG_FILES as F, COMPOSE_PORTS as P, nodeNames } from './topology';
import {
  alertRulesFile,
  grafanaDashboard,
  grafanaDashboardProvider,
  grafanaDatasource,
  haproxyConfig,
  logicalBackupCrontab,
  pgAdminServersJson,
  pgbouncerIni,
  prometheusConfig,
} from './configs';

export { escapeInterpolation } from './interpolation';
export { composeAlertMatchers } from './configs';
export { COMPOSE_IMAGES } from './images';
export const COMPOSE_FILE = 'docker-compose.yml';
export const ENV_EXAMPLE_FILE = '.env.example';

function configFiles(s: ClusterSettings): RenderedFile[] {
  const m = s.monitoring;
  const files: [string, string, boolean][] = [
    [F.haproxy, haproxyConfig(s), true],
    [F.pgbouncerPrimary, pgbouncerIni(s, P.routerPrimary), s.pooling.primary],
    [F.pgbouncerReplica, pgbouncerIni(s, P.routerReplicas), s.pooling.replica],
    [
      F.prometheus,
      prometheusConfig(s, m.prometheusRule.enabled),
      m.exporter.enabled,
    ],
    [
      F.alerts,
      alertRulesFile(s),
      m.exporter.enabled && m.prometheusRule.enabled,
    ],
    [
      F.datasource,
      grafanaDatasource(),
      m.exporter.enabled && m.grafanaDashboard,
    ],
    [
      F.dashboardProvider,
      grafanaDashboardProvider(),
      m.exporter.enabled && m.grafanaDashboard,
    ],
    [
      F.dashboard,
      grafanaDashboard(s),
      m.exporter.enabled && m.grafanaDashboard,
    ],
    [F.pgAdminServers, pgAdminServersJson(s), m.pgAdmin.enabled],
    [F.databases, databasesSql(s), s.databases.length > 0],
    [
      F.crontab,
      s.backup.logical.enabled ? logicalBackupCrontab(s) : '',
      s.backup.logical.enabled,
    ],
  ];
  return [
    ...files
      .filter(([, , on]) => on)
      .map(([path, content]) => ({ path, content })),
    ...(usesLocalWalg(s) ? walgLocalFiles(s) : []),
  ];
}

const members = (s: ClusterSettings) => {
  const names = nodeNames(s);
  return names.length === 1
    ? 'One Patroni member (pg-0, no failover)'
    : `${names.length} Patroni members (${names.join(', ')})`;
};

/** The compose target: a Patroni stack of topology.instances members that fails over by itself. */
export function renderCompose(s: ClusterSettings): RenderedFile[] {
  const secrets = composeSecrets(s);
  const compose = {
    path: COMPOSE_FILE,
    content: toYaml(resolveInterpolation(buildComposeModel(s, secrets))),
  };
  const env = { path: ENV_EXAMPLE_FILE, content: renderEnvExample(secrets) };
  const configs = configFiles(s);
  const catalog = renderCatalogInfo(s);
  const readme = renderReadme(
    s,
    [compose.path, env.path, ...configs.map(f => f.path), catalog.path],
    {
      deploy: [
        'cp .env.example .env   # then set every value',
        'docker compose config --quiet',
        'docker compose up -d',
      ],
      notes: [
        `${members(s)} share one etcd; HAProxy routes 127.0.0.1:${
          P.routerPrimary
        } to the leader and :${
          P.routerReplicas
        } to replicas by asking each member's Patroni API.`,
        ...(s.topology.instances > 1
          ? [
              'Stop the leader (`docker compose stop pg-0`) and a replica takes over within the Patroni TTL.',
            ]
          : []),
        'Every published port listens on 127.0.0.1 only.',
        `Docker volumes have no size: storage.size (${s.storage.size}) is not enforced here.`,
        'Passwords come from `.env` only; `.env.example` holds placeholders.',
      ],
    },
  );
  return [compose, env, ...configs, catalog, readme];
}
