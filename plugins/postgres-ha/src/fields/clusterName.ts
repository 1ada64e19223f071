import { clusterSettingsSchema } from '@pgha/plugin-postgres-ha-common';

/** The model's own rule for `cluster.name` (DNS-1123 label, operator length limit). */
const nameRule = clusterSettingsSchema.innerType().shape.cluster.shape.name;

/** Why `name` cannot name a cluster, or undefined; the message comes from the model. */
export function checkClusterName(name: string): string | undefined {
  const result = nameRule.safeParse(name);
  return result.success ? undefined : result.error.issues[0]?.message;
}
