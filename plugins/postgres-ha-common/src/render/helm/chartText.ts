/**
 * Fixed Go template text of the chart. No user value is ever spliced in here: templates
 * read user values from .Values, which the YAML library wrote into values.yaml.
 */

/**
 * Rules between two values, which values.schema.json cannot hold (settings/rules.ts has the
 * same ones for the settings). templates/checks.yaml renders nothing else.
 */
const CHECKS_TPL = `
{{- define "pgha.quantity" -}}
{{- $q := toString . -}}
{{- $units := dict "m" 0.001 "k" 1000.0 "M" 1e6 "G" 1e9 "T" 1e12 "P" 1e15 "E" 1e18 "Ki" 1024.0 "Mi" 1048576.0 "Gi" 1073741824.0 "Ti" 1099511627776.0 "Pi" 1125899906842624.0 "Ei" 1152921504606846976.0 -}}
{{- $suffix := regexFind "[A-Za-z]+$" $q -}}
{{- mulf (float64 (trimSuffix $suffix $q)) (get $units $suffix | default 1) -}}
{{- end -}}

{{- define "pgha.checks" -}}
{{- range $kind := list "cpu" "memory" -}}
{{- $request := index $.Values.resources.requests $kind -}}
{{- $limit := index $.Values.resources.limits $kind -}}
{{- if gt (float64 (include "pgha.quantity" $request)) (float64 (include "pgha.quantity" $limit)) -}}
{{- fail (printf "resources.requests.%s (%v) must not exceed resources.limits.%s (%v)" $kind $request $kind $limit) -}}
{{- end -}}
{{- end -}}
{{- end -}}
`;

export const HELPERS_TPL = `{{/*
Named templates that turn values into parts of the postgresql object. The operator's CRD
wants quantities, versions and parameters as strings, while --set gives numbers: quote them.
*/}}

{{- define "pgha.strings" -}}
{{- $out := dict -}}
{{- range $key, $value := . -}}
{{- $_ := set $out $key (toString $value) -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}

{{- define "pgha.postgresql" -}}
version: {{ .Values.postgresql.version | int | toString | quote }}
parameters:
  {{- include "pgha.strings" (.Values.postgresql.parameters | default dict) | nindent 2 }}
{{- end -}}

{{- define "pgha.volume" -}}
size: {{ .Values.storage.size | toString | quote }}
{{- with .Values.storage.storageClass }}
storageClass: {{ . | quote }}
{{- end }}
{{- end -}}

{{- define "pgha.resources" -}}
requests:
  {{- include "pgha.strings" .Values.resources.requests | nindent 2 }}
limits:
  {{- include "pgha.strings" .Values.resources.limits | nindent 2 }}
{{- end -}}

{{- define "pgha.pooler" -}}
{{- $p := .Values.pooler -}}
{{- if or $p.primary $p.replica -}}
enableConnectionPooler: {{ $p.primary }}
enableReplicaConnectionPooler: {{ $p.replica }}
connectionPooler:
  numberOfInstances: {{ $p.instances | int }}
  mode: {{ $p.mode | quote }}
  maxDBConnections: {{ $p.maxDBConnections | int }}
{{- end -}}
{{- end -}}
${CHECKS_TPL}`;

/** A template that only runs the checks. */
export const CHECKS_YAML = `{{- include "pgha.checks" . -}}\n`;

export const NOTES_TXT = `PostgreSQL cluster {{ .Values.cluster.name }} in namespace {{ .Values.cluster.namespace }}:
{{ .Values.instances }} instance(s) of PostgreSQL {{ .Values.postgresql.version }}, managed by the Zalando postgres-operator.
{{- with .Values.cluster.description }}

{{ . }}
{{- end }}

Watch the operator create it:
  kubectl get postgresql {{ .Values.cluster.name }} -n {{ .Values.cluster.namespace }} -w

Connect to the primary (the operator stores the postgres password in a Secret):
  kubectl port-forward -n {{ .Values.cluster.namespace }} svc/{{ .Values.cluster.name }} 5432:5432
`;
