#!/usr/bin/env bash
# Stops exactly what infra/run-local.sh started: each recorded process group, in reverse start order,
# first politely (SIGTERM, so Quarkus and the FHIR server shut down cleanly), then SIGKILL after 20 s.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PIDS="$ROOT/.run-local/pids"
[ -d "$PIDS" ] || { echo "stop-local: nothing was started by run-local"; exit 0; }

mapfile -t pidfiles < <(ls -t "$PIDS"/*.pid 2>/dev/null)
[ ${#pidfiles[@]} -gt 0 ] || { echo "stop-local: nothing is running"; exit 0; }

for pidfile in "${pidfiles[@]}"; do
  name=$(basename "$pidfile" .pid)
  pid=$(cat "$pidfile")
  # run-local starts every part with setsid: its pid is also its process group id.
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null
    for _ in $(seq 1 40); do
      kill -0 -- "-$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 -- "-$pid" 2>/dev/null; then
      echo "stop-local: $name did not stop within 20 s; killing it"
      kill -KILL -- "-$pid" 2>/dev/null
    fi
    echo "stop-local: stopped $name (pid $pid)"
  fi
  rm -f "$pidfile"
done
