#!/usr/bin/env bash
# Runs the whole ANC Connect suite on this machine, on 127.0.0.1:
#   the NEHR (HAPI FHIR JPA server, infra/fhir-server), the stand-ins that exist (eSignet, DHIS2),
#   identity-service, phn-service, sync-service and portal-service.
# It builds what is needed, starts each part in its own process group, waits until each is healthy
# and prints the URLs. infra/stop-local.sh ends exactly the processes started here (their PIDs are
# recorded in .run-local/pids/). Logs: .run-local/logs/<part>.log.
#
# Usage: infra/run-local.sh [--no-build] [--h2]
#   --no-build  use what is already built
#   --h2        run the FHIR server on an embedded H2 file database instead of PostgreSQL
# Environment: ANC_PG_HOST/ANC_PG_PORT/ANC_PG_USER/ANC_PG_PASSWORD, ANC_RABBITMQ_HOST/ANC_RABBITMQ_PORT,
# JAVA_HOME (JDK 21+; defaults to /usr/lib/jvm/temurin-25-jdk-amd64 when that exists).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
STATE="$ROOT/.run-local"
LOGS="$STATE/logs"
PIDS="$STATE/pids"
BUILD=1
FHIR_DB=(--db postgres)
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    --h2) FHIR_DB=(--db h2 --h2-dir "$STATE/fhir-h2") ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "run-local: unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
done

fail() { echo "run-local: $*" >&2; exit 1; }

# --- Java ------------------------------------------------------------------------------------------
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
java_major=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
[ "${java_major:-0}" -ge 21 ] 2>/dev/null || fail "JDK 21 or newer is needed (found '${java_major:-none}'): set JAVA_HOME."

# --- Backing services ------------------------------------------------------------------------------
PG_HOST=${ANC_PG_HOST:-127.0.0.1}; PG_PORT=${ANC_PG_PORT:-5432}
MQ_HOST=${ANC_RABBITMQ_HOST:-127.0.0.1}; MQ_PORT=${ANC_RABBITMQ_PORT:-5672}
reachable() { timeout 3 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }
reachable "$PG_HOST" "$PG_PORT" || fail "PostgreSQL is not reachable on $PG_HOST:$PG_PORT.
  Start it (on the project machines): pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start
  or point ANC_PG_HOST/ANC_PG_PORT at a running server."
reachable "$MQ_HOST" "$MQ_PORT" || fail "RabbitMQ is not reachable on $MQ_HOST:$MQ_PORT.
  Start it (on the project machines): rabbitmq-server -detached
  or point ANC_RABBITMQ_HOST/ANC_RABBITMQ_PORT at a running broker."

