#!/usr/bin/env bash
# End-to-end sync benchmark and resilience runs: DHIS2 stand-in -> RabbitMQ -> sync-service -> NEHR (HAPI JPA),
# side by side with the FHIR server's own ingest ceiling measured in the same run, then an exactly-once check.
#
#   sync-service/bench/e2e-benchmark.sh [--fhir URL] [--entities 10000] [--visits 8] [--consumers 4] [--replicas 1]
#        [--kill-after N] [--nehr-outage-after N] [--broker-restart-after N] [--stop-at HH:MM] [--ceiling-seconds 20]
#        [--pipeline-only]
#
# --fhir                  a running NEHR server with a disposable store; without it the run starts its own on a free
#                         port with a fresh database anc_nehr_<run> (required by --nehr-outage-after)
# --replicas              sync-service processes on the same queues (competing consumers, one advisory lock per entity)
# --kill-after N          SIGKILL every replica once N entities are synced, then start them again
# --nehr-outage-after N   stop the NEHR server (SIGTERM) once N are synced, keep it down 60 s, start it again
# --broker-restart-after N  the run uses a private RabbitMQ node on 5673 (bench/private-broker.sh, never the shared
#                         broker on 5672) and restarts it once N are synced
# --pipeline-only         no ceilings: the pipeline's figures and the exactly-once check only (before/after pairs of
#                         CPU per entity, where the ratio would not be a figure anyway on a loaded machine)
# --stop-at HH:MM         (UTC, private RabbitMQ node as above) a long run on a shared machine: if not every entity is
#                         synced by then, purge the run's work and retry queues, wait until no message is in flight and
#                         check what was synced (bench/exactly-once.sh); the report says how many of --entities that was
# Needs infra/dhis2-standin, infra/fhir-server and sync-service packaged (./mvnw -f <module>/pom.xml package -DskipTests),
# PostgreSQL and RabbitMQ as for local runs. Prints entities/s and FHIR resources/s of the pipeline (first to last
# commit, and over the middle 80 % of commits, which leaves out start-up and the tail as the ceiling's warm-up does),
# the CPU seconds per entity of the NEHR, stand-in and sync JVMs (user + system from /proc: figures that survive a
# loaded machine), the same per entity for the whole machine, RabbitMQ, PostgreSQL, the backends of each of the run's
# databases and the sync JVM's thread groups (bench/cpu-accounting.sh; the ceiling's side printed too), then bench/exactly-once.sh: Patients, Encounters and Observations in the NEHR against what DHIS2
# holds and what the sync log says was written, each exactly once; the old 7-resource ingest ceiling
# (infra/fhir-server/bench-ingest.sh, another workload: context only); then, the pipeline stopped, the issue's ceiling:
# the same bundles (SameBundleCeiling: the stand-in's entities mapped by the service's own mapper, same shared-resource
# elision, same number of clients as consumers) posted straight to a NEHR on a fresh database, and the ratio of the
# pipeline's entities/s to that ceiling's, whole run and middle 80 % of commits.
# The replicas (and the ceiling's client, so that both sides' client JVMs are alike) run with the production JVM options
# the images carry (quarkus-parent's image.jvm-options and image.malloc-arena-max, as infra/measure-startup.sh reads
# them) sized for the charts' 512Mi pod (-XX:MaxRAM=512m): the serial collector, compact object headers, JIT thresholds
# x5. REPLICA_JVM_OPTS replaces them (e.g. "-Xmx512m", the JVM's defaults, as runs before 2026-11-21 23:00 used).
# SYNC_JAVA_OPTS: extra JVM flags of the replicas (e.g. a JFR recording).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/cpu-accounting.sh"
root="$(cd "$here/../.." && pwd)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# SYNC_SERVICE_JAR: a copy of the packaged service, so a build during a long run cannot swap the jar under it.
sync_jar="${SYNC_SERVICE_JAR:-$root/sync-service/target/quarkus-app/quarkus-run.jar}"
fhir="" entities=10000 visits=8 consumers=4 replicas=1 kill_after=0 outage_after=0 broker_after=0 stop_at="" ceiling_seconds=20 pipeline_only=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --fhir) fhir="$2"; shift 2 ;;
    --entities) entities="$2"; shift 2 ;;
    --visits) visits="$2"; shift 2 ;;
    --consumers) consumers="$2"; shift 2 ;;
    --replicas) replicas="$2"; shift 2 ;;
    --kill-after) kill_after="$2"; shift 2 ;;
    --nehr-outage-after) outage_after="$2"; shift 2 ;;
    --broker-restart-after) broker_after="$2"; shift 2 ;;
    --stop-at) stop_at="$2"; shift 2 ;;
    --ceiling-seconds) ceiling_seconds="$2"; shift 2 ;;
    --pipeline-only) pipeline_only=1; shift ;;
    *) sed -n '2,25p' "$0"; exit 2 ;;
  esac
