import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';
import { exampleSettings } from '@pgha/plugin-postgres-ha-common';

export const examples: TemplateExample[] = [
  {
    description:
      'Validate the settings collected by the template form before rendering',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'postgres:cluster:validate',
          name: 'Validate settings',
          input: { settings: exampleSettings.production },
        },
      ],
    }),
  },
];
