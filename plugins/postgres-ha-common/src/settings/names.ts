/**
 * Naming rules shared by the settings model and the renderers.
 * Kubernetes object names follow RFC 1123 labels; the Zalando operator keeps
 * cluster names short enough for the `<cluster>-repl` service (63 - 5).
 */
export const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
export const DNS_LABEL_MAX = 63;
/** Operator v2: `clusterNameMaxLength = 63 - len("-repl")`. */
export const CLUSTER_NAME_MAX = 58;
/** `<cluster>-pooler-repl` must still be a valid service name. */
export const CLUSTER_NAME_MAX_WITH_REPLICA_POOLER = 63 - '-pooler-repl'.length;
/** DNS-1123 subdomain, the rule for Secret and Issuer names. */
export const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const DNS_SUBDOMAIN_MAX = 253;
/** Label keys (optionally prefixed) and values as Kubernetes accepts them. */
export const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
export const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;
/** Catalog entity references for owner/system, e.g. `group:default/dba`. */
export const ENTITY_REF =
  /^([a-zA-Z][a-zA-Z0-9]*:)?([a-z0-9A-Z][-a-z0-9A-Z_.]*\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]{0,61}[a-z0-9A-Z])?$/;
/** Kubernetes resource quantity, as the Zalando CRD constrains cpu and memory. */
export const CPU_QUANTITY = /^(\d+m|\d+(\.\d{1,3})?)$/;
export const MEMORY_QUANTITY = /^(\d+(e\d+)?|\d+(\.\d+)?(e\d+)?[EPTGMK]i?)$/;
/** Operator maintenance window, e.g. `Sat:01:00-03:00` or `01:00-06:00` (UTC). */
export const MAINTENANCE_WINDOW =
  /^(?:(?<day>Mon|Tue|Wed|Thu|Fri|Sat|Sun):)?(?<start>(?:[01]\d|2[0-3]):[0-5]\d)-(?<end>(?:[01]\d|2[0-3]):[0-5]\d)$/;
/** The operator's own pattern for `logicalBackupSchedule`: numbers, `*` and steps only. */
export const OPERATOR_SCHEDULE = /^(\d+|\*)(\/\d+)?(\s+(\d+|\*)(\/\d+)?){4}$/;
/** IPv4 or IPv6 CIDR. */
export const CIDR_V4 =
  /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\/(3[0-2]|[12]?\d)$/;
export const CIDR_V6 =
  /^[0-9a-fA-F:]+:[0-9a-fA-F:]*\/(12[0-8]|1[01]\d|[1-9]?\d)$/;
/** Object-store bucket names (S3/GCS/Azure container): conservative common subset. */
export const BUCKET = /^[a-z0-9]([-a-z0-9.]{1,61}[a-z0-9])$/;
/** Object key prefix: path segments of safe characters, no `..`, no leading slash. */
export const PREFIX =
  /^[A-Za-z0-9_-][A-Za-z0-9_.-]*(\/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$/;
/** Cloud region, e.g. `eu-central-1`, `europe-west3`. */
export const REGION = /^[a-z0-9]([-a-z0-9]{0,62}[a-z0-9])?$/;
/** Object-store endpoint: http(s) URL with host and optional port, nothing else. */
export const ENDPOINT =
  /^https?:\/\/[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?(:\d{1,5})?\/?$/;
