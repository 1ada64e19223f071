import * as k8s from '@kubernetes/client-node';
import type { ClusterStatus } from '@pgha/plugin-postgres-ha-common';
import { mockServices } from '@backstage/backend-test-utils';
import {
  kubeApiServerTools,
  RealKubeApiServer,
  startRealKubeApiServer,
} from '../../__testUtils__/realKubeApiServer';
import { HealthEvaluator } from '../../health/HealthEvaluator';
import { StatusHub } from '../../status/StatusHub';
import { KubernetesClusterSource } from '../KubernetesClusterSource';
import { ZALANDO } from '../KubernetesReader';

const tools = kubeApiServerTools();
const NS = 'db';
const CLUSTERS = ['acid-orders', 'acid-c1', 'acid-c2', 'acid-c3', 'acid-c4'];
/** Generous bounds: the machine is shared; the measured delays are printed. */
const CHANGE_BOUND_MS = 5_000;
const RESTART_BOUND_MS = 90_000;

const describeReal = 'missing' in tools ? describe.skip : describe;
if ('missing' in tools) {
  // eslint-disable-next-line no-console
  console.warn(`Skipping the real kube-apiserver tests: ${tools.missing}`);
}

async function createCluster(kc: k8s.KubeConfig, name: string) {
  const core = kc.makeApiClient(k8s.CoreV1Api);
  await kc.makeApiClient(k8s.CustomObjectsApi).createNamespacedCustomObject({
    ...ZALANDO,
    namespace: NS,
    body: {
      apiVersion: 'acid.zalan.do/v1',
      kind: 'postgresql',
      metadata: { name, namespace: NS },
      spec: {
        teamId: 'acid',
        numberOfInstances: 2,
        postgresql: { version: '17' },
        volume: { size: '1Gi' },
      },
    },
  });
  for (const [i, role] of ['master', 'replica'].entries()) {
    await core.createNamespacedPod({
      namespace: NS,
      body: {
        metadata: {
          name: `${name}-${i}`,
          labels: {
            application: 'spilo',
            'cluster-name': name,
            'spilo-role': role,
          },
        },
        spec: {
          automountServiceAccountToken: false,
          containers: [{ name: 'postgres', image: 'spilo' }],
        },
      },
    });
  }
}

const setRole = (kc: k8s.KubeConfig, pod: string, role: string) =>
  kc.makeApiClient(k8s.CoreV1Api).patchNamespacedPod(
    {
      namespace: NS,
      name: pod,
      body: { metadata: { labels: { 'spilo-role': role } } },
    },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
  );

const leaderOf = (s: ClusterStatus) =>
  s.members.find(m => m.role === 'leader')?.name;

/** Resolves with the first pushed status that satisfies `test`, or fails after `ms`. */
function nextStatus(
  seen: ClusterStatus[],
  test: (s: ClusterStatus) => boolean,
  ms: number,
  from = 0,
): Promise<ClusterStatus> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      const found = seen.slice(from).find(test);
      if (found) return resolve(found);
      if (Date.now() - started > ms) {
        return reject(
          new Error(
            `no matching status within ${ms} ms; last: ${JSON.stringify(
              seen[seen.length - 1]?.watch,
            )}`,
          ),
        );
      }
      return setTimeout(check, 20);
    };
    check();
  });
}

