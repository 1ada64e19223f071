import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';
import { exampleSettings } from '@pgha/plugin-postgres-ha-common';

export const examples: TemplateExample[] = [
  {
    description:
      'Render Zalando operator manifests for a minimal two-instance cluster',
    example: yaml.stringify({
      steps: [
        {
          id: 'render',
          action: 'postgres:cluster:render',
          name: 'Render cluster',
          input: { settings: exampleSettings.minimal },
        },
      ],
    }),
  },
  {
    description:
      'Render a production cluster (sync replicas, WAL-G to S3, PITR, monitoring, TLS) into a sub-directory, for the configured Kubernetes cluster prod',
    example: yaml.stringify({
      steps: [
        {
          id: 'render',
          action: 'postgres:cluster:render',
          name: 'Render cluster',
          input: {
            settings: exampleSettings.production,
            targetPath: 'generated',
            kubernetesCluster: 'prod',
          },
        },
      ],
    }),
  },
];