done
pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$root/quarkus-parent/pom.xml" | head -n1; }
replica_opts="${REPLICA_JVM_OPTS-$(pom_property image.jvm-options) -XX:MaxRAM=512m}"
# glibc arenas as in the images, for the replicas and the ceiling's client only (not with REPLICA_JVM_OPTS, unless set)
arenas="${MALLOC_ARENA_MAX:-$([[ -z "${REPLICA_JVM_OPTS+set}" ]] && pom_property image.malloc-arena-max || true)}"
arena_env=()
if [[ -n "$arenas" ]]; then arena_env=(MALLOC_ARENA_MAX="$arenas"); fi
private_broker=0
[[ "$broker_after" -gt 0 || -n "$stop_at" ]] && private_broker=1
stop_epoch=$([[ -n "$stop_at" ]] && date -u -d "$stop_at" +%s || echo 0)
run="bench$(date +%s)"
pg() { psql -h "${ANC_PG_HOST:-127.0.0.1}" -U "${ANC_PG_USER:-postgres}" -d "$1" -Atc "$2"; }
psql_sync() { pg "anc_sync_$run" "$1"; }
log="/tmp/$run"
pids=()
fhir_pid=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ -n "$fhir_pid" ]] && kill "$fhir_pid" 2>/dev/null || true
  [[ "$private_broker" -eq 1 ]] && "$here/private-broker.sh" stop || true
}
trap cleanup EXIT
# A plain SIGTERM or Ctrl-C ends bash without its EXIT trap: turn them into an exit, or the JVMs and the broker outlive the run.
trap "exit 143" TERM
trap "exit 130" INT
echo "run $run: $entities entities, $visits visits max, $replicas replica(s) x $consumers consumers; $(uptime)"
echo "replica JVM options: $replica_opts ${SYNC_JAVA_OPTS:-} (MALLOC_ARENA_MAX=${arenas:-unset})"

start_fhir() {  # [database name, default anc_nehr_<run>]
  rm -f "$log-fhir.url"
  FHIR_SERVER_JAVA_OPTS="-Xmx1g" "$root/infra/fhir-server/fhir-server.sh" --port 0 --url-file "$log-fhir.url" \
    --jdbc-url "jdbc:postgresql://${ANC_PG_HOST:-127.0.0.1}:5432/${1:-anc_nehr_$run}" >> "$log-fhir.log" 2>&1 &
  fhir_pid=$!
  until [[ -s "$log-fhir.url" ]]; do sleep 1; kill -0 "$fhir_pid" 2>/dev/null || { echo "NEHR did not start: $log-fhir.log"; exit 1; }; done
}
own_fhir=0
if [[ -z "$fhir" ]]; then
  own_fhir=1; start_fhir; fhir="$(cat "$log-fhir.url")"; echo "NEHR $fhir (database anc_nehr_$run)"
elif [[ "$outage_after" -gt 0 ]]; then
  echo "--nehr-outage-after needs the run's own NEHR (omit --fhir)" >&2; exit 2
fi
fhir_port="$(echo "$fhir" | sed -E 's#.*:([0-9]+)/.*#\1#')"
rabbit_port="${ANC_RABBITMQ_PORT:-5672}"
if [[ "$private_broker" -eq 1 ]]; then "$here/private-broker.sh" start; rabbit_port=5673; fi

standin_port=$(( 20000 + RANDOM % 10000 ))
"$java" -Xmx512m -Dquarkus.http.port=$standin_port -Dstandin.db-name="anc_dhis2_$run" \
  -Dstandin.program-file="$root/../shared/dhis2/anc-program.json" \
  -jar "$root/infra/dhis2-standin/target/quarkus-app/quarkus-run.jar" > "$log-standin.log" 2>&1 &
standin_pid=$!
pids+=($!)
until curl -sf "http://127.0.0.1:$standin_port/q/health/ready" > /dev/null; do sleep 1; done
echo "generating $entities mothers with up to $visits visits each"
curl -sf -u admin:district -XPOST "http://127.0.0.1:$standin_port/api/standin/generate?trackedEntities=$entities&visits=$visits&seed=1"; echo

