{{/*
The four services of the suite, in the order they are documented. Their Deployments, Services and
ServiceAccounts come from the generated charts and are named after the service, so one release of
this chart per namespace.
*/}}
{{- define "anc.services" -}}
identity-service phn-service sync-service portal-service
{{- end -}}

{{/* Labels on every object this chart renders itself. */}}
{{- define "anc.labels" -}}
app.kubernetes.io/part-of: {{ .Values.partOf }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/instance: {{ .Release.Name }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/*
Selector of one service's pods: the labels quarkus-kubernetes puts on the pod template
(app.kubernetes.io/name from quarkus.application.name, app.kubernetes.io/part-of from
quarkus.kubernetes.part-of). The version label is left out so selectors survive upgrades.
Call with (dict "name" "phn-service" "root" $).
*/}}
{{- define "anc.selector" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/part-of: {{ .root.Values.partOf }}
{{- end -}}

{{/* In-cluster base URL of a service (the generated Services listen on port 80). */}}
{{- define "anc.serviceUrl" -}}
{{- printf "http://%s.%s.svc.cluster.local" .name .root.Release.Namespace -}}
{{- end -}}
