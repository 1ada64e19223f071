import type { ClusterSettings } from '../../settings';
import type { KubeObject } from './types';
import { companionMetadata, serviceNames } from './labels';

/** Name of the TLS Secret the cluster mounts (chosen, or `<cluster>-tls`). */
export const tlsSecretName = (s: ClusterSettings) =>
  s.security.tls.secretName ?? `${s.cluster.name}-tls`;

/** cert-manager Certificate for every service name clients may use. */
export function buildCertificate(s: ClusterSettings): KubeObject {
  const issuer = s.security.tls.issuer!;
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: companionMetadata(s, '-tls', 'tls'),
    spec: {
      secretName: tlsSecretName(s),
      issuerRef: {
        name: issuer.name,
        kind: issuer.kind,
        group: 'cert-manager.io',
      },
      dnsNames: serviceNames(s),
      usages: ['server auth', 'digital signature', 'key encipherment'],
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
    },
  };
}
