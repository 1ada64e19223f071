import type { SettingsError } from '@pgha/plugin-postgres-ha-common';
import { previewFor, settingsFromForm, targetsStartingWith } from './preview';

type FormData = Record<string, unknown>;

/**
 * Cross-field rules whose model path is not where the user fixes it in the wizard: the error
 * is shown under `field` (on the page where the deciding answer is given), naming the path.
 */
const PLACEMENTS: { path: string; when: RegExp; field: string }[] = [
  // The name is answered first; turning the replica pooler on later is what breaks it.
  { path: 'cluster.name', when: /replica pooler/, field: 'pooling.replica' },
];

/** Where a model error is shown in the form: its own path, or the field that decides it. */
export function placeError(error: SettingsError): SettingsError {
  const moved = PLACEMENTS.find(
    p => p.path === error.path && p.when.test(error.message),
  );
  return moved
    ? { path: moved.field, message: `${error.path} ${error.message}` }
    : error;
}

/**
 * Every error of the wizard's answers for the chosen target, placed on form fields: the
 * model's validation and its renderer, exactly as the template's steps run them.
 */
export function formErrors(formData: FormData): SettingsError[] {
  const { settings } = settingsFromForm(formData);
  const preview = previewFor(settings, targetsStartingWith(settings.target)[0]);
  return preview.ok ? [] : preview.errors.map(placeError);
}

/** `databases[0].name` → `['databases', '0', 'name']`. */
export function pathSegments(path: string): string[] {
  return path.split(/\.|\[(\d+)\]\.?/).filter(s => s !== undefined && s !== '');
}

/** A form section: the top-level key holding the field of `path`. */
export const sectionOf = (path: string) => pathSegments(path)[0];
