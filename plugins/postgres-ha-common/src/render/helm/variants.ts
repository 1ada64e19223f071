import { toYaml } from '../shared/yaml';
import type { PlaceholderSet } from './goTemplate';

/**
 * One value as rendered for one case (e.g. one pooler combination) and the Go template
 * condition that selects that case.
 */
export interface Variant {
  when: string;
  value: unknown;
  /** `JSON.stringify(value)`: equal texts mean equal values. */
  json: string | undefined;
}

export const variantsOf = (
  values: { when: string; value: unknown }[],
): Variant[] => values.map(v => ({ ...v, json: JSON.stringify(v.value) }));

export const allEqual = (variants: Variant[]) =>
  variants.every(v => v.json === variants[0].json);

const isMapping = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A Go template condition true in exactly the given variants' cases. */
const anyOf = (variants: Variant[]) =>
  `or ${variants.map(v => `(${v.when})`).join(' ')} false`;

/** Distinct values, each with the condition that selects it. */
export function distinct(variants: Variant[]) {
  const groups = new Map<string | undefined, Variant[]>();
  for (const v of variants) {
    groups.set(v.json, [...(groups.get(v.json) ?? []), v]);
  }
  return [...groups.values()].map(group => ({
    value: group[0].value,
    when: anyOf(group),
  }));
}

/**
 * The entries of all lists in one order each list keeps, or undefined when there is none
 * (or a list repeats an entry, which would make "the same entry" ambiguous).
 */
function orderedUnion(lists: string[][]): string[] | undefined {
  const union: string[] = [];
  for (const list of lists) {
    if (new Set(list).size !== list.length) return undefined;
    let at = 0;
    for (const entry of list) {
      const found = union.indexOf(entry);
      if (found === -1) union.splice(at++, 0, entry);
      else if (found < at) return undefined;
      else at = found + 1;
    }
  }
  return union;
}

/**
 * A list holding every item of the variants once: items all variants share stay as they
 * are, each run of items only some variants have becomes one conditional placeholder.
 */
function mergeItems(
  variants: Variant[],
  p: PlaceholderSet,
): unknown[] | undefined {
  const lists = variants.map(v => v.value as unknown[]);
  // An empty list would be printed as `key:` (null) when all its items are switched off.
  if (lists.some(list => list.length === 0)) return undefined;
  const texts = lists.map(list => list.map(item => JSON.stringify(item)));
  const union = orderedUnion(texts);
  if (!union) return undefined;
  const items = new Map(lists.flat().map(item => [JSON.stringify(item), item]));
  const merged: unknown[] = [];
  let run: { when: string; items: unknown[] } | undefined;
  const flush = () => {
    if (run) {
      merged.push(
        p.add({ kind: 'items', when: run.when, text: toYaml(run.items) }),
      );
    }
    run = undefined;
  };
  for (const text of union) {
    const having = variants.filter((_, i) => texts[i].includes(text));
    const item = items.get(text);
    if (having.length === variants.length) {
      flush();
      merged.push(item);
    } else if (run?.when === anyOf(having)) {
      run.items.push(item);
    } else {
      flush();
      run = { when: anyOf(having), items: [item] };
    }
  }
  flush();
  return merged;
}

/**
 * The mapping the variants share, with placeholders where they differ: mappings are merged
 * key by key, lists item by item, and anything else becomes a choice between whole values.
 * Only what differs is serialized once per variant. Undefined when the variants share no
 * key order.
 */
export function mergeVariants(
  variants: Variant[],
  p: PlaceholderSet,
): Record<string, unknown> | undefined {
  const mappings = variants.map(v => v.value as Record<string, unknown>);
  const keys = orderedUnion(mappings.map(m => Object.keys(m)));
  if (!keys) return undefined;
  const merged: Record<string, unknown> = {};
  for (const key of keys) {
    const values = variantsOf(
      variants.map((v, i) => ({ when: v.when, value: mappings[i][key] })),
    );
    if (allEqual(values)) {
      if (values[0].value !== undefined) merged[key] = values[0].value;
      continue;
    }
    let nested: unknown;
    if (values.every(v => isMapping(v.value)))
      nested = mergeVariants(values, p);
    else if (values.every(v => Array.isArray(v.value))) {
      nested = mergeItems(values, p);
    }
    merged[key] =
      nested ??
      p.add({
        kind: 'choice',
        branches: distinct(values).map(({ when, value }) => ({
          when,
          text: value === undefined ? '' : toYaml({ [key]: value }),
        })),
      });
  }
  return merged;
}
