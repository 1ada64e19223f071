import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { dropInapplicableFields } from '@pgha/plugin-postgres-ha-common';
import { examples } from './normalizeCluster.examples';
import { SETTINGS_DESCRIPTION } from './settingsInput';

export const NORMALIZE_CLUSTER_ACTION_ID = 'postgres:cluster:normalize';

/**
 * Drops answers that other answers made inapplicable (the wizard hides those fields but the
 * form keeps their values). Runs the model's `dropInapplicableFields`, which the wizard's
 * preview runs too, so the preview and the task see the same settings.
 */
export function createNormalizeClusterAction() {
  return createTemplateAction({
    id: NORMALIZE_CLUSTER_ACTION_ID,
    description:
      'Drops cluster settings fields that other fields make inapplicable (e.g. an S3 region when the store is gcs), as a form that hid them would expect.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        settings: z =>
          z.record(z.string(), z.unknown()).describe(SETTINGS_DESCRIPTION),
      },
      output: {
        settings: z =>
          z
            .record(z.string(), z.unknown())
            .describe('The settings without the inapplicable fields'),
        dropped: z =>
          z
            .array(z.string())
            .describe(
              'Dotted paths of the dropped fields, e.g. backup.physical.region',
            ),
      },
    },
    async handler(ctx) {
      const { settings, dropped } = dropInapplicableFields(ctx.input.settings);
      if (dropped.length > 0) {
        ctx.logger.info(
          `ignored answers to hidden fields: ${dropped.join(', ')}`,
        );
      }
      ctx.output('settings', settings as Record<string, unknown>);
      ctx.output('dropped', dropped);
    },
  });
}
