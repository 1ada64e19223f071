import type * as k8s from '@kubernetes/client-node';
import type { PodEnvironment } from './podEnvironment';

/** The parts of a Zalando `postgresql` (acid.zalan.do/v1) object this plugin reads. */
export interface PostgresqlObject {
  metadata: { name: string; namespace?: string; uid?: string };
  spec: {
    numberOfInstances?: number;
    postgresql?: { version?: string };
    enableConnectionPooler?: boolean;
    enableReplicaConnectionPooler?: boolean;
    connectionPooler?: {
      mode?: 'session' | 'transaction';
      numberOfInstances?: number;
    };
    enableLogicalBackup?: boolean;
    logicalBackupSchedule?: string;
    patroni?: { synchronous_mode?: boolean; synchronous_mode_strict?: boolean };
    /** Spilo environment; names the WAL-G store (WALG_S3_PREFIX, …). */
    env?: { name: string; value?: string }[];
  };
  status?: { PostgresClusterStatus?: string };
}

/** Every object read for one cluster in one refresh. */
export interface ClusterObjects {
  postgresql: PostgresqlObject;
  pods: k8s.V1Pod[];
  statefulSet?: k8s.V1StatefulSet;
  services: k8s.V1Service[];
  endpoints: k8s.V1Endpoints[];
  configMaps: k8s.V1ConfigMap[];
  deployments: k8s.V1Deployment[];
  cronJob?: k8s.V1CronJob;
  jobs: k8s.V1Job[];
  volumes: k8s.V1PersistentVolumeClaim[];
  events: k8s.CoreV1Event[];
  /** The operator's pod environment ConfigMap/Secret, when configured. */
  podEnvironment: PodEnvironment;
}
