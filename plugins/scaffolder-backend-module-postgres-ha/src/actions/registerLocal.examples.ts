import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Register the entity published by postgres:publish:local and link to it',
    example: yaml.stringify({
      steps: [
        {
          id: 'register',
          action: 'postgres:catalog:register-local',
          name: 'Register in the catalog',
          input: {
            catalogInfoPath: '${{ steps.publish.output.catalogInfoPath }}',
            timeoutSeconds: 120,
          },
        },
      ],
      output: {
        links: [
          {
            title: 'Open in catalog',
            icon: 'catalog',
            entityRef: '${{ steps.register.output.entityRef }}',
          },
        ],
      },
    }),
  },
];
