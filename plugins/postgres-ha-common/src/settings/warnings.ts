import { checkCron } from './cron';
import { spiloRetention } from './retention';
import type { ClusterSettings } from './schema';
import type { SettingsError } from './settingsError';

/**
 * Valid settings that may not do what their author expects: shown next to the result, never
 * blocking it. Each names its field, like an error.
 */
export function settingsWarnings(s: ClusterSettings): SettingsError[] {
  const warnings: SettingsError[] = [];
  const { instances, replication, synchronousNodeCount } = s.topology;
  if (
    replication === 'synchronous-strict' &&
    instances === synchronousNodeCount + 1
  ) {
    warnings.push({
      path: 'topology.replication',
      message: `with ${instances} instances and ${synchronousNodeCount} synchronous node(s), writes stop whenever one standby is down (strict mode never writes without a synchronous standby); add an instance to keep writing`,
    });
  }
  const p = s.backup.physical;
  if (p.enabled && !checkCron(p.schedule)) {
    const { kept } = spiloRetention(p.schedule, p.retention);
    if (kept >= 2 * p.retention) {
      warnings.push({
        path: 'backup.physical.retention',
        message: `Spilo keeps every base backup of the last ${p.retention} days: with this schedule up to ${kept} backups, not ${p.retention}`,
      });
    }
  }
  return warnings;
}
