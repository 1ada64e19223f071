export interface Config {
  /** Configuration of the PostgreSQL HA suite's backend plugin (see docs/backend.md). */
  postgresHa?: {
    /**
     * Seconds between refreshes of a cluster's shared snapshot while someone
     * watches it; also the longest a GET /status answer can be stale. Default 5.
     */
    refreshIntervalSeconds?: number;
    /** Seconds between reads of pgBackRest backup information (two CLI runs). Default 60. */
    backupRefreshIntervalSeconds?: number;
    /** Deadline of each upstream request (Kubernetes API, Patroni REST, pgBackRest info), in seconds. Default 5. */
    requestTimeoutSeconds?: number;
    /** Replication lag above which a replica makes the cluster Degraded, in bytes. Default 16777216 (16 MiB). */
    lagWarningBytes?: number;
    /** Bounds for the scale operation. */
    scale?: {
      /** Fewest instances a scale request may ask for. Default 1. */
      minInstances?: number;
      /** Most instances a scale request may ask for. Default 7. */
      maxInstances?: number;
    };
    /** The operations history and the per-cluster operation lock (see docs/backend.md). */
    operations?: {
      /** Names this backend process in the history. Default `<hostname>:<pid>`. */
      replicaId?: string;
      /**
       * Seconds a running operation's lock lasts without renewal (renewed every third of it);
       * a replica that dies leaves its operation `interrupted` after this. Default 60.
       */
      leaseSeconds?: number;
      /** Days finished operations are kept. Default 90. */
      historyRetentionDays?: number;
    };
    /** Point-in-time restore. */
    restore?: {
      /** Template the restore plan prefills. Default template:default/postgres-cluster-restore. */
      templateRef?: string;
    };
    /**
     * Credentials for the object stores Zalando clusters archive to with WAL-G, matched
     * by provider and bucket against `WALG_S3_PREFIX`, `WALG_GS_PREFIX` or `WALG_AZ_PREFIX`
     * in the `postgresql` object's spec.env (or as Spilo finds them with `zalandoOperator`).
     * Used to read base backups and the recoverable
     * window; never taken from the cluster's Secrets.
     */
    objectStores?: Array<{
      /** Name shown in messages. */
      name: string;
      /** `s3` (S3 and S3-compatible stores), `gcs` (Google Cloud Storage) or `azure` (Azure Blob Storage); default s3. */
      provider?: string;
      /** Bucket of the WAL-G prefix (`s3://<bucket>/…`, `gs://<bucket>/…`); for azure the container (`azure://<container>/…`). */
      bucket: string;
      /**
       * Endpoint URL. s3: an S3-compatible store (MinIO, Ceph), default AWS; gcs: default
       * GCS's XML API, with serviceAccountKey the JSON API base (`<endpoint>/storage/v1/…`; another
       * than GCS's own, e.g. fake-gcs-server, is sent no token); azure: default `https://<accountName>.blob.core.windows.net`
       * (Azurite: `http://127.0.0.1:10000/<accountName>`).
       */
      endpoint?: string;
      /** Region used for signing (s3, gcs); default us-east-1, for gcs auto. */
      region?: string;
      /** s3: access key id with s3:ListBucket and s3:GetObject; gcs: the HMAC key's access id. */
      accessKeyId?: string;
      /**
       * s3: secret access key; gcs: the HMAC key's secret.
       * @visibility secret
       */
      secretAccessKey?: string;
      /**
       * gcs: instead of accessKeyId/secretAccessKey, a service-account JSON key (the key file's
       * content) whose account has roles/storage.objectViewer; read through the JSON API with
       * `@google-cloud/storage`, whose auth library trades the key for tokens.
       * @visibility secret
       */
      serviceAccountKey?: string;
      /** Path-style requests (`<endpoint>/<bucket>/<key>`), as most S3-compatible stores need. Default false, for gcs true. */
      forcePathStyle?: boolean;
      /** azure: the storage account name. */
      accountName?: string;
      /**
       * azure: an access key of the storage account (base64), for Shared Key requests.
       * @visibility secret
       */
      accountKey?: string;
      /**
       * azure: instead of accountKey, a SAS token for the container with read and list permissions (sp=rl).
       * @visibility secret
       */
      sasToken?: string;
    }>;
    /**
     * The postgres-operator's own settings that put WAL-G variables into Spilo pods,
     * named as in its configuration, so that the backend finds archives of clusters
     * whose spec.env names no store (see docs/backend.md).
     */
    zalandoOperator?: {
      /** The operator's `wal_s3_bucket`: Spilo archives to `s3://<bucket>/spilo/<cluster><uid suffix>/wal/<version>`. */
      walS3Bucket?: string;
      /** The operator's `wal_gs_bucket`, derived like walS3Bucket with `gs://`. */
      walGsBucket?: string;
      /** The operator's `wal_az_storage_account`; Spilo still needs WALG_AZ_PREFIX (pod environment or spec.env). */
      walAzStorageAccount?: string;
      /** The operator's `pod_environment_configmap`: `name` (read in the cluster's namespace) or `namespace/name`. Needs `get` on configmaps. */
      podEnvironmentConfigMap?: string;
      /** The operator's `pod_environment_secret` (in the cluster's namespace); only its *_PREFIX/*_BUCKET keys are used. Needs `get` on secrets. */
      podEnvironmentSecret?: string;
      /**
       * The operator of one Kubernetes cluster (key: its name in kubernetes.clusterLocatorMethods
       * or kubeconfigContexts), overriding the keys above key by key; same keys, same meaning.
       */
      kubernetesClusters?: {
        [kubernetesCluster: string]: {
          walS3Bucket?: string;
          walGsBucket?: string;
          walAzStorageAccount?: string;
          podEnvironmentConfigMap?: string;
          podEnvironmentSecret?: string;
        };
      };
    };
    /**
     * Links the entity tab shows for every cluster (`cluster.links`). Placeholders
     * `{{cluster}}` and `{{namespace}}` (empty for Patroni clusters) are URL-encoded.
     */
    links?: {
      /** Grafana dashboard URL; `{{cluster}}` and `{{namespace}}` are replaced, URL-encoded. */
      grafana?: string;
      /** pgAdmin URL; placeholders as for grafana. */
      pgadmin?: string;
    };
    /** Kubernetes clusters beyond `kubernetes.clusterLocatorMethods`. */
    kubernetes?: {
      /** Clusters reached through a context of a kubeconfig file. */
      kubeconfigContexts?: Array<{
        /** Name entities use in their postgres-ha/kubernetes-cluster annotation. */
        name: string;
        /** Context in the kubeconfig. */
        context: string;
        /** kubeconfig file; default KUBECONFIG or ~/.kube/config. */
        path?: string;
      }>;
    };
    /** Clusters reached through their Patroni REST API (Compose, VMs, the local lab). */
    patroni?: {
      clusters?: Array<{
        /** Name entities use in their postgres-ha/cluster-name annotation. */
        name: string;
        /** Patroni REST URLs of the members; the only addresses the backend contacts. */
        urls: string[];
        /** User for Patroni's REST API basic authentication (restapi.authentication). */
        username?: string;
        /**
         * Password for Patroni's REST API basic authentication.
         * @visibility secret
         */
        password?: string;
        /** pgBackRest, for backup information, "backup now" and the recoverable window. */
        pgbackrest?: {
          /** pgbackrest.conf; a relative path is resolved against the backend's working directory. */
          configPath: string;
          /** Stanza name. */
          stanza: string;
          /** Executable to run (default `pgbackrest`); relative paths as for configPath. */
          command?: string;
          /** 5-field cron schedule of base backups, for the "newest backup too old" check. */
          schedule?: string;
          /** Type of "backup now": full, diff or incr. Default incr. */
          backupType?: string;
        };
        /** Links of this cluster, overriding `postgresHa.links` key by key. */
        links?: {
          /** Grafana dashboard URL; `{{cluster}}` and `{{namespace}}` are replaced, URL-encoded. */
          grafana?: string;
          /** pgAdmin URL; placeholders as for grafana. */
          pgadmin?: string;
        };
        /** PgBouncer in front of the cluster, checked with a TCP connect. */
        pooler?: {
          host: string;
          port: number;
        };
        /**
         * Optional read-only SQL access to the leader (found through Patroni) for WAL
         * archiving, replication slots and database size, run with psql. A monitoring
         * role (pg_monitor) is enough.
         */
        sql?: {
          user: string;
          /**
           * Password of that user.
           * @visibility secret
           */
          password?: string;
          /** File holding the password instead (relative to the backend's working directory). */
          passwordFile?: string;
          /** Database to connect to (default postgres). */
          database?: string;
          /** psql executable (default psql on PATH). */
          command?: string;
        };
      }>;
    };
  };
  /**
   * Shared with Backstage's Kubernetes plugin: postgres-ha reads the clusters
   * of `type: config` locator methods.
   */
  kubernetes?: {
    clusterLocatorMethods?: Array<{
      /** postgres-ha reads entries of type `config`. */
      type: string;
      clusters?: Array<{
        /** Name entities use in their postgres-ha/kubernetes-cluster annotation. */
        name: string;
        /** API server URL. */
        url: string;
        /** Only serviceAccount is supported by postgres-ha. */
        authProvider?: string;
        /**
         * Service-account token; when absent, the in-cluster token file is used.
         * @visibility secret
         */
        serviceAccountToken?: string;
        /** Base64 PEM of the API server's CA. */
        caData?: string;
        /** Path of the API server's CA file. */
        caFile?: string;
        /** Skip TLS verification of the API server (never in production). */
        skipTLSVerify?: boolean;
      }>;
    }>;
  };
}