# --- Already running? --------------------------------------------------------------------------------
mkdir -p "$LOGS" "$PIDS"
for pidfile in "$PIDS"/*.pid; do
  [ -e "$pidfile" ] || continue
  if kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    fail "the suite is already running ($(basename "$pidfile" .pid) is up): infra/stop-local.sh first."
  fi
  rm -f "$pidfile"
done

# --- Build -----------------------------------------------------------------------------------------
if [ "$BUILD" = 1 ]; then
  echo "run-local: building (./mvnw install -DskipTests) ..."
  (cd "$ROOT" && ./mvnw -B -q install -DskipTests) > "$LOGS/build.log" 2>&1 \
    || fail "the build failed; see $LOGS/build.log"
fi

# --- Local secrets ----------------------------------------------------------------------------------
# Production takes these from Kubernetes Secrets (infra/README.md). Locally they are random values made
# once per checkout and kept in .run-local/secrets.env (never committed), so restarts keep their data.
SECRETS="$STATE/secrets.env"
if [ ! -f "$SECRETS" ]; then
  rnd() { head -c 32 /dev/urandom | base64 | tr -d '\n'; }
  hex() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
  umask 077
  cat > "$SECRETS" <<SECRETS_EOF
IDENTITY_KEYSTORE_FILE=$STATE/identity-clients.p12
IDENTITY_KEYSTORE_PASSWORD=$(rnd)
IDENTITY_OIDC_STATE_SECRET=$(rnd)
IDENTITY_OIDC_COOKIE_SECRET=$(rnd)
IDENTITY_TOKEN_KEY_ENCRYPTION_KEY=$(rnd)
IDENTITY_NATIONAL_ID_HASH_KEY=$(rnd)
PHN_PERMUTATION_KEY=$(hex)
PHN_NIC_HASH_KEY=$(rnd)
SECRETS_EOF
fi
# The portal's credential on identity-service's back channel (added after the first secrets files were written).
if ! grep -q '^IDENTITY_PORTAL_CLIENT_SECRET=' "$SECRETS"; then
  portal_secret=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
  printf 'IDENTITY_PORTAL_CLIENT_SECRET=%s\nPORTAL_IDENTITY_CLIENT_SECRET=%s\n' "$portal_secret" "$portal_secret" >> "$SECRETS"
fi
set -a; . "$SECRETS"; set +a
# The eSignet stand-in signs userinfo as its mock identity system, whose issuer identity-service must accept.
export IDENTITY_ESIGNET_USERINFO_ISSUERS=${IDENTITY_ESIGNET_USERINFO_ISSUERS:-https://mock-identity-system.esignet-standin.invalid}

# identity-service's eSignet clients: keystore and registration with the stand-in (in-memory there, so
# at every start), by the same code the tests use.
register_esignet_clients() {
  local cp="$ROOT/infra/test-support/target/classpath.txt"
  if [ ! -f "$cp" ]; then
    (cd "$ROOT" && ./mvnw -B -q -f infra/test-support/pom.xml dependency:build-classpath -Dmdep.outputFile=target/classpath.txt) \
      >> "$LOGS/build.log" 2>&1 || fail "cannot resolve test-support's classpath; see $LOGS/build.log"
  fi
  "$JAVA" -cp "$ROOT/infra/test-support/target/classes:$(cat "$cp")" \
    org.ancconnect.testsupport.esignet.LocalEsignetClients http://127.0.0.1:8088 http://127.0.0.1:8081 \
    "$IDENTITY_KEYSTORE_FILE" "$IDENTITY_KEYSTORE_PASSWORD" >> "$LOGS/esignet-clients.log" 2>&1 \
    || fail "registering identity-service's clients with the eSignet stand-in failed; see $LOGS/esignet-clients.log"
}

# --- Parts of the suite: name|port|health URL|command ---------------------------------------------
# Stand-ins are included when their module is built. The FHIR server comes first: the services'
# readiness depends on it. The portal comes last: its readiness depends on the others.
parts=()
parts+=("fhir-server|8090|http://127.0.0.1:8090/fhir/metadata|$ROOT/infra/fhir-server/fhir-server.sh --port 8090 ${FHIR_DB[*]}")
quarkus_part() { # name port module
  local jar="$ROOT/$3/target/quarkus-app/quarkus-run.jar"
  [ -f "$jar" ] || return 0
  parts+=("$1|$2|http://127.0.0.1:$2/q/health/ready|$JAVA -Xmx256m -jar $jar")
}
quarkus_part esignet-standin 8088 infra/esignet-standin
quarkus_part dhis2-standin 8089 infra/dhis2-standin
quarkus_part identity-service 8081 identity-service
quarkus_part phn-service 8082 phn-service
quarkus_part sync-service 8083 sync-service
quarkus_part portal-service 8080 portal-service

for part in "${parts[@]}"; do
  IFS='|' read -r name port _ _ <<<"$part"
  if reachable 127.0.0.1 "$port"; then
    fail "port $port (for $name) is already in use by another process: free it or stop that process."
  fi
done

start() { # name command...
  local name=$1; shift
  # setsid gives each part its own process group, so stop-local.sh can end it and its children exactly.
  setsid "$@" > "$LOGS/$name.log" 2>&1 < /dev/null &
  echo $! > "$PIDS/$name.pid"
}

wait_healthy() { # name url seconds
  local name=$1 url=$2 deadline=$((SECONDS + $3))
  while [ $SECONDS -lt $deadline ]; do
    if ! kill -0 "$(cat "$PIDS/$name.pid")" 2>/dev/null; then
      echo "run-local: $name exited during start-up; last lines of $LOGS/$name.log:" >&2
      tail -n 20 "$LOGS/$name.log" >&2
      "$ROOT/infra/stop-local.sh" >&2 || true
      exit 1
    fi
    if curl -fsS -o /dev/null --max-time 3 "$url"; then return 0; fi
    sleep 1
  done
  echo "run-local: $name did not become healthy at $url within $3 s; see $LOGS/$name.log" >&2
  "$ROOT/infra/stop-local.sh" >&2 || true
  exit 1
}

export ANC_NEHR_BASE_URL=http://127.0.0.1:8090/fhir
for part in "${parts[@]}"; do
  IFS='|' read -r name port url command <<<"$part"
  if [ "$name" = identity-service ] && [ -f "$ROOT/infra/esignet-standin/target/quarkus-app/quarkus-run.jar" ]; then
    register_esignet_clients
  fi
  echo "run-local: starting $name on port $port ..."
  # shellcheck disable=SC2086 # the command is a word list by construction
  start "$name" $command
  # The JPA server needs 10-50 s on 2 cores (more on its first start, when it creates its schema).
  if [ "$name" = fhir-server ]; then wait_healthy "$name" "$url" 300; else wait_healthy "$name" "$url" 120; fi
  echo "run-local: $name is healthy"
done

echo
echo "ANC Connect is running (logs in $LOGS, stop with infra/stop-local.sh):"
for part in "${parts[@]}"; do
  IFS='|' read -r name port _ _ <<<"$part"
  case "$name" in
    fhir-server) printf '  %-17s http://127.0.0.1:%s/fhir\n' "NEHR (FHIR)" "$port" ;;
    *) printf '  %-17s http://127.0.0.1:%s   (OpenAPI: /q/swagger-ui, health: /q/health)\n' "$name" "$port" ;;
  esac
done