describeReal('Kubernetes watches against a real kube-apiserver', () => {
  let api: RealKubeApiServer;
  let hub: StatusHub;
  const seen: ClusterStatus[] = [];
  const unsubscribe: (() => void)[] = [];
  const source = (name: string) =>
    KubernetesClusterSource.create({
      cluster: {
        auth: 'serviceAccount',
        name: 'lab',
        url: api.url,
        serviceAccountToken: api.kc.getCurrentUser()!.token,
        skipTLSVerify: true,
      },
      namespace: NS,
      name,
      timeoutMs: 10_000,
      objectStores: [],
      backupRefreshIntervalMs: 60_000,
      links: {},
    });
  /** LIST and WATCH requests of the watched kinds across all namespaces (ours). */
  const clusterWide = () =>
    api.requests(
      l =>
        l.includes('scope="cluster"') &&
        /verb="(LIST|WATCH)"/.test(l) &&
        /resource="(pods|postgresqls|services|endpoints|configmaps|statefulsets|deployments|cronjobs|jobs|persistentvolumeclaims|events)"/.test(
          l,
        ),
    );
  const allOfKinds = () =>
    api.requests(l =>
      /resource="(pods|postgresqls|services|endpoints|configmaps|statefulsets|deployments|cronjobs|jobs|persistentvolumeclaims|events)"/.test(
        l,
      ),
    );

  beforeAll(async () => {
    if ('missing' in tools) return;
    api = await startRealKubeApiServer(tools);
    const core = api.kc.makeApiClient(k8s.CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: NS } } });
    // No controller-manager here: the ServiceAccount admission needs the default account.
    await core.createNamespacedServiceAccount({
      namespace: NS,
      body: { metadata: { name: 'default' } },
    });
    for (const name of CLUSTERS) await createCluster(api.kc, name);
    hub = StatusHub.create({
      evaluator: HealthEvaluator.create({ lagWarningBytes: 16 << 20 }),
      refreshIntervalMs: 500,
      logger: mockServices.logger.mock(),
    });
  }, 120_000);

  afterAll(async () => {
    unsubscribe.forEach(u => u());
    hub?.close();
    await api?.stop();
  }, 60_000);

  it('pushes a spilo-role label change to a subscriber', async () => {
    unsubscribe.push(hub.subscribe(source('acid-orders'), s => seen.push(s)));
    await nextStatus(
      seen,
      s => s.watch?.state === 'up' && leaderOf(s) === 'acid-orders-0',
      30_000,
    );
    const changed = Date.now();
    await setRole(api.kc, 'acid-orders-0', 'replica');
    await setRole(api.kc, 'acid-orders-1', 'master');
    const pushed = await nextStatus(
      seen,
      s => leaderOf(s) === 'acid-orders-1',
      CHANGE_BOUND_MS,
    );
    const delayMs = Date.now() - changed;
    // eslint-disable-next-line no-console
    console.log(`watch: label change to stream ${delayMs} ms`);
    expect(pushed.members.map(m => [m.name, m.role])).toEqual([
      ['acid-orders-0', 'replica'],
      ['acid-orders-1', 'leader'],
    ]);
    expect(delayMs).toBeLessThan(CHANGE_BOUND_MS);
  });

  it('does not make more API requests for more viewers and clusters', async () => {
    const polling = source('acid-c1');
    const beforePoll = await allOfKinds();
    await polling.fetchStatus();
    const perPoll = (await allOfKinds()) - beforePoll;

    const before = await clusterWide();
    const beforeAll = await allOfKinds();
    for (const name of CLUSTERS) {
      const viewed = source(name);
      for (let v = 0; v < 4; v += 1) {
        unsubscribe.push(hub.subscribe(viewed, () => undefined));
      }
    }
    await new Promise(r => setTimeout(r, 3_000));
    const added = (await clusterWide()) - before;
    const addedAll = (await allOfKinds()) - beforeAll;
    // eslint-disable-next-line no-console
    console.log(
      `watch: one polled read of one cluster = ${perPoll} requests; ${CLUSTERS.length} clusters x 4 viewers over 3 s (6 refresh intervals) with informers = ${addedAll} requests, ${added} new lists/watches`,
    );
    expect(perPoll).toBeGreaterThanOrEqual(10);
    expect(added).toBe(0);
    expect(addedAll).toBe(0);
  });

  it(
    'says the watch is down while the API server restarts, then watches again',
    async () => {
      const from = seen.length;
      const restarted = api.restart(async () => {
        await nextStatus(
          seen,
          s => s.watch?.state === 'down',
          RESTART_BOUND_MS,
          from,
        ).catch(() => undefined);
      });
      const down = await nextStatus(
        seen,
        s => s.watch?.state === 'down',
        RESTART_BOUND_MS,
        from,
      );
      expect(down.watch?.message).toMatch(/watch of \w+ failed/);
      await restarted;
      const upAt = Date.now();
      const afterDown = seen.indexOf(down);
      await nextStatus(
        seen,
        s => s.watch?.state === 'up',
        RESTART_BOUND_MS,
        afterDown,
      );
      await setRole(api.kc, 'acid-orders-1', 'replica');
      await setRole(api.kc, 'acid-orders-0', 'master');
      await nextStatus(
        seen,
        s => leaderOf(s) === 'acid-orders-0' && s.watch?.state === 'up',
        RESTART_BOUND_MS,
        afterDown,
      );
      // eslint-disable-next-line no-console
      console.log(
        `watch: up and current ${Date.now() - upAt} ms after the restart`,
      );
    },
    3 * RESTART_BOUND_MS,
  );

  it(
    're-lists after 410 Gone and drops what was deleted meanwhile',
    async () => {
      const from = seen.length;
      // Deleted behind the API server's back and compacted: only a re-list can notice.
      await api.restart(() =>
        api.deleteInEtcdAndCompact(`/registry/pods/${NS}/acid-orders-1`),
      );
      const gone = await nextStatus(
        seen,
        s => s.members.length === 1 && s.watch?.state === 'up',
        RESTART_BOUND_MS,
        from,
      );
      expect(gone.members.map(m => m.name)).toEqual(['acid-orders-0']);
      // The counters restart with the server: every pod LIST since then is a re-list.
      const relists = await api.requests(
        l =>
          l.includes('resource="pods"') &&
          l.includes('scope="cluster"') &&
          l.includes('verb="LIST"'),
      );
      expect(relists).toBeGreaterThanOrEqual(1);
    },
    3 * RESTART_BOUND_MS,
  );

  it('stops watching after the last viewer leaves', async () => {
    const openWatches = () =>
      api.metric(
        'apiserver_longrunning_requests',
        l =>
          l.includes('verb="WATCH"') &&
          l.includes('scope="cluster"') &&
          // Kinds the API server does not watch itself.
          /resource="(pods|postgresqls|statefulsets|deployments|cronjobs|jobs|persistentvolumeclaims|events)"/.test(
            l,
          ),
      );
    const withViewers = await openWatches();
    expect(withViewers).toBeGreaterThanOrEqual(8);
    unsubscribe.splice(0).forEach(u => u());
    let closed = 0;
    for (let i = 0; i < 50 && closed < 8; i += 1) {
      await new Promise(r => setTimeout(r, 200));
      closed = withViewers - (await openWatches());
    }
    // Ours were one per kind; what stays open is the API server's own.
    expect(closed).toBe(8);
  }, 30_000);
});
