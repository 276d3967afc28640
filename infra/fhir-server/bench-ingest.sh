#!/usr/bin/env bash
# FHIR server ingest benchmark (tx/s, p50/p95 of NEHR visit bundles). Flags: ./bench-ingest.sh --help
# Without --url it starts a server in the same JVM, hence the same default heap as fhir-server.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/launcher-env.sh"
# shellcheck disable=SC2086  # FHIR_SERVER_JAVA_OPTS is a list of JVM flags
exec "$java" ${FHIR_SERVER_JAVA_OPTS:--Xmx1g} @"$here/target/classpath.args" \
  org.ancconnect.fhirserver.bench.IngestBenchmarkMain "$@"
