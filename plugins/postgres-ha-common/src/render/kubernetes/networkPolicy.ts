import type { ClusterSettings } from '../../settings';
import type { KubeObject } from './types';
import { companionMetadata, PORTS, spiloSelector } from './labels';
import { pgAdminSelector } from './pgadmin';

const tcp = (port: number) => ({ protocol: 'TCP', port });

/** Peers from the settings: label selectors or an IP range. */
function peers(s: ClusterSettings) {
  return s.security.networkPolicy.allowedPeers.map(p =>
    p.cidr
      ? { ipBlock: { cidr: p.cidr } }
      : {
          namespaceSelector: p.namespaceLabels
            ? { matchLabels: p.namespaceLabels }
            : {},
          ...(p.podLabels && { podSelector: { matchLabels: p.podLabels } }),
        },
  );
}

/**
 * The pods the policy guards: Spilo members and the operator's poolers of this cluster
 * (pooler pods carry `application: db-connection-pooler` and the cluster's name), so the
 * poolers cannot be used to get around the policy.
 */
const guardedPods = (s: ClusterSettings) => ({
  matchLabels: { 'cluster-name': s.cluster.name },
  matchExpressions: [
    {
      key: 'application',
      operator: 'In',
      values: ['spilo', 'db-connection-pooler'],
    },
  ],
});

/** Pods of this cluster's own poolers (operator labels them `connection-pooler`). */
const poolerPods = (s: ClusterSettings) => ({
  podSelector: {
    matchExpressions: [
      {
        key: 'connection-pooler',
        operator: 'In',
        values: [`${s.cluster.name}-pooler`, `${s.cluster.name}-pooler-repl`],
      },
    ],
  },
});

/**
 * The operator's pods in any namespace: a Helm install labels them
 * `app.kubernetes.io/name`, the plain manifests `name`.
 */
const operatorPods = ['app.kubernetes.io/name', 'name'].map(key => ({
  namespaceSelector: {},
  podSelector: { matchLabels: { [key]: 'postgres-operator' } },
}));

/** In-namespace clients the suite or the operator runs for this cluster. */
function ownClients(s: ClusterSettings) {
  return [
    ...(s.pooling.primary || s.pooling.replica ? [poolerPods(s)] : []),
    ...(s.backup.logical.enabled
      ? [
          {
            podSelector: {
              matchLabels: {
                application: 'spilo-logical-backup',
                'cluster-name': s.cluster.name,
              },
            },
          },
        ]
      : []),
    ...(s.monitoring.pgAdmin.enabled
      ? [{ podSelector: { matchLabels: pgAdminSelector(s) } }]
      : []),
  ];
}

/** Clients behind the load balancers (the model allows ranges only with one). */
const loadBalancerSources = (s: ClusterSettings) =>
  s.security.allowedSourceRanges.map(cidr => ({ ipBlock: { cidr } }));

/**
 * Ingress to the PostgreSQL and pooler pods: members talk to each other on every port; the
 * operator reaches PostgreSQL and the Patroni API; listed peers, the poolers, logical backups,
 * pgAdmin and the load balancers' source ranges reach PostgreSQL only; the exporter's metrics
 * are readable in-cluster. The Patroni API (switchover) stays closed.
 */
export function buildNetworkPolicy(s: ClusterSettings): KubeObject {
  const clients = [...peers(s), ...ownClients(s), ...loadBalancerSources(s)];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: companionMetadata(s, '-ingress', 'network-policy'),
    spec: {
      podSelector: guardedPods(s),
      policyTypes: ['Ingress'],
      ingress: [
        { from: [{ podSelector: { matchLabels: spiloSelector(s) } }] },
        {
          from: operatorPods,
          ports: [tcp(PORTS.postgres), tcp(PORTS.patroni)],
        },
        ...(clients.length > 0
          ? [{ from: clients, ports: [tcp(PORTS.postgres)] }]
          : []),
        ...(s.monitoring.exporter.enabled
          ? [
              {
                from: [{ namespaceSelector: {} }],
                ports: [tcp(PORTS.exporter)],
              },
            ]
          : []),
      ],
    },
  };
}
