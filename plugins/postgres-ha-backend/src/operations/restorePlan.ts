import { ConflictError, InputError } from '@backstage/errors';
import type {
  ClusterStatus,
  RestorePlan,
} from '@pgha/plugin-postgres-ha-common';

/** The restore template's limit for cluster names (a DNS label the operator extends). */
const MAX_NAME = 58;

/** `15`, `15.4` → 15: the clone must run the source's major to read its data. */
function majorVersion(version: string | undefined): number | undefined {
  const major = Number(/^(\d+)/.exec(version ?? '')?.[1]);
  return Number.isInteger(major) && major > 0 ? major : undefined;
}

/** What the clone inherits from the source: its major version and volume size. */
function inherited(status: ClusterStatus) {
  const version = majorVersion(status.cluster.postgresVersion);
  const size = status.kubernetes?.volumes.find(v => v.capacity)?.capacity;
  return {
    ...(version !== undefined && { postgresql: { version } }),
    ...(size && { storage: { size } }),
  };
}

/**
 * Checks `targetTime` against the recoverable window and prefills the restore
 * template with the keys it reads from `formData` (docs/wizard.md), including the
 * source's WAL archive when its live object names one.
 */
export function restorePlan(options: {
  status: ClusterStatus;
  entityRef: string;
  owner?: string;
  targetTime: string;
  templateRef: string;
}): RestorePlan {
  const { status, targetTime } = options;
  const window = status.backups.recoveryWindow;
  if (!window) {
    throw new ConflictError(
      `No recoverable window is known for ${status.cluster.name}${
        status.backups.error
          ? `: ${status.backups.error}`
          : ' (no base backup yet)'
      }`,
    );
  }
  const t = Date.parse(targetTime);
  if (t < Date.parse(window.earliest) || t > Date.parse(window.latest)) {
    throw new InputError(
      `targetTime: ${targetTime} is outside the recoverable window ${window.earliest} .. ${window.latest}`,
    );
  }
  const iso = new Date(t).toISOString();
  const suffix = `-restore-${iso
    .replace(/[-:]/g, '')
    .slice(0, 13)
    .toLowerCase()}`;
  const base = status.cluster.name
    .slice(0, MAX_NAME - suffix.length)
    .replace(/-+$/, '');
  return {
    templateRef: options.templateRef,
    values: {
      sourceEntity: options.entityRef,
      // The operator's CRD wants a numeric zone offset.
      targetTime: iso.replace(/\.\d+Z$|Z$/, '+00:00'),
      // Where the source archives (Secret names only), so the clone reads exactly there.
      ...(status.backups.walArchive && {
        walSource: status.backups.walArchive,
      }),
      ...inherited(status),
      cluster: {
        name: `${base}${suffix}`,
        ...(status.cluster.namespace
          ? { namespace: status.cluster.namespace }
          : {}),
        ...(options.owner ? { owner: options.owner } : {}),
      },
    },
  };
}
