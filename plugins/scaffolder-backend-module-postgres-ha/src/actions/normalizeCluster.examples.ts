import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Drop the answers a form kept for fields it hid (an S3 region after switching to gcs), then validate the result',
    example: yaml.stringify({
      steps: [
        {
          id: 'normalize',
          action: 'postgres:cluster:normalize',
          name: 'Drop hidden answers',
          input: {
            settings: {
              cluster: {
                name: 'orders-db',
                team: 'orders',
                owner: 'group:default/dba',
              },
              backup: {
                physical: {
                  enabled: true,
                  store: 'gcs',
                  bucket: 'acme-pg-backups',
                  credentialsSecret: 'orders-backup-gcs',
                  region: 'eu-central-1',
                },
              },
            },
          },
        },
        {
          id: 'validate',
          action: 'postgres:cluster:validate',
          name: 'Validate settings',
          input: { settings: '${{ steps.normalize.output.settings }}' },
        },
      ],
    }),
  },
];
