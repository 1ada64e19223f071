import {
  RenderedFile,
  SettingsError,
  TARGETS,
  Target,
  clusterSettingsSchema,
  dropInapplicableFields,
  renderCluster,
  validateSettings,
} from '@pgha/plugin-postgres-ha-common';

/** The model's top-level sections; the wizard's pages use exactly these names. */
const SECTIONS = Object.keys(clusterSettingsSchema.innerType().shape);

/**
 * The settings part of the wizard's form data: without wizard-only fields such as publishTo,
 * and without answers to fields the form hid (the template's normalize step drops the same).
 */
export function settingsFromForm(formData: Record<string, unknown>): {
  settings: Record<string, unknown>;
  dropped: string[];
} {
  const sections = Object.fromEntries(
    Object.entries(formData).filter(
      ([key, value]) => SECTIONS.includes(key) && value !== undefined,
    ),
  );
  const { settings, dropped } = dropInapplicableFields(sections);
  return { settings: settings as Record<string, unknown>, dropped };
}

export type Preview =
  | { ok: true; target: Target; files: RenderedFile[] }
  | { ok: false; target: Target; errors: SettingsError[] };

/** A renderer's refusal names its field as `path: message`; otherwise it is the target's. */
function renderError(message: string): SettingsError {
  const located = /^([a-zA-Z][\w.[\]]*): (.+)$/s.exec(message);
  return located
    ? { path: located[1], message: located[2] }
    : { path: 'target', message };
}

/** Validates and renders like the scaffolder actions do: the same two functions of the model. */
export function previewFor(
  settings: Record<string, unknown>,
  target: Target,
): Preview {
  const result = validateSettings({ ...settings, target });
  if (!result.ok) return { ok: false, target, errors: result.errors };
  try {
    return { ok: true, target, files: renderCluster(result.settings) };
  } catch (e) {
    return { ok: false, target, errors: [renderError((e as Error).message)] };
  }
}

/** The chosen target first, then the others, so the preview can compare them. */
export function targetsStartingWith(chosen: unknown): Target[] {
  const first = TARGETS.find(t => t === chosen) ?? TARGETS[0];
  return [first, ...TARGETS.filter(t => t !== first)];
}
