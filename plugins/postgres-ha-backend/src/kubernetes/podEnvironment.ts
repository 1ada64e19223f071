import type * as k8s from '@kubernetes/client-node';
import type { ZalandoOperatorSettings } from '../config/readZalandoOperator';
import type { EnvSource } from '../backup/walg/spiloEnvironment';
import { UpstreamFailure } from '../errors';
import { kubeCall } from './kubeApi';

/** The operator's pod environment objects as read for one cluster. */
export interface PodEnvironment {
  /** In the operator's precedence: Secret before ConfigMap. */
  sources: EnvSource[];
  /** Why one could not be read; the status shows it as backups.error. */
  error?: string;
  /** The pod environment Secret's name and key names (never its values). */
  secret?: { name: string; keys: string[] };
}

/** Secret keys that can name a WAL store; no other Secret value is ever decoded. */
const STORE_KEY =
  /^(WAL[A-Z0-9_]*_(PREFIX|BUCKET|SUFFIX)|AZURE_STORAGE_ACCOUNT)$/;

const KEY = 'postgresHa.zalandoOperator';

const isNotFound = (error: unknown) =>
  error instanceof UpstreamFailure && error.type === 'KubernetesNotFound';

/**
 * Reads `pod_environment_secret` and `pod_environment_configmap` as the operator
 * does (a ConfigMap not found in the named namespace is looked up in the cluster's).
 * Failures become a message that names the object and the RBAC to grant.
 */
export async function readPodEnvironment(options: {
  core: k8s.CoreV1Api;
  cluster: string;
  namespace: string;
  timeoutMs: number;
  operator: ZalandoOperatorSettings;
}): Promise<PodEnvironment> {
  const { core, cluster, namespace, timeoutMs, operator } = options;
  const sources: EnvSource[] = [];
  const get = <T>(
    kind: string,
    ns: string,
    name: string,
    fn: () => Promise<T>,
  ) => kubeCall(cluster, `${kind} ${ns}/${name}`, timeoutMs, fn);
  const secretName = operator.podEnvironmentSecret;
  const ref = operator.podEnvironmentConfigMap;
  let what = '';
  let alsoLooked = '';
  let secretKeys: PodEnvironment['secret'];
  try {
    if (secretName) {
      what = `Secret ${namespace}/${secretName} (${KEY}.podEnvironmentSecret)`;
      const secret = await get('secret', namespace, secretName, () =>
        core.readNamespacedSecret({ namespace, name: secretName }),
      );
      sources.push({
        origin: `Secret ${namespace}/${secretName}`,
        secret: true,
        entries: storeEntries(secret.data),
      });
      secretKeys = { name: secretName, keys: Object.keys(secret.data ?? {}) };
    }
    if (ref) {
      const ns = ref.namespace ?? namespace;
      what = `ConfigMap ${ns}/${ref.name} (${KEY}.podEnvironmentConfigMap)`;
      alsoLooked = ns === namespace ? '' : ` (nor in namespace ${namespace})`;
      const read = (n: string) =>
        get('configmap', n, ref.name, () =>
          core.readNamespacedConfigMap({ namespace: n, name: ref.name }),
        );
      const configMap = await read(ns).catch(error =>
        isNotFound(error) && ns !== namespace
          ? read(namespace)
          : Promise.reject(error),
      );
      const entries = Object.entries(configMap.data ?? {}).map(
        ([name, value]) => ({ name, value }),
      );
      // The operator adds them sorted by name.
      entries.sort((a, b) => (a.name < b.name ? -1 : 1));
      sources.push({
        origin: `ConfigMap ${configMap.metadata?.namespace ?? ns}/${ref.name}`,
        entries,
      });
    }
    return { sources, ...(secretKeys && { secret: secretKeys }) };
  } catch (error) {
    return {
      sources,
      error: failure(
        what,
        alsoLooked,
        error,
        secretName ? 'configmaps and secrets' : 'configmaps',
      ),
    };
  }
}

function failure(
  what: string,
  alsoLooked: string,
  error: unknown,
  resources: string,
): string {
  if (isNotFound(error)) {
    return `${what} was not found${alsoLooked}; the operator cannot create pods without it: check the name against the operator's configuration`;
  }
  if (
    error instanceof UpstreamFailure &&
    error.type === 'KubernetesForbidden'
  ) {
    return `Reading ${what} is forbidden (403): grant the backend's service account get on ${resources} in that namespace`;
  }
  return `Reading ${what} failed: ${(error as Error).message}`;
}

/** Decodes only the store-naming keys of a Secret's data. */
function storeEntries(data: Record<string, string> | undefined) {
  return Object.entries(data ?? {})
    .filter(([name]) => STORE_KEY.test(name))
    .map(([name, value]) => ({
      name,
      value: Buffer.from(value, 'base64').toString('utf8'),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}