declare -a sync_pids
# Detection every 30 s (the service's default), not 2 s: the generator stamps every mother with one updatedAt, so each
# detection run pages through the whole backlog again (deduplicated by the sync log), and at 2 s that re-reading cost
# the 10 000-entity run of 2026-11-21 a fifth to a quarter of its CPU per synced entity (README, "Measured").
start_replica() {
  SYNC_DB_NAME="anc_sync_$run" SYNC_HTTP_PORT=0 SYNC_DHIS2_BASE_URL="http://127.0.0.1:$standin_port" ANC_NEHR_BASE_URL="$fhir" \
  SYNC_DETECTION_INTERVAL=30s SYNC_RABBITMQ_QUEUE_PREFIX="$run." SYNC_DELIVERY_CONSUMERS="$consumers" QUARKUS_OIDC_TENANT_ENABLED=false \
  ANC_RABBITMQ_PORT="$rabbit_port" env "${arena_env[@]}" "$java" $replica_opts ${SYNC_JAVA_OPTS:-} -jar "$sync_jar" \
    >> "$log-sync-$1.log" 2>&1 &
  sync_pids[$1]=$!
  pids+=($!)
}
for i in $(seq 1 "$replicas"); do start_replica "$i"; done
synced() { psql_sync "SELECT count(*) FROM sync_entity WHERE status = 'SYNCED'" 2>/dev/null || echo 0; }
# CPU seconds (user + system) of live processes; a killed or stopped process's share is kept in *_gone first.
cpu() { local t=0 p; for p in "$@"; do [[ -r "/proc/$p/stat" ]] && t=$(( t + $(awk '{print $14 + $15}' "/proc/$p/stat") )); done
  echo "scale=2; $t / $(getconf CLK_TCK)" | bc; }
sync_cpu() { echo "$sync_gone + $(cpu "${sync_pids[@]}")" | bc; }
fhir_cpu() { echo "$fhir_gone + $(cpu "$fhir_pid")" | bc; }
sync_gone=0 fhir_gone=0 base_n=-1 stopped=0
killed=0 outage=0 restarted=0 last_report=0
while true; do
  n=$(synced)
  if [[ "$base_n" -lt 0 && "$n" -gt 0 ]]; then
    # From the first commit on: start-up (HAPI's IG install, Quarkus boot) is not per-entity work.
    base_n=$n base_fhir=$(fhir_cpu) base_standin=$(cpu "$standin_pid") base_sync=$(sync_cpu)
    # Threads of the sync JVM only when one replica runs for the whole run (a killed replica's threads are gone).
    split_pid=$([[ "$replicas" -eq 1 && "$kill_after" -eq 0 ]] && echo "${sync_pids[1]}" || true)
    snapshot "$log-cpu-first" "$run" "$split_pid"
  fi
  if [[ "$kill_after" -gt 0 && "$killed" -eq 0 && "$n" -ge "$kill_after" ]]; then
    echo "$(date -u +%T) SIGKILL of $replicas replica(s) at $n synced"
    sync_gone=$(sync_cpu)
    for i in $(seq 1 "$replicas"); do kill -9 "${sync_pids[$i]}"; done
    killed=1; sleep 2; for i in $(seq 1 "$replicas"); do start_replica "$i"; done
  fi
  if [[ "$outage_after" -gt 0 && "$outage" -eq 0 && "$n" -ge "$outage_after" ]]; then
    echo "$(date -u +%T) NEHR stopped at $n synced, for 60 s"; fhir_gone=$(fhir_cpu); kill "$fhir_pid"; wait "$fhir_pid" 2>/dev/null || true
    outage=1; sleep 60
    rm -f "$log-fhir.url"
    FHIR_SERVER_JAVA_OPTS="-Xmx1g" "$root/infra/fhir-server/fhir-server.sh" --port "$fhir_port" --url-file "$log-fhir.url" \
      --jdbc-url "jdbc:postgresql://${ANC_PG_HOST:-127.0.0.1}:5432/anc_nehr_$run" >> "$log-fhir.log" 2>&1 &
    fhir_pid=$!
    echo "$(date -u +%T) NEHR restarting on port $fhir_port"
  fi
  if [[ "$broker_after" -gt 0 && "$restarted" -eq 0 && "$n" -ge "$broker_after" ]]; then
    echo "$(date -u +%T) private RabbitMQ restarted at $n synced"; "$here/private-broker.sh" restart; restarted=1
  fi
  [[ "$n" -ge "$entities" ]] && break
  if [[ "$stop_epoch" -gt 0 && "$(date +%s)" -ge "$stop_epoch" ]]; then
    echo "$(date -u +%T) --stop-at $stop_at reached at $n synced: purging the run's work and retry queues"
    queues=$(rabbitmqctl -n syncbench@localhost -q list_queues name | grep -E "^$run\.sync\.tracked-entities(\.retry\.[0-9]+)?$")
    for q in $queues; do rabbitmqctl -n syncbench@localhost -q purge_queue "$q" > /dev/null; done
    # In-flight deliveries finish (or go back to a purged-then-empty retry tier): wait until none is unacked for 15 s.
    quiet=0
    while [[ "$quiet" -lt 15 ]]; do
      inflight=$(rabbitmqctl -n syncbench@localhost -q list_queues name messages messages_unacknowledged |
        awk -v r="$run." 'index($1, r) == 1 && $1 ~ /tracked-entities/ {s += $2 + $3} END {print s + 0}')
      if [[ "$inflight" -eq 0 ]]; then quiet=$(( quiet + 1 )); else quiet=0; for q in $queues; do
        rabbitmqctl -n syncbench@localhost -q purge_queue "$q" > /dev/null; done; fi
      sleep 1
    done
    n=$(synced); stopped=1
    echo "$(date -u +%T) stopped with $n of $entities synced, nothing in flight"
    break
  fi
  failed=$(psql_sync "SELECT count(*) FROM sync_entity WHERE status = 'FAILED'" 2>/dev/null || echo 0)
  if [[ "$failed" -gt 0 ]]; then
    echo "$failed entities dead-lettered:"; psql_sync "SELECT tracked_entity, left(last_error, 300) FROM sync_entity WHERE status = 'FAILED' LIMIT 5"
    [[ "$(( n + failed ))" -ge "$entities" ]] && break
  fi
  if [[ $(( SECONDS - last_report )) -ge 60 ]]; then echo "$(date -u +%T) $n synced; $(uptime | sed 's/.*load/load/')"; last_report=$SECONDS; fi
  sleep 1
