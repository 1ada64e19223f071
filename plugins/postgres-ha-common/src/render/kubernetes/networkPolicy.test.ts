import { exampleSettings } from '../../settings';
import { settingsFrom } from '../../__testUtils__/settings';
import { validateKubernetesObject } from '../../__testUtils__/validators';
import { buildKubernetesObjects } from './objects';
import type { KubeObject } from './types';

type Labels = Record<string, string>;
interface Selector {
  matchLabels?: Labels;
  matchExpressions?: { key: string; operator: string; values: string[] }[];
}
interface Peer {
  podSelector?: Selector;
  namespaceSelector?: Selector;
  ipBlock?: { cidr: string };
}
interface Rule {
  from: Peer[];
  ports?: { port: number }[];
}
interface Pod {
  namespace: string;
  labels: Labels;
  ip?: string;
}

/*
 * Stand-in for a CNI's NetworkPolicy enforcement (none runs in unit tests), after the
 * networking.k8s.io/v1 semantics: a selector matches all its labels and expressions; a peer
 * without namespaceSelector means the policy's namespace; rules are OR-ed; no ports means all.
 */
const matches = (sel: Selector, labels: Labels) =>
  Object.entries(sel.matchLabels ?? {}).every(([k, v]) => labels[k] === v) &&
  (sel.matchExpressions ?? []).every(e => e.values.includes(labels[e.key]));

const inRange = (ip: string, cidr: string) => {
  const [base, bits] = cidr.split('/');
  const n = (a: string) =>
    a.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
  const size = 2 ** (32 - Number(bits));
  return Math.floor(n(ip) / size) === Math.floor(n(base) / size);
};

function peerMatches(peer: Peer, from: Pod, policyNs: string) {
  if (peer.ipBlock) return !!from.ip && inRange(from.ip, peer.ipBlock.cidr);
  const nsOk = peer.namespaceSelector
    ? matches(peer.namespaceSelector, { name: from.namespace })
    : from.namespace === policyNs;
  return nsOk && (!peer.podSelector || matches(peer.podSelector, from.labels));
}

function allowed(policy: KubeObject, from: Pod, to: Pod, port: number) {
  const spec = policy.spec as { podSelector: Selector; ingress: Rule[] };
  const ns = policy.metadata.namespace!;
  if (to.namespace !== ns || !matches(spec.podSelector, to.labels)) return true;
  return spec.ingress.some(
    r =>
      (!r.ports || r.ports.some(p => p.port === port)) &&
      r.from.some(peer => peerMatches(peer, from, ns)),
  );
}

const s = settingsFrom({
  ...exampleSettings.minimal,
  cluster: { ...exampleSettings.minimal.cluster, namespace: 'shop' },
  pooling: { primary: true, replica: true },
  backup: { logical: { enabled: true } },
  monitoring: { pgAdmin: { enabled: true } },
  security: {
    networkPolicy: {
      enabled: true,
      allowedPeers: [{ podLabels: { app: 'orders-api' } }],
    },
    loadBalancers: { primary: true },
    allowedSourceRanges: ['203.0.113.0/24'],
  },
});
const objects = buildKubernetesObjects(s);
const policy = objects.find(o => o.kind === 'NetworkPolicy')!;
const pgAdminDeployment = objects.find(
  o => o.kind === 'Deployment',
) as unknown as {
  spec: { template: { metadata: { labels: Labels } } };
};

// Pod labels as the operator sets them (pkg/cluster: labelsSet, poolerLabelsSet, logical backup job).
const cluster = { 'cluster-name': 'acid-orders', team: 'acid' };
const pods = {
  member: { namespace: 'shop', labels: { application: 'spilo', ...cluster } },
  pooler: {
    namespace: 'shop',
    labels: {
      application: 'db-connection-pooler',
      'connection-pooler': 'acid-orders-pooler',
      ...cluster,
    },
  },
  logicalBackup: {
    namespace: 'shop',
    labels: { application: 'spilo-logical-backup', ...cluster },
  },
  pgAdmin: {
    namespace: 'shop',
    labels: pgAdminDeployment.spec.template.metadata.labels,
  },
  helmOperator: {
    namespace: 'ops',
    labels: { 'app.kubernetes.io/name': 'postgres-operator' },
  },
  manifestOperator: {
    namespace: 'default',
    labels: { name: 'postgres-operator' },
  },
  peer: { namespace: 'shop', labels: { app: 'orders-api' } },
  stranger: { namespace: 'shop', labels: { app: 'other' } },
  lbClient: { namespace: '', labels: {}, ip: '203.0.113.7' },
  outsider: { namespace: '', labels: {}, ip: '198.51.100.7' },
} satisfies Record<string, Pod>;

describe('NetworkPolicy (enforcement stand-in: no CNI runs here)', () => {
  it('is a valid NetworkPolicy', () => {
    expect(validateKubernetesObject(policy)).toEqual([]);
  });

  it.each([
    ['peer', 'member', 5432, true],
    ['peer', 'pooler', 5432, true],
    ['stranger', 'member', 5432, false],
    ['stranger', 'pooler', 5432, false],
    ['pooler', 'member', 5432, true],
    ['logicalBackup', 'member', 5432, true],
    ['pgAdmin', 'member', 5432, true],
    ['helmOperator', 'member', 8008, true],
    ['manifestOperator', 'member', 8008, true],
    ['manifestOperator', 'member', 5432, true],
    ['peer', 'member', 8008, false],
    ['lbClient', 'member', 5432, true],
    ['outsider', 'member', 5432, false],
  ] as const)('%s → %s:%d allowed: %s', (from, to, port, expected) => {
    expect(allowed(policy, pods[from], pods[to], port)).toBe(expected);
  });
});
