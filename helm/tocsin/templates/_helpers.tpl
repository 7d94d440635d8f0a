{{/*
Chart name, overridable with nameOverride.
*/}}
{{- define "tocsin.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full resource name. 52 characters at most: the StatefulSet controller appends "-<10-char hash>"
to it for the controller-revision-hash label, which must stay within 63.
*/}}
{{- define "tocsin.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 52 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 52 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 52 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version for the helm.sh/chart label.
*/}}
{{- define "tocsin.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels on every resource.
*/}}
{{- define "tocsin.labels" -}}
helm.sh/chart: {{ include "tocsin.chart" . }}
{{ include "tocsin.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | trunc 63 | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Labels that select the pods (immutable in a StatefulSet: never add to them).
*/}}
{{- define "tocsin.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tocsin.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
ServiceAccount the pods run as.
*/}}
{{- define "tocsin.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "tocsin.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Image reference: repository plus digest, or tag (default appVersion).
*/}}
{{- define "tocsin.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/*
The HTTP port from config.api.port (default 8080).
*/}}
{{- define "tocsin.port" -}}
{{- dig "api" "port" 8080 .Values.config | int }}
{{- end }}

{{/*
Kafka Streams' state directory from config.kafka.state_dir; the state volume is mounted there.
*/}}
{{- define "tocsin.stateDir" -}}
{{- $dir := dig "kafka" "state_dir" "/var/lib/tocsin/state" .Values.config }}
{{- if not (hasPrefix "/" $dir) }}
{{- fail (printf "config.kafka.state_dir must be an absolute path, got %q" $dir) }}
{{- end }}
{{- if or (eq $dir "/tmp") (hasPrefix "/etc/tocsin" $dir) }}
{{- fail (printf "config.kafka.state_dir %q would collide with the /tmp or /etc/tocsin mounts" $dir) }}
{{- end }}
{{- $dir }}
{{- end }}

{{/*
Where the `rules` files are mounted.
*/}}
{{- define "tocsin.rulesDir" -}}
/etc/tocsin/rules
{{- end }}

{{/*
The rendered config.yaml: .Values.config without empty sections, plus the mounted rules directory
when `rules` has files.
*/}}
{{- define "tocsin.configYaml" -}}
{{- $config := deepCopy .Values.config }}
{{- if .Values.rules }}
{{- $rules := get $config "rules" | default dict }}
{{- $dirs := get $rules "dirs" | default list }}
{{- $_ := set $rules "dirs" (append $dirs (include "tocsin.rulesDir" .) | uniq) }}
{{- $_ := set $config "rules" $rules }}
{{- end }}
{{- range $section, $settings := $config }}
{{- if and (kindIs "map" $settings) (empty $settings) }}
{{- $_ := unset $config $section }}
{{- end }}
{{- end }}
{{- toYaml $config }}
{{- end }}

{{/*
Name of the Secret for one reference: its own existingSecret, else secrets.existingSecret, else
the full name. Call with (dict "ref" <entry> "root" $).
*/}}
{{- define "tocsin.secretName" -}}
{{- .ref.existingSecret | default .root.Values.secrets.existingSecret | default (include "tocsin.fullname" .root) }}
{{- end }}