done
snapshot "$log-cpu-last" "$run" "${split_pid:-}"
cpu_line="NEHR $(echo "scale=3; ($(fhir_cpu) - $base_fhir) / ($n - $base_n)" | bc) s, stand-in $(echo "scale=3; ($(cpu "$standin_pid") - $base_standin) / ($n - $base_n)" | bc) s, sync $(echo "scale=3; ($(sync_cpu) - $base_sync) / ($n - $base_n)" | bc) s"
read -r resources elapsed < <(psql_sync "SELECT sum(jsonb_array_length(fhir_versions)),
  extract(epoch FROM max(synced_at) - min(synced_at)) FROM sync_entity WHERE status = 'SYNCED'" | tr '|' ' ')
printf 'pipeline: %d entities, %d FHIR resources written in %.1f s (first to last commit) = %.2f entities/s, %.1f resources/s (%d replica(s) x %d consumers); %s\n' \
  "$n" "$resources" "$elapsed" "$(echo "$n / $elapsed" | bc -l)" "$(echo "$resources / $elapsed" | bc -l)" "$replicas" "$consumers" \
  "$(uptime | sed 's/.*load/load/')"
# The middle 80 % of commits in time order: without the first JIT-cold bundles and the tail where consumers run dry.
read -r mid_n mid_resources mid_elapsed < <(psql_sync "WITH c AS (SELECT synced_at, jsonb_array_length(fhir_versions) r,
  ntile(10) OVER (ORDER BY synced_at) d FROM sync_entity WHERE status = 'SYNCED') SELECT count(*), sum(r),
  extract(epoch FROM max(synced_at) - min(synced_at)) FROM c WHERE d BETWEEN 2 AND 9" | tr '|' ' ')
mid_rate=$(echo "$mid_resources / $mid_elapsed" | bc -l)
printf 'pipeline, middle 80 %% of commits: %d entities, %d resources in %.1f s = %.2f entities/s, %.1f resources/s\n' \
  "$mid_n" "$mid_resources" "$mid_elapsed" "$(echo "$mid_n / $mid_elapsed" | bc -l)" "$mid_rate"
echo "CPU per entity from the first commit on (user + system of the JVMs): $cpu_line"
cpu_split "$log-cpu-first" "$log-cpu-last" "$(( n - base_n ))"
retries=$(psql_sync "SELECT count(*) FROM sync_entity WHERE attempts > 1")
echo "entities that needed more than one attempt: $retries"
[[ "$stopped" -eq 1 ]] && echo "run stopped at --stop-at: $n of $entities entities synced; the check covers those"
"$here/exactly-once.sh" "$run" "$fhir" "$([[ "$own_fhir" -eq 1 ]] && echo 2000-01-01 || date -u -d "@${run#bench}" +%Y-%m-%dT%H:%M:%SZ)" || true
if [[ "$pipeline_only" -eq 1 ]]; then
  echo "--pipeline-only: no ceilings measured"; exit 0
fi
echo "old ceiling (7-resource bundles of new resources, NOT the pipeline's workload; for context): infra/fhir-server/bench-ingest.sh --url $fhir --seconds $ceiling_seconds --clients $((consumers * replicas)); $(uptime | sed 's/.*load/load/')"
"$root/infra/fhir-server/bench-ingest.sh" --url "$fhir" --seconds "$ceiling_seconds" --warmup 5 --clients "$((consumers * replicas))" | tee "$log-ceiling.txt"
ceiling=$(awk '$1 ~ /^[0-9]+$/ && NF == 8 {r = $5} END {print r}' "$log-ceiling.txt")
printf 'pipeline vs old 7-resource ceiling (resources/s, different workloads: context only): whole run %.0f %%, middle 80 %% %.0f %%\n' \
  "$(echo "100 * $resources / $elapsed / $ceiling" | bc -l)" "$(echo "100 * $mid_rate / $ceiling" | bc -l)"

# The issue's ceiling: the same bundles the pipeline sent (same entities from the stand-in, the service's own mapper and
# shared-resource elision, same conditional upserts, as many clients as the pipeline had consumers) posted straight to a
# NEHR on a fresh database, as the pipeline's run started with. The pipeline is stopped first: nothing else competes.
if [[ "$own_fhir" -ne 1 ]]; then
  echo "same-bundle ceiling skipped: it needs the run's own NEHR (omit --fhir) to start one on a fresh database"; exit 0
fi
for p in "${sync_pids[@]}"; do kill "$p" 2>/dev/null || true; done
kill "$fhir_pid"; wait "$fhir_pid" 2>/dev/null || true
start_fhir "anc_nehr_${run}_ceiling"; ceiling_fhir="$(cat "$log-fhir.url")"
app="$(dirname "$sync_jar")"
echo "same-bundle ceiling: NEHR $ceiling_fhir (fresh database anc_nehr_${run}_ceiling), $((consumers * replicas)) clients; $(uptime | sed 's/.*load/load/')"
fhir_before=$(cpu "$fhir_pid")
snapshot "$log-cpu-ceiling-first" "$run" ""
env "${arena_env[@]}" "$java" $replica_opts -Xmx512m -cp "$app/app/*:$app/lib/main/*" org.ancconnect.sync.bench.SameBundleCeiling --dhis2 "http://127.0.0.1:$standin_port" \
  --nehr "$ceiling_fhir" --clients "$((consumers * replicas))" | tee "$log-same-ceiling.txt"
same_n=$(awk '/^same-bundle ceiling: [0-9]+ bundles/ {print $3}' "$log-same-ceiling.txt")
echo "CPU per entity of the NEHR JVM under the same-bundle ceiling: $(echo "scale=3; ($(cpu "$fhir_pid") - $fhir_before) / $same_n" | bc) s (pipeline run: ${cpu_line%%,*})"
# Its PostgreSQL backends (pg-nehr) next to the pipeline's; machine and rabbitmq here include the untimed fetch from the
# stand-in, so the client's own line above gives the timed part's machine figure.
snapshot "$log-cpu-ceiling-last" "$run" ""
echo "same-bundle ceiling (whole client run): $(cpu_split "$log-cpu-ceiling-first" "$log-cpu-ceiling-last" "$same_n")"
same_rate=$(awk '/^same-bundle ceiling: [0-9]+ bundles/ {for (i = 1; i <= NF; i++) if ($(i+1) == "entities/s,") print $i}' "$log-same-ceiling.txt")
same_mid=$(awk '/^same-bundle ceiling, middle 80/ {for (i = 1; i <= NF; i++) if ($(i+1) == "entities/s,") print $i}' "$log-same-ceiling.txt")
printf 'pipeline vs same-bundle ceiling (entities/s, the issue'"'"'s figure): whole run %.0f %% (%.2f of %.2f), middle 80 %% %.0f %% (%.2f of %.2f); %s\n' \
  "$(echo "100 * $n / $elapsed / $same_rate" | bc -l)" "$(echo "$n / $elapsed" | bc -l)" "$same_rate" \
  "$(echo "100 * $mid_n / $mid_elapsed / $same_mid" | bc -l)" "$(echo "$mid_n / $mid_elapsed" | bc -l)" "$same_mid" \
  "$(uptime | sed 's/.*load/load/')"
