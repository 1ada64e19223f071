import type { ClusterSettings } from '../../settings';
import type { KubeObject } from './types';
import { companionMetadata, PORTS, spiloSelector } from './labels';

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

/** The operator's own pods, in whatever namespace it runs, may manage roles and Patroni. */
const operatorPods = {
  namespaceSelector: {},
  podSelector: {
    matchLabels: { 'app.kubernetes.io/name': 'postgres-operator' },
  },
};

/**
 * Ingress to the PostgreSQL pods: members talk to each other on every port; the operator
 * reaches PostgreSQL and the Patroni API; listed peers and the poolers reach PostgreSQL only;
 * the exporter's metrics are readable in-cluster. The Patroni API (switchover) stays closed.
 */
export function buildNetworkPolicy(s: ClusterSettings): KubeObject {
  const clients = [
    ...peers(s),
    ...(s.pooling.primary || s.pooling.replica ? [poolerPods(s)] : []),
  ];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: companionMetadata(s, '-ingress', 'network-policy'),
    spec: {
      podSelector: { matchLabels: spiloSelector(s) },
      policyTypes: ['Ingress'],
      ingress: [
        { from: [{ podSelector: { matchLabels: spiloSelector(s) } }] },
        {
          from: [operatorPods],
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
