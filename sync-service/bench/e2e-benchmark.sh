#!/usr/bin/env bash
# End-to-end sync benchmark and crash test: DHIS2 stand-in -> RabbitMQ -> sync-service -> NEHR (HAPI JPA),
# side by side with the FHIR server's own ingest ceiling measured in the same run.
#
#   sync-service/bench/e2e-benchmark.sh --fhir http://127.0.0.1:8090/fhir [--entities 10000] [--visits 8]
#        [--consumers 4] [--replicas 1] [--kill-after 0] [--ceiling-seconds 20]
#
# --fhir        a running NEHR FHIR server (infra/fhir-server/fhir-server.sh) with an empty or disposable store
# --replicas    sync-service processes consuming the same queue (competing consumers, one advisory lock per entity)
# --kill-after  SIGKILL every replica once this many entities are synced, then start them again (0 = no kill)
# Needs: infra/dhis2-standin and sync-service packaged (./mvnw -f <module>/pom.xml package -DskipTests),
# PostgreSQL and RabbitMQ as configured for local runs. Prints entities/s and FHIR resources/s of the pipeline
# and of the server's ingest benchmark, then checks every entity is in the NEHR exactly once.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
fhir="" entities=10000 visits=8 consumers=4 replicas=1 kill_after=0 ceiling_seconds=20
while [[ $# -gt 0 ]]; do
  case "$1" in
    --fhir) fhir="$2"; shift 2 ;;
    --entities) entities="$2"; shift 2 ;;
    --visits) visits="$2"; shift 2 ;;
    --consumers) consumers="$2"; shift 2 ;;
    --replicas) replicas="$2"; shift 2 ;;
    --kill-after) kill_after="$2"; shift 2 ;;
    --ceiling-seconds) ceiling_seconds="$2"; shift 2 ;;
    *) sed -n '2,14p' "$0"; exit 2 ;;
  esac
done
[[ -n "$fhir" ]] || { echo "--fhir is required" >&2; exit 2; }
run="bench$(date +%s)"
psql_sync() { psql -h "${ANC_PG_HOST:-127.0.0.1}" -U "${ANC_PG_USER:-postgres}" -d "anc_sync_$run" -Atc "$1"; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

standin_port=$(( 20000 + RANDOM % 10000 ))
"$java" -Xmx512m -Dquarkus.http.port=$standin_port -Dstandin.db-name="anc_dhis2_$run" \
  -Dstandin.program-file="$root/../shared/dhis2/anc-program.json" \
  -jar "$root/infra/dhis2-standin/target/quarkus-app/quarkus-run.jar" > "/tmp/$run-standin.log" 2>&1 &
pids+=($!)
until curl -sf "http://127.0.0.1:$standin_port/q/health/ready" > /dev/null; do sleep 1; done
echo "generating $entities mothers with up to $visits visits each"
curl -sf -u admin:district -XPOST "http://127.0.0.1:$standin_port/api/standin/generate?trackedEntities=$entities&visits=$visits&seed=1"; echo

start_replica() {
  SYNC_DB_NAME="anc_sync_$run" SYNC_HTTP_PORT=0 SYNC_DHIS2_BASE_URL="http://127.0.0.1:$standin_port" ANC_NEHR_BASE_URL="$fhir" \
  SYNC_DETECTION_INTERVAL=2s SYNC_RABBITMQ_QUEUE_PREFIX="$run." SYNC_DELIVERY_CONSUMERS="$consumers" QUARKUS_OIDC_TENANT_ENABLED=false \
  "$java" -Xmx512m -jar "$root/sync-service/target/quarkus-app/quarkus-run.jar" >> "/tmp/$run-sync-$1.log" 2>&1 &
  sync_pids[$1]=$!
  pids+=($!)
}
declare -a sync_pids
t0=$(date +%s.%N)
since=$(date -u +%Y-%m-%dT%H:%M:%SZ)
for i in $(seq 1 "$replicas"); do start_replica "$i"; done
synced() { psql_sync "SELECT count(*) FROM sync_entity WHERE status = 'SYNCED'" 2>/dev/null || echo 0; }
killed=0
while true; do
  n=$(synced)
  if [[ "$kill_after" -gt 0 && "$killed" -eq 0 && "$n" -ge "$kill_after" ]]; then
    echo "SIGKILL of $replicas replica(s) at $n synced"; for i in $(seq 1 "$replicas"); do kill -9 "${sync_pids[$i]}"; done
    killed=1; sleep 2; for i in $(seq 1 "$replicas"); do start_replica "$i"; done
  fi
  [[ "$n" -ge "$entities" ]] && break
  failed=$(psql_sync "SELECT count(*) FROM sync_entity WHERE status = 'FAILED'" 2>/dev/null || echo 0)
  [[ "$failed" -gt 0 ]] && { echo "$failed entities dead-lettered:"; psql_sync "SELECT tracked_entity, last_error FROM sync_entity WHERE status = 'FAILED' LIMIT 5"; }
  sleep 1
done
t1=$(date +%s.%N)
resources=$(psql_sync "SELECT sum(jsonb_array_length(fhir_versions)) FROM sync_entity")
elapsed=$(echo "$t1 - $t0" | bc -l)
printf 'pipeline: %d entities in %.1f s = %.1f entities/s, %.1f FHIR resources/s (%d replica(s) x %d consumers)\n' \
  "$entities" "$elapsed" "$(echo "$entities / $elapsed" | bc -l)" "$(echo "$resources / $elapsed" | bc -l)" "$replicas" "$consumers"

count() { curl -sf "$fhir/$1&_summary=count" | sed -E 's/.*"total":([0-9]+).*/\1/'; }
ns="http://dhis2.health.gov.lk/identifier"
patients=$(count "Patient?identifier=$ns/tracked-entity|&_lastUpdated=ge$since")
events=$(psql -h "${ANC_PG_HOST:-127.0.0.1}" -U "${ANC_PG_USER:-postgres}" -d "anc_dhis2_$run" -Atc \
  "SELECT count(*) FROM event WHERE status = 'COMPLETED' AND NOT deleted")
encounters=$(count "Encounter?identifier=$ns/event|&_lastUpdated=ge$since")
echo "NEHR: $patients Patients for $entities tracked entities; $encounters Encounters for $events completed events"
[[ "$patients" -eq "$entities" && "$encounters" -eq "$events" ]] && echo "exactly once: OK" || echo "exactly once: MISMATCH"
echo "ceiling: infra/fhir-server/bench-ingest.sh --url $fhir --seconds $ceiling_seconds --clients $((consumers * replicas))"
"$root/infra/fhir-server/bench-ingest.sh" --url "$fhir" --seconds "$ceiling_seconds" --warmup 5 --clients "$((consumers * replicas))"
