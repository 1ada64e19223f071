import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Publish the rendered cluster files to <postgresHa.localPublish.directory>/orders-db',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'postgres:publish:local',
          name: 'Publish locally',
          input: { name: 'orders-db' },
        },
      ],
    }),
  },
  {
    description:
      'Publish only the rendered sub-directory and replace an earlier copy',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'postgres:publish:local',
          name: 'Publish locally',
          input: {
            name: 'orders-db',
            sourcePath: 'generated',
            overwrite: true,
          },
        },
      ],
    }),
  },
];
