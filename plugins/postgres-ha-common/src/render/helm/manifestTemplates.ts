import type { ClusterSettings } from '../../settings';
import type { KubeObject } from '../kubernetes/types';
import { OBJECT_BUILDERS, type ObjectsBuilder } from '../kubernetes/objects';
import { manifestFile } from '../kubernetes/files';
import { toYaml } from '../shared/yaml';
import { PlaceholderSet } from './goTemplate';
import { placeValues } from './placeValues';
import {
  allEqual,
  distinct,
  mergeVariants,
  variantsOf,
  type Variant,
} from './variants';

/**
 * Pooler switches change more than the postgresql object (certificate names, network
 * policy peers). Rather than re-implement that in Go templates, the chart carries each
 * field as rendered for every pooler combination and picks the one the values select.
 */
const POOLER_COMBINATIONS = [
  {
    primary: true,
    replica: true,
    when: 'and .Values.pooler.primary .Values.pooler.replica',
  },
  {
    primary: true,
    replica: false,
    when: 'and .Values.pooler.primary (not .Values.pooler.replica)',
  },
  {
    primary: false,
    replica: true,
    when: 'and (not .Values.pooler.primary) .Values.pooler.replica',
  },
  {
    primary: false,
    replica: false,
    when: 'not (or .Values.pooler.primary .Values.pooler.replica)',
  },
];

/** Whole-document branches: the fallback when the variants share no key order. */
function chooseDocument(variants: Variant[], p: PlaceholderSet): string {
  const branches = distinct(variants).map(
    ({ when, value }, i) =>
      `{{- ${i === 0 ? 'if' : 'else if'} ${when} }}\n${p.apply(toYaml(value))}`,
  );
  return `${branches.join('')}{{- end }}\n`;
}

/** One template text for an object that may differ between the pooler combinations. */
function objectTemplate(objects: KubeObject[]): string {
  const texts = objects.map(object => JSON.stringify(object));
  const p = new PlaceholderSet(texts);
  if (texts.every(text => text === texts[0])) {
    return p.apply(toYaml(placeValues(objects[0], p)));
  }
  // The same placeholders land in every variant; only pooler-dependent fields differ.
  const variants = variantsOf(
    objects.map((object, i) => ({
      when: POOLER_COMBINATIONS[i].when,
      value: placeValues(object, p),
    })),
  );
  const merged = allEqual(variants)
    ? variants[0].value
    : mergeVariants(variants, p);
  return merged ? p.apply(toYaml(merged)) : chooseDocument(variants, p);
}

/**
 * Runs a builder on settings whose pooler switches report being read: a builder that never
 * reads them renders the same objects for every pooler combination.
 */
function readsPoolerSwitches(build: ObjectsBuilder, s: ClusterSettings) {
  let read = false;
  const pooling = new Proxy(s.pooling, {
    get(target, key, receiver) {
      if (key === 'primary' || key === 'replica') read = true;
      return Reflect.get(target, key, receiver);
    },
  });
  const objects = build({ ...s, pooling });
  return { objects, read };
}

/** Each object of one builder, as rendered for every pooler combination (or once). */
function objectVariants(build: ObjectsBuilder, s: ClusterSettings) {
  const { objects, read } = readsPoolerSwitches(build, s);
  if (!read) return objects.map(object => [object]);
  const renders = POOLER_COMBINATIONS.map(c =>
    build({
      ...s,
      pooling: { ...s.pooling, primary: c.primary, replica: c.replica },
    }),
  );
  if (renders.some(r => r.length !== renders[0].length)) {
    throw new Error(
      'a chart object exists for some pooler combinations only; the chart cannot switch it',
    );
  }
  return renders[0].map((_, index) => renders.map(r => r[index]));
}

/**
 * One template per manifest file of the kubernetes target: the same objects, serialized
 * by the YAML library and escaped, with the overridable fields turned into template code.
 */
export function buildManifestTemplates(s: ClusterSettings) {
  const files = new Map<string, string[]>();
  for (const build of OBJECT_BUILDERS) {
    for (const variants of objectVariants(build, s)) {
      const file = `templates/${manifestFile(variants[0])}`;
      files.set(file, [...(files.get(file) ?? []), objectTemplate(variants)]);
    }
  }
  return [...files].map(([path, texts]) => ({
    path,
    content: texts.join('---\n'),
  }));
}
