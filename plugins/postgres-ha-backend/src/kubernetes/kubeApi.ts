import * as k8s from '@kubernetes/client-node';
import http from 'node:http';
import https from 'node:https';
import type { KubernetesClusterConfig } from '../config/readConfig';
import { InputError } from '@backstage/errors';
import { UpstreamFailure, withTimeout } from '../errors';

const IN_CLUSTER_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** A KubeConfig for one kubeconfig context; a missing file or context names the config key. */
function fromKubeconfig(
  cluster: Extract<KubernetesClusterConfig, { auth: 'kubeconfig' }>,
): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  const where = `postgresHa.kubernetes.kubeconfigContexts[${cluster.name}]`;
  try {
    if (cluster.path) {
      kc.loadFromFile(cluster.path);
    } else {
      kc.loadFromDefault();
    }
  } catch (error) {
    throw new InputError(
      `${where}: cannot read kubeconfig ${cluster.path ?? '(default)'}: ${
        (error as Error).message
      }`,
    );
  }
  if (!kc.getContextObject(cluster.context)) {
    throw new InputError(
      `${where}: context '${
        cluster.context
      }' is not in the kubeconfig (contexts: ${
        kc
          .getContexts()
          .map(c => c.name)
          .join(', ') || 'none'
      })`,
    );
  }
  kc.setCurrentContext(cluster.context);
  return kc;
}

/**
 * A KubeConfig for one configured cluster: a kubeconfig context, a service-account
 * token, or (no token) the in-cluster service account.
 */
export function kubeConfigFor(
  cluster: KubernetesClusterConfig,
): k8s.KubeConfig {
  if (cluster.auth === 'kubeconfig') {
    return fromKubeconfig(cluster);
  }
  const kc = new k8s.KubeConfig();
  const inCluster = !cluster.serviceAccountToken;
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url,
        caData: cluster.caData,
        caFile:
          cluster.caFile ??
          (inCluster && !cluster.caData
            ? `${IN_CLUSTER_DIR}/ca.crt`
            : undefined),
        skipTLSVerify: cluster.skipTLSVerify,
      },
    ],
    users: [
      inCluster
        ? // The file is re-read as the kubelet rotates the token.
          {
            name: 'postgres-ha',
            authProvider: {
              name: 'tokenFile',
              config: { tokenFile: `${IN_CLUSTER_DIR}/token` },
            },
          }
        : { name: 'postgres-ha', token: cluster.serviceAccountToken },
    ],
    contexts: [
      { name: 'postgres-ha', cluster: cluster.name, user: 'postgres-ha' },
    ],
    currentContext: 'postgres-ha',
  });
  return kc;
}

/**
 * Runs one Kubernetes API call with a deadline and turns its failure into a
 * typed UpstreamFailure that says what to fix. `what` names the object, e.g.
 * `postgresql db/acid-orders`; it must never contain credentials.
 */
export async function kubeCall<T>(
  cluster: string,
  what: string,
  timeoutMs: number,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await withTimeout(
      call(),
      timeoutMs,
      `Kubernetes cluster '${cluster}' (reading ${what})`,
    );
  } catch (error) {
    throw kubeFailure(cluster, what, error);
  }
}

/** Like kubeCall, but a 404 yields undefined (optional objects such as the backup CronJob). */
export async function kubeCallOptional<T>(
  cluster: string,
  what: string,
  timeoutMs: number,
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await kubeCall(cluster, what, timeoutMs, call);
  } catch (error) {
    if (
      error instanceof UpstreamFailure &&
      error.type === 'KubernetesNotFound'
    ) {
      return undefined;
    }
    throw error;
  }
}

function kubeFailure(
  cluster: string,
  what: string,
  error: unknown,
): UpstreamFailure {
  if (error instanceof UpstreamFailure) {
    return error;
  }
  const code = (error as { code?: unknown }).code;
  const where = `Kubernetes cluster '${cluster}'`;
  switch (typeof code === 'number' ? code : undefined) {
    case 401:
      return new UpstreamFailure(
        'KubernetesUnauthorized',
        `${where} rejected the service-account token (401) while reading ${what}; renew serviceAccountToken in kubernetes.clusterLocatorMethods`,
      );
    case 403:
      return new UpstreamFailure(
        'KubernetesForbidden',
        `${where} forbids ${what} to the service account (403); grant it RBAC access (see docs/backend.md#rbac)`,
      );
    case 404:
      return new UpstreamFailure(
        'KubernetesNotFound',
        `${what} was not found in ${where}`,
      );
    case undefined:
      return new UpstreamFailure(
        'KubernetesUnreachable',
        `${where} is unreachable while reading ${what}: ${
          (error as Error).message?.split('\n')[0] ?? 'network error'
        }`,
      );
    default:
      if ((code as number) >= 500) {
        return new UpstreamFailure(
          'KubernetesServerError',
          `${where} failed with HTTP ${code} while reading ${what}; the API server or an aggregated API is unhealthy`,
        );
      }
      return new UpstreamFailure(
        'KubernetesServerError',
        `${where} answered HTTP ${code} while reading ${what}`,
      );
  }
}

/**
 * POSTs JSON to an API server path (the pod proxy, which the generated client
 * cannot send a body to), with the cluster's credentials and TLS settings.
 */
export async function kubePostJson(
  kc: k8s.KubeConfig,
  path: string,
  body: unknown,
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  const server = kc.getCurrentCluster()?.server ?? '';
  const url = new URL(path, server);
  const options: https.RequestOptions = { method: 'POST', headers: {} };
  await kc.applyToHTTPSOptions(options);
  const payload = JSON.stringify(body);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      url,
      {
        ...options,
        timeout: timeoutMs,
        headers: {
          ...options.headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      res => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', chunk => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error('timeout'), { timedOut: true })),
    );
    req.on('error', error =>
      reject(
        (error as { timedOut?: boolean }).timedOut
          ? new UpstreamFailure(
              'Timeout',
              `POST ${url.pathname} did not answer within ${timeoutMs} ms`,
            )
          : error,
      ),
    );
    req.end(payload);
  });
}
