import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { validateSettings } from '@pgha/plugin-postgres-ha-common';
import { examples } from './validateCluster.examples';
import { invalidSettingsError, settingsInput } from './settingsInput';

export const VALIDATE_CLUSTER_ACTION_ID = 'postgres:cluster:validate';

/** Checks cluster settings without writing anything; fails with the field-named errors. */
export function createValidateClusterAction() {
  return createTemplateAction({
    id: VALIDATE_CLUSTER_ACTION_ID,
    description:
      'Validates PostgreSQL HA cluster settings; fails naming each invalid field and what it allows.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        ...settingsInput,
      },
      output: {
        valid: z => z.boolean().describe('Whether the settings are valid'),
        errors: z =>
          z
            .array(
              z
                .object({
                  path: z
                    .string()
                    .describe('Field path, e.g. backup.physical.schedule'),
                  message: z
                    .string()
                    .describe('What is wrong and what is allowed'),
                })
                .describe('One invalid field'),
            )
            .describe('Every problem found; empty when valid'),
      },
    },
    async handler(ctx) {
      const result = validateSettings(ctx.input.settings);
      const errors = result.ok ? [] : result.errors;
      ctx.output('valid', result.ok);
      ctx.output('errors', errors);
      if (!result.ok) throw invalidSettingsError(errors);
      ctx.logger.info(`settings of ${result.settings.cluster.name} are valid`);
    },
  });
}
