import {
  ConfigMap,
  Secret,
  Service,
  ServiceAccount,
} from 'kubernetes-models/v1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { CronJob, Job } from 'kubernetes-models/batch/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import {
  PodMonitor,
  PrometheusRule,
  ServiceMonitor,
} from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { Certificate } from '@kubernetes-models/cert-manager/cert-manager.io/v1';

interface ModelError {
  instancePath: string;
  message?: string;
}
type ModelClass = new (data: any) => { validate(): void };

const MODELS: Record<string, ModelClass> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'batch/v1/CronJob': CronJob,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'monitoring.coreos.com/v1/PodMonitor': PodMonitor,
  'monitoring.coreos.com/v1/PrometheusRule': PrometheusRule,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
  'cert-manager.io/v1/Certificate': Certificate,
};

export const hasModel = (apiVersion: string, kind: string) =>
  Boolean(MODELS[`${apiVersion}/${kind}`]);

function modelErrors(Model: ModelClass, object: unknown): ModelError[] {
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: ModelError[] }).errors;
    if (!errors) throw error;
    return errors;
  }
}

/** A value no schema type accepts, so a declared field always reports it. */
const PROBE = Symbol('probe');

/**
 * The models' validators accept undeclared fields (the generated schemas do not close
 * objects). A field is declared when replacing its value with a value of no JSON type
 * makes the validator complain at exactly that field; otherwise it would be pruned.
 */
function undeclaredFields(Model: ModelClass, root: any): string[] {
  const found: string[] = [];
  const visit = (node: any, pointer: string) => {
    if (!node || typeof node !== 'object') return;
    for (const key of Object.keys(node)) {
      const child = `${pointer}/${
        Array.isArray(node) ? key : key.replace(/~/g, '~0').replace(/\//g, '~1')
      }`;
      if (!Array.isArray(node)) {
        const saved = node[key];
        node[key] = PROBE;
        const declared = modelErrors(Model, root).some(
          e => e.instancePath === child,
        );
        node[key] = saved;
        if (!declared) {
          found.push(`${child} is not declared by the schema`);
          continue;
        }
      }
      visit(node[key], child);
    }
  };
  visit(root, '');
  return found;
}

/** Schema errors plus undeclared fields of a built-in or well-known CRD object. */
export function validateWithModel(object: {
  apiVersion: string;
  kind: string;
}): string[] {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model)
    return [`no schema is known for ${object.apiVersion} ${object.kind}`];
  const copy = structuredClone(object);
  const errors = modelErrors(Model, copy).map(
    e => `${e.instancePath || '/'} ${e.message}`,
  );
  return [...errors, ...undeclaredFields(Model, copy)];
}
