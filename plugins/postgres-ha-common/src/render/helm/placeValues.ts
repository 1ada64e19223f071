import type { KubeObject } from '../kubernetes/types';
import type { PlaceholderSet } from './goTemplate';

type Spec = Record<string, any>;

const POOLER_KEYS = [
  'enableConnectionPooler',
  'enableReplicaConnectionPooler',
  'connectionPooler',
];

const scalar = (p: PlaceholderSet, expr: string) =>
  p.add({ kind: 'scalar', expr });

/** Where the values reach into the `postgresql` object; see templates/_helpers.tpl. */
function placePostgresqlValues(
  object: KubeObject,
  p: PlaceholderSet,
): KubeObject {
  const spec: Spec = { ...(object.spec as Spec) };
  const instances = scalar(p, '{{ .Values.instances | int }}');
  spec.numberOfInstances = instances;
  spec.topologySpreadConstraints = (
    spec.topologySpreadConstraints as Spec[] | undefined
  )?.map(c => (c.minDomains ? { ...c, minDomains: instances } : c));
  spec.postgresql = p.add({ kind: 'block', template: 'pgha.postgresql' });
  spec.volume = p.add({ kind: 'block', template: 'pgha.volume' });
  spec.resources = p.add({ kind: 'block', template: 'pgha.resources' });
  for (const key of POOLER_KEYS) delete spec[key];
  spec.pghaPooler = p.add({ kind: 'splice', template: 'pgha.pooler' });
  spec.env = (spec.env as { name: string }[] | undefined)?.map(env => {
    if (env.name === 'BACKUP_SCHEDULE') {
      return {
        ...env,
        value: scalar(p, '{{ .Values.backup.physical.schedule | quote }}'),
      };
    }
    if (env.name === 'BACKUP_NUM_TO_RETAIN') {
      return {
        ...env,
        value: scalar(
          p,
          '{{ .Values.backup.physical.retention | int | toString | quote }}',
        ),
      };
    }
    return env;
  });
  if (spec.enableLogicalBackup) {
    spec.logicalBackupSchedule = scalar(
      p,
      '{{ .Values.backup.logical.schedule | quote }}',
    );
    spec.logicalBackupRetention = scalar(
      p,
      '{{ .Values.backup.logical.retention | quote }}',
    );
  }
  spec.sidecars = (spec.sidecars as { name: string }[] | undefined)?.map(
    sidecar =>
      sidecar.name === 'exporter'
        ? {
            ...sidecar,
            image: scalar(p, '{{ .Values.images.exporter | quote }}'),
          }
        : sidecar,
  );
  return { ...object, spec };
}

function placePgAdminImage(object: KubeObject, p: PlaceholderSet): KubeObject {
  const spec = object.spec as Spec;
  const pod = spec.template.spec as Spec;
  const containers = (pod.containers as { name: string }[]).map(container =>
    container.name === 'pgadmin'
      ? {
          ...container,
          image: scalar(p, '{{ .Values.images.pgAdmin | quote }}'),
        }
      : container,
  );
  return {
    ...object,
    spec: {
      ...spec,
      template: { ...spec.template, spec: { ...pod, containers } },
    },
  };
}

/** The object with the fields the chart's values override replaced by placeholders. */
export function placeValues(object: KubeObject, p: PlaceholderSet): KubeObject {
  if (object.kind === 'postgresql') return placePostgresqlValues(object, p);
  if (
    object.kind === 'Deployment' &&
    object.metadata.labels?.['app.kubernetes.io/component'] === 'pgadmin'
  ) {
    return placePgAdminImage(object, p);
  }
  return object;
}
