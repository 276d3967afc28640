#!/usr/bin/env bash
# Runs the NEHR FHIR server (HAPI FHIR JPA, R4) in the foreground. Flags: ./fhir-server.sh --help
# Java: $JAVA_HOME/bin/java when JAVA_HOME is set, else java on PATH (21 or newer).
# JVM flags: FHIR_SERVER_JAVA_OPTS, default -Xmx1g (HAPI JPA with the IG loaded peaks around 600 MB).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/launcher-env.sh"
# shellcheck disable=SC2086  # FHIR_SERVER_JAVA_OPTS is a list of JVM flags
exec "$java" ${FHIR_SERVER_JAVA_OPTS:--Xmx1g} @"$here/target/fhir-server.args" "$@"
