import {
  RenderedFile,
  SettingsError,
  TARGETS,
  Target,
  clusterSettingsSchema,
  renderCluster,
  validateSettings,
} from '@pgha/plugin-postgres-ha-common';

/** The model's top-level sections; the wizard's pages use exactly these names. */
const SECTIONS = Object.keys(clusterSettingsSchema.innerType().shape);

/** The settings part of the wizard's form data (drops wizard-only fields such as publishTo). */
export function settingsFromForm(formData: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(formData).filter(([key, value]) => SECTIONS.includes(key) && value !== undefined),
  );
}

export type Preview =
  | { ok: true; target: Target; files: RenderedFile[] }
  | { ok: false; target: Target; errors: SettingsError[] };

/** Validates and renders like the scaffolder actions do: the same two functions of the model. */
export function previewFor(settings: Record<string, unknown>, target: Target): Preview {
  const result = validateSettings({ ...settings, target });
  if (!result.ok) return { ok: false, target, errors: result.errors };
  try {
    return { ok: true, target, files: renderCluster(result.settings) };
  } catch (e) {
    return { ok: false, target, errors: [{ path: 'target', message: (e as Error).message }] };
  }
}

/** The chosen target first, then the others, so the preview can compare them. */
export function targetsStartingWith(chosen: unknown): Target[] {
  const first = TARGETS.find(t => t === chosen) ?? TARGETS[0];
  return [first, ...TARGETS.filter(t => t !== first)];
}
