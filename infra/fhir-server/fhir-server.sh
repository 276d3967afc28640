#!/usr/bin/env bash
# Runs the NEHR FHIR server (HAPI FHIR JPA, R4) in the foreground. Flags: ./fhir-server.sh --help
# Java: $JAVA_HOME/bin/java when JAVA_HOME is set, else java on PATH (21 or newer).
# Heap: FHIR_SERVER_JAVA_OPTS, default -Xmx1g (HAPI JPA with the IG loaded peaks around 600 MB).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
version="$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')"
if [[ -z "$version" || "${version%%.*}" -lt 21 ]]; then
  echo "fhir-server: needs Java 21 or newer, but $java is ${version:-unknown}; set JAVA_HOME" >&2
  exit 1
fi

if [[ ! -f "$here/target/fhir-server.args" || ! -d "$here/target/classes/org" ]]; then
  echo "fhir-server: building infra/fhir-server first ..." >&2
  (cd "$root" && ./mvnw -B -q -f infra/fhir-server/pom.xml -DskipTests package)
fi
# shellcheck disable=SC2086  # FHIR_SERVER_JAVA_OPTS is a list of JVM flags
exec "$java" ${FHIR_SERVER_JAVA_OPTS:--Xmx1g} @"$here/target/fhir-server.args" "$@"
