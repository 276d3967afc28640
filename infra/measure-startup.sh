#!/usr/bin/env bash
# Measures each service's JVM start-up and idle memory, one service at a time:
#   - live:  wall time from launching `java -jar <service>/target/quarkus-app/quarkus-run.jar` to the
#            first HTTP 200 from /q/health/live
#   - ready: the same to the first 200 from /q/health/ready (needs the service's dependencies up:
#            PostgreSQL, RabbitMQ, the NEHR, the other services; "-" when not ready within the wait)
#   - cpu:   CPU time the JVM had used (all its threads, /proc/<pid>/stat utime+stime) when it was live: unlike the
#            wall times it barely grows when other processes compete for the cores, so it compares runs under load
#   - rss:   VmRSS of the process (/proc/<pid>/status) after it has been idle for IDLE_SECONDS
# and prints a table. Targets (issue 7): JVM <= 1.5 s to live and <= 200 MB RSS idle per service;
# native executables (Mandrel) <= 0.05 s and <= 60 MB.
#
# Each service is measured in two modes (AOT, default "both"): "jit", the production options alone, and "aot",
# the same options plus -XX:AOTCache=<service>/target/aot/app.aot, a JDK 25 AOT cache (JEP 483/514/515: classes
# loaded and linked, method profiles) from a training run of the same jar with the same options. The script trains
# the cache when it is missing or older than the jar (AOT_TRAIN=always retrains): one start with
# -XX:AOTCacheOutput, readiness awaited, TRAINING_ROUNDS rounds of requests to the health, metrics and OpenAPI
# endpoints, then SIGTERM; the JVM writes the cache as it exits. A cache is only valid for the same JVM, class path
# and options: a stale or missing one makes the JVM print an error and start without it (slower, not broken).
#
# Pods start as the chart's Deployment starts them: a service whose generated manifests carry Quarkus's Flyway
# init-task (target/kubernetes/kubernetes.yml sets QUARKUS_FLYWAY_ACTIVE) is first migrated once as the init-task Job
# does (QUARKUS_INIT_AND_EXIT=true QUARKUS_FLYWAY_ACTIVE=true: migrate, exit), then trained and measured with
# QUARKUS_FLYWAY_ACTIVE=false, as the Deployment's pods run (they wait for the Job; they never migrate).
#
# Usage: infra/measure-startup.sh [service ...]     (default: all four services)
# Build the jars first: ./mvnw -B -f <service>/pom.xml package -DskipTests
# JVM options: the production ones, read from the one place the images take them from (quarkus-parent's
# image.jvm-options and image.malloc-arena-max), plus -XX:MaxRAM=<POD_MEMORY_LIMIT> so heap ergonomics
# (MaxRAMPercentage) size the heap as in a pod with that memory limit, not from this machine's RAM.
# `infra/measure-startup.sh --print-jvm-options` prints them and exits.
# Environment: ANC_ROOT (checkout whose jars to measure), JAVA_HOME (JDK 25), POD_MEMORY_LIMIT (default 512m, the
# charts' limit), JAVA_OPTS (extra JVM options appended after the production ones), AOT (both | jit | aot),
# AOT_TRAIN (auto | always), TRAINING_ROUNDS (default 20), IDLE_SECONDS (default 10),
# LIVE_WAIT_SECONDS (default 60), READY_WAIT_SECONDS (default 20), BASE_PORT (default 18080: services listen
# on BASE_PORT+1..4 so a suite started by infra/run-local.sh keeps its ports), plus whatever the services need
# to start (the same variables as infra/run-local.sh, e.g. IDENTITY_KEYSTORE_FILE).
set -euo pipefail

# ANC_ROOT: measure the jars of another checkout (default: this one).
ROOT=${ANC_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
IDLE_SECONDS=${IDLE_SECONDS:-10}
READY_WAIT_SECONDS=${READY_WAIT_SECONDS:-20}
LIVE_WAIT_SECONDS=${LIVE_WAIT_SECONDS:-60}
BASE_PORT=${BASE_PORT:-18080}
POD_MEMORY_LIMIT=${POD_MEMORY_LIMIT:-512m}
AOT=${AOT:-both}
AOT_TRAIN=${AOT_TRAIN:-auto}
TRAINING_ROUNDS=${TRAINING_ROUNDS:-20}
case "$AOT" in both) modes=(jit aot) ;; jit|aot) modes=("$AOT") ;; *) echo "AOT must be both, jit or aot" >&2; exit 2 ;; esac

pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/quarkus-parent/pom.xml" | head -n1; }
PRODUCTION_OPTS=$(pom_property image.jvm-options)
MALLOC_ARENA_MAX=$(pom_property image.malloc-arena-max)
[ -n "$PRODUCTION_OPTS" ] && [ -n "$MALLOC_ARENA_MAX" ] || { echo "no image.jvm-options/image.malloc-arena-max in $ROOT/quarkus-parent/pom.xml" >&2; exit 1; }
export MALLOC_ARENA_MAX
JVM_OPTS="$PRODUCTION_OPTS -XX:MaxRAM=$POD_MEMORY_LIMIT${JAVA_OPTS:+ $JAVA_OPTS}"
if [ "${1:-}" = --print-jvm-options ]; then echo "$JVM_OPTS"; exit 0; fi
LOGS=$(mktemp -d "${TMPDIR:-/tmp}/anc-startup.XXXXXX")

services=("$@")
[ ${#services[@]} -eq 0 ] && services=(portal-service identity-service phn-service sync-service)

# The polling below starts no process: a curl, a date and a sleep per 10 ms round cost ~10 ms of CPU (measured here),
# up to half a core taken from the JVM being measured on a 2-core machine. bash's own clock, /dev/tcp and read -t
# do the same work in the shell.
# now_us: sets now to the wall clock in microseconds ($EPOCHREALTIME, bash 5).
now_us() { now=${EPOCHREALTIME//[.,]/}; }
# elapsed_ms: sets elapsed to the milliseconds since start (set by start_service).
elapsed_ms() { now_us; elapsed=$(( (now - start) / 1000 )); }
# http_status <port> <path>: sets status to the HTTP status of a GET to 127.0.0.1:<port> (000 when nothing answers).
http_status() {
  local fd proto code rest
  status=000
  { exec {fd}<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 0
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$2" "$1" >&"$fd" 2>/dev/null || true
  if IFS=' ' read -r -t 2 -u "$fd" proto code rest && [[ $proto == HTTP/* && $code =~ ^[0-9]{3}$ ]]; then status=$code; fi
  exec {fd}>&-
}
# pause <seconds>: a read that times out on a FIFO nobody writes to (TICK, opened below).
pause() { read -r -t "$1" -u "$TICK" _ || true; }
mkfifo "$LOGS/tick"
exec {TICK}<>"$LOGS/tick"
CLK_TCK=$(getconf CLK_TCK)
# utime + stime of every thread of the process so far (fields 14 and 15 of /proc/<pid>/stat; the command name in
# field 2 is in parentheses and may hold spaces, so count from the closing one).
cpu_ms() { awk -v tck="$CLK_TCK" '{ sub(/.*\) /, ""); print int(($12 + $13) * 1000 / tck) }' "/proc/$1/stat"; }

pid=""
pod_env=()
stop_service() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  pid=""
}
trap stop_service EXIT

# start_service <jar> <port> <log> [extra JVM option ...]: launches the JVM in the background (pid, start), with the
# environment of the service's Deployment (pod_env).
start_service() {
  local jar=$1 port=$2 log=$3
  shift 3
  # Anything else answering on the port would be measured instead of this JVM.
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is already in use: set BASE_PORT to a free range" >&2
    exit 1
  fi
  now_us
  start=$now
  # shellcheck disable=SC2086 # JVM_OPTS is a word list
  env "${pod_env[@]}" "$JAVA" $JVM_OPTS "$@" -Dquarkus.http.port="$port" -Dquarkus.http.host=127.0.0.1 -jar "$jar" >"$log" 2>&1 &
  pid=$!
}

# init_task <service> <jar> <port>: when the service's chart runs Flyway as Quarkus's init-task Job, runs that Job's
# start once (migrate, exit) and sets pod_env to what the Deployment's pods get; sets init to its outcome.
init_task() {
  local service=$1 jar=$2 port=$3 manifests="$ROOT/$1/target/kubernetes/kubernetes.yml"
  pod_env=()
  init=""
  grep -q 'name: QUARKUS_FLYWAY_ACTIVE' "$manifests" 2>/dev/null || return 0
  log="$LOGS/$service-init-task.log"
  pod_env=(QUARKUS_INIT_AND_EXIT=true QUARKUS_FLYWAY_ACTIVE=true)
  start_service "$jar" "$port" "$log"
  if wait "$pid"; then init="migrated by the init task"; else init="init task FAILED: see $log"; fi
  pid=""
  pod_env=(QUARKUS_FLYWAY_ACTIVE=false)
}

# await_live <port>: sets live (ms) and cpu (ms of CPU at that moment), or notes why not.
await_live() {
  live="-"; cpu="-"; notes=""
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then notes="exited during start-up: see $log"; return; fi
    http_status "$1" /q/health/live
    if [ "$status" = 200 ]; then elapsed_ms; live=$elapsed; cpu=$(cpu_ms "$pid"); return; fi
    elapsed_ms
    if [ "$elapsed" -gt $((LIVE_WAIT_SECONDS * 1000)) ]; then notes="not live after ${LIVE_WAIT_SECONDS}s"; return; fi
    pause 0.01
  done
}

# await_ready <port>: sets ready (ms), or notes which checks are DOWN.
await_ready() {
  ready="-"
  while :; do
    http_status "$1" /q/health/ready
    if [ "$status" = 200 ]; then elapsed_ms; ready=$elapsed; return; fi
    elapsed_ms
    if [ "$elapsed" -gt $((READY_WAIT_SECONDS * 1000)) ]; then
      down=$(curl -s --max-time 2 "http://127.0.0.1:$1/q/health/ready" | tr -d '\n ' | grep -o '"name":"[^"]*","status":"DOWN"' | sed 's/"name":"\([^"]*\)".*/\1/' | paste -sd, - || true)
      notes="not ready: DOWN ${down:-?}"
      return
    fi
    pause 0.05
  done
}

# train <service> <jar> <port> <cache>: one training run writing the AOT cache; sets training to its outcome.
train() {
  local service=$1 jar=$2 port=$3 cache=$4 base="http://127.0.0.1:$3"
  log="$LOGS/$service-training.log"
  mkdir -p "$(dirname "$cache")"
  rm -f "$cache"
  start_service "$jar" "$port" "$log" -XX:AOTCacheOutput="$cache"
  await_live "$port"
  # A JVM that failed to start still writes a cache as it exits: of a start-up that did not happen, so drop it.
  if [ "$live" = "-" ]; then stop_service; rm -f "$cache"; training="training: $notes"; return; fi
  await_ready "$port"
  # The requests a pod gets first: probes, Prometheus scrapes, the OpenAPI document, and an unknown path (the
  # router's and security's refusal path). Readiness not reached (dependencies down) still trains the start-up.
  for _ in $(seq 1 "$TRAINING_ROUNDS"); do
    for path in /q/health/live /q/health/ready /q/metrics /q/openapi /api/does-not-exist; do
      curl -s -o /dev/null --max-time 5 "$base$path" || true
    done
  done
  # SIGTERM: a normal JVM exit, at which the training JVM assembles the cache (a child JVM; minutes under load).
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
  if [ -s "$cache" ]; then training="trained"; else training="training wrote no cache: see $log"; fi
}

printf '%-17s %-4s %9s %9s %9s %9s %9s  %s\n' service mode live_ms ready_ms cpu_ms rss_mb target notes
port=$BASE_PORT
for service in "${services[@]}"; do
  jar="$ROOT/$service/target/quarkus-app/quarkus-run.jar"
  port=$((port + 1))
  if [ ! -f "$jar" ]; then
    printf '%-17s %-4s %9s %9s %9s %9s %9s  %s\n' "$service" - - - - - - "no $jar (./mvnw -f $service/pom.xml package)"
    continue
  fi
  cache="$ROOT/$service/target/aot/app.aot"
  init_task "$service" "$jar" "$port"
  for mode in "${modes[@]}"; do
    training=""
    extra=()
    if [ "$mode" = aot ]; then
      if [ "$AOT_TRAIN" = always ] || [ ! -s "$cache" ] || [ "$jar" -nt "$cache" ]; then
        train "$service" "$jar" "$port" "$cache"
      fi
      extra=(-XX:AOTCache="$cache")
    fi
    log="$LOGS/$service-$mode.log"
    start_service "$jar" "$port" "$log" "${extra[@]}"
    await_live "$port"
    if [ "$live" != "-" ]; then
      await_ready "$port"
      sleep "$IDLE_SECONDS"
      rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
      rss=$((rss_kb / 1024))
      # File-backed part: clean pages of mapped files (the AOT cache, the JDK's modules and CDS archive), which the
      # kernel can drop and re-read under memory pressure, unlike the anonymous rest (heap, metaspace, code, malloc).
      rss_file=$(( $(awk '/^RssFile:/ {print $2}' "/proc/$pid/status") / 1024 ))
      verdict="ok"
      if [ "$live" -gt 1500 ] || [ "$rss" -gt 200 ]; then verdict="MISSED"; fi
      started=$(grep -o 'started in [0-9.]*s' "$log" | head -n1 || true)
      notes="${notes:+$notes; }rss file-backed ${rss_file} MB; quarkus: ${started:-?}"
    else
      ready="-"; rss="-"; verdict="-"
    fi
    # The JVM says so when it could not use the cache (stale, other JVM or options): then the row is not "aot".
    if [ "$mode" = aot ] && grep -q '\[aot\].*\(error\|[Uu]nable\|mismatch\)' "$log"; then
      notes="${notes:+$notes; }AOT cache NOT used: see $log"
    fi
    notes="${init:+$init; }${training:+$training; }$notes"
    printf '%-17s %-4s %9s %9s %9s %9s %9s  %s\n' "$service" "$mode" "$live" "$ready" "$cpu" "$rss" "$verdict" "$notes"
    stop_service
  done
done
# Timings are only comparable on a quiet machine: print the load they were taken under.
echo "(JVM: $("$JAVA" -version 2>&1 | head -n1); options: $JVM_OPTS, MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX)"
echo "(jit: those options; aot: plus -XX:AOTCache=<service>/target/aot/app.aot, trained by this script with them)"
echo "($(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); logs in $LOGS)"
