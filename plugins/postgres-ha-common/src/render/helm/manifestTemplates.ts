import type { ClusterSettings } from '../../settings';
import type { KubeObject } from '../kubernetes/types';
import { buildKubernetesObjects } from '../kubernetes/objects';
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
 * One template per manifest file of the kubernetes target: the same objects, serialized
 * by the YAML library and escaped, with the overridable fields turned into template code.
 */
export function buildManifestTemplates(s: ClusterSettings) {
  const renders = POOLER_COMBINATIONS.map(c =>
    buildKubernetesObjects({
      ...s,
      pooling: { ...s.pooling, primary: c.primary, replica: c.replica },
    }),
  );
  const files = new Map<string, string[]>();
  renders[0].forEach((object, index) => {
    const text = objectTemplate(renders.map(objects => objects[index]));
    const file = `templates/${manifestFile(object)}`;
    files.set(file, [...(files.get(file) ?? []), text]);
  });
  return [...files].map(([path, texts]) => ({
    path,
    content: texts.join('---\n'),
  }));
}
