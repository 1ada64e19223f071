import { validateSettings, type ClusterSettings } from '../settings';

/** Validated settings from an input, failing loudly with the field errors otherwise. */
export function settingsFrom(input: unknown): ClusterSettings {
  const result = validateSettings(input);
  if (!result.ok) {
    throw new Error(`invalid test settings: ${JSON.stringify(result.errors)}`);
  }
  return result.settings;
}
