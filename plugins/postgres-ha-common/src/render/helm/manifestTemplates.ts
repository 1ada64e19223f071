import type { ClusterSettings } from '../../settings';
import type { KubeObject } from '../kubernetes/types';
import { buildKubernetesObjects } from '../kubernetes/objects';
import { manifestFile } from '../kubernetes/files';
import { toYaml } from '../shared/yaml';
import { PlaceholderSet } from './goTemplate';
import { placeValues } from './placeValues';

/**
 * Pooler switches change more than the postgresql object (certificate names, network
 * policy peers). Rather than re-implement that in Go templates, the chart carries each
 * object as rendered for every pooler combination and picks the one the values select.
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

function objectTemplate(object: KubeObject): string {
  const placeholders = new PlaceholderSet();
  return placeholders.apply(toYaml(placeValues(object, placeholders)));
}

/** One template text per object; a conditional when pooler switches change it. */
function choose(variants: { when: string; text: string }[]): string {
  const distinct = [...new Set(variants.map(v => v.text))];
  if (distinct.length === 1) return distinct[0];
  const branches = distinct.map((text, i) => {
    const when = variants.filter(v => v.text === text).map(v => `(${v.when})`);
    const keyword = i === 0 ? 'if' : 'else if';
    return `{{- ${keyword} or ${when.join(' ')} false }}\n${text}`;
  });
  return `${branches.join('')}{{- end }}\n`;
}

/**
 * One template per manifest file of the kubernetes target: the same objects, serialized
 * by the YAML library and escaped, with the overridable fields turned into template code.
 */
export function buildManifestTemplates(s: ClusterSettings) {
  const renders = POOLER_COMBINATIONS.map(c => ({
    when: c.when,
    objects: buildKubernetesObjects({
      ...s,
      pooling: { ...s.pooling, primary: c.primary, replica: c.replica },
    }),
  }));
  const files = new Map<string, string[]>();
  renders[0].objects.forEach((object, index) => {
    const text = choose(
      renders.map(r => ({
        when: r.when,
        text: objectTemplate(r.objects[index]),
      })),
    );
    const file = `templates/${manifestFile(object)}`;
    files.set(file, [...(files.get(file) ?? []), text]);
  });
  return [...files].map(([path, texts]) => ({
    path,
    content: texts.join('---\n'),
  }));
}
