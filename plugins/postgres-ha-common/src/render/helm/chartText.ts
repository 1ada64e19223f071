/**
 * Fixed Go template text of the chart. No user value is ever spliced in here: templates
 * read user values from .Values, which the YAML library wrote into values.yaml.
 */

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
`;

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
