#!/usr/bin/env bash
# Proves that a JVM image tarball built by `-Pimage-tar` (docker save format) is a runnable image, without Docker:
#   1. reads manifest.json and the image config, and checks them: entrypoint `java … -jar /deployments/quarkus-run.jar`,
#      numeric non-root user 185, an exposed port, JDK_JAVA_OPTIONS equal to quarkus-parent's image.jvm-options,
#      every layer's digest equal to its diff_id in the config (the config really describes these layers);
#   2. unpacks the layers in order into a directory (the container's root filesystem);
#   3. runs the image's entrypoint there as its user, with its environment and working directory, in new mount
#      and PID namespaces with the root directory switched (unshare; needs root), host network, /dev and /proc
#      mounted as a container runtime would, until /q/health/live answers 200 on the exposed port.
# It prints what it checked, the start-up time to live and the process's RSS, and fails on the first mismatch.
# An image with a JDK AOT cache (infra/images/add-aot-cache.sh: /deployments/app.aot and -XX:AOTCache in
# JDK_JAVA_OPTIONS after quarkus-parent's options) must also start with the cache in use: the JVM reports a cache it
# cannot use (another JVM, class path or options) as an [aot] error and runs without it, which fails here.
# AOT_CACHE_OUTPUT=<file> makes the run a training run instead: the JVM runs with -XX:AOTCacheOutput, gets
# TRAINING_ROUNDS (20) rounds of probe, metrics and OpenAPI requests once live, is stopped with SIGTERM and writes
# the cache as it exits (AOT_WAIT_SECONDS, default 600, for that), which is copied to <file>.
#
# Usage (as root): infra/images/verify-image.sh <image.tar> [env-file] [host-dir:container-dir ...]
#   env-file: KEY=VALUE lines added to the image's environment (what the chart's ConfigMap and Secrets add);
#   host-dir:container-dir: copied into the root filesystem (what the chart mounts, e.g. identity-service's keys).
# Environment: LIVE_WAIT_SECONDS (default 180), KEEP_ROOTFS=1 keeps the unpacked directory, PROBE_PORT (default the
# exposed port; set it when the env-file moves the service's HTTP port because the exposed one is taken here).
set -euo pipefail

IMAGE_TAR=${1:?usage: verify-image.sh <image.tar> [env-file] [host-dir:container-dir ...]}
ENV_FILE=${2:-}
shift $(( $# >= 2 ? 2 : 1 ))
LIVE_WAIT_SECONDS=${LIVE_WAIT_SECONDS:-180}
AOT_CACHE_OUTPUT=${AOT_CACHE_OUTPUT:-}
TRAINING_ROUNDS=${TRAINING_ROUNDS:-20}
AOT_WAIT_SECONDS=${AOT_WAIT_SECONDS:-600}
# Where add-aot-cache.sh puts the cache, and the option that points the JVM at it.
AOT_CACHE=/deployments/app.aot
AOT_OPTION=-XX:AOTCache=$AOT_CACHE
HERE=$(cd "$(dirname "$0")" && pwd)
PARENT_POM=$HERE/../../quarkus-parent/pom.xml
[ "$(id -u)" = 0 ] || { echo "verify-image.sh needs root (unshare, mount)" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/anc-image.XXXXXX")
runner=""
cleanup() {
  if [ -n "$runner" ] && kill -0 "$runner" 2>/dev/null; then
    # unshare ignores SIGTERM while it waits: stop the JVM (PID 1 of its namespace, it handles SIGTERM), then
    # SIGKILL unshare if it is still there (--kill-child takes the JVM with it).
    pkill -TERM -P "$runner" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$runner" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$runner" 2>/dev/null || true
    wait "$runner" 2>/dev/null || true
  fi
  if [ "${KEEP_ROOTFS:-0}" = 1 ]; then echo "root filesystem kept in $WORK/rootfs"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

# --- 1. manifest and config ---------------------------------------------------------------------------
mkdir -p "$WORK/image" "$WORK/rootfs"
tar -xf "$IMAGE_TAR" -C "$WORK/image"
manifest=$WORK/image/manifest.json
[ "$(jq length "$manifest")" = 1 ] || fail "manifest.json must describe exactly one image"
config=$WORK/image/$(jq -r '.[0].Config' "$manifest")
echo "image: $(jq -r '.[0].RepoTags | join(", ")' "$manifest")"

entrypoint=$(jq -r '.config.Entrypoint | join(" ")' "$config")
[[ "$entrypoint" =~ ^java(\ .*)?\ -jar\ /deployments/quarkus-run.jar$ ]] || fail "entrypoint is '$entrypoint'"
ok "entrypoint: $entrypoint"
user=$(jq -r '.config.User' "$config")
[ "$user" = 185 ] || fail "user is '$user', expected 185 (numeric, non-root)"
ok "user: $user"
port=$(jq -r '.config.ExposedPorts // {} | keys[0] // empty' "$config" | cut -d/ -f1)
[ -n "$port" ] || fail "no exposed port"
ok "exposed port: $port"
workdir=$(jq -r '.config.WorkingDir // "/"' "$config")
mapfile -t image_env < <(jq -r '.config.Env[]' "$config")
expected_opts=$(sed -n 's:.*<image.jvm-options>\(.*\)</image.jvm-options>.*:\1:p' "$PARENT_POM")
actual_opts=$(printf '%s\n' "${image_env[@]}" | sed -n 's/^JDK_JAVA_OPTIONS=//p')
aot_image=0
if [ "$actual_opts" = "$expected_opts $AOT_OPTION" ]; then aot_image=1
else [ "$actual_opts" = "$expected_opts" ] || fail "JDK_JAVA_OPTIONS '$actual_opts' differs from quarkus-parent's image.jvm-options '$expected_opts' (optionally followed by $AOT_OPTION)"
fi
ok "JDK_JAVA_OPTIONS: $actual_opts"
[ -z "$AOT_CACHE_OUTPUT" ] || [ "$aot_image" = 0 ] || fail "the image already has an AOT cache; train on the image without it"

mapfile -t layers < <(jq -r '.[0].Layers[]' "$manifest")
mapfile -t diff_ids < <(jq -r '.rootfs.diff_ids[]' "$config")
[ ${#layers[@]} = ${#diff_ids[@]} ] || fail "${#layers[@]} layers but ${#diff_ids[@]} diff_ids"
for i in "${!layers[@]}"; do
  layer=$WORK/image/${layers[$i]}
  # diff_id is the digest of the uncompressed layer; Jib writes gzip-compressed layers, a base may not.
  if gzip -t "$layer" 2>/dev/null; then digest=sha256:$(gzip -dc "$layer" | sha256sum | cut -d' ' -f1)
  else digest=sha256:$(sha256sum "$layer" | cut -d' ' -f1); fi
  [ "$digest" = "${diff_ids[$i]}" ] || fail "layer $i (${layers[$i]}) digest $digest != diff_id ${diff_ids[$i]}"
  # --- 2. unpack, in order (Jib's and build-base.sh's layers carry no whiteout files) -------------------
  tar -xf "$layer" -C "$WORK/rootfs" --numeric-owner --warning=no-unknown-keyword
  echo "   layer $i: $(tar --warning=no-unknown-keyword -tf "$layer" | grep -v '/$' | wc -l) files, ${diff_ids[$i]:0:19}…"
done
ok "${#layers[@]} layers match the config's diff_ids"
[ -f "$WORK/rootfs/deployments/quarkus-run.jar" ] || fail "no /deployments/quarkus-run.jar in the image"
[ ! -e "$WORK/rootfs/app" ] || fail "/app (Jib's default classes and libs layers) should have been filtered out"
ok "the application is in /deployments and nothing else was added"
if [ "$aot_image" = 1 ]; then
  [ -s "$WORK/rootfs$AOT_CACHE" ] || fail "JDK_JAVA_OPTIONS names $AOT_CACHE but the image has no such file"
  ok "AOT cache $AOT_CACHE: $(( $(stat -c %s "$WORK/rootfs$AOT_CACHE") / 1048576 )) MB"
fi

# --- 3. run the entrypoint in the unpacked root filesystem ---------------------------------------------
rootfs=$WORK/rootfs
mkdir -p "$rootfs/proc" "$rootfs/dev"
for mapping in "$@"; do
  src=${mapping%%:*}; dst=${mapping#*:}
  mkdir -p "$rootfs$dst"; cp -r "$src/." "$rootfs$dst/"; chmod -R a+rX "$rootfs$dst"
done
run_env=("${image_env[@]}")
training_cache=/tmp/anc-training.aot
if [ -n "$AOT_CACHE_OUTPUT" ]; then
  # The training JVM must see exactly the image's options; the output option only adds where to write.
  for i in "${!run_env[@]}"; do
    [[ "${run_env[$i]}" == JDK_JAVA_OPTIONS=* ]] && run_env[i]="${run_env[$i]} -XX:AOTCacheOutput=$training_cache"
  done
fi
if [ -n "$ENV_FILE" ]; then
  while IFS= read -r line; do
    [[ "$line" =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] && run_env+=("$line")
  done <"$ENV_FILE"
fi
mapfile -t entry_args < <(jq -r '.config.Entrypoint[]' "$config")
probe_port=${PROBE_PORT:-$port}
# Host network: a server already on the port would answer for the image.
if (exec 3<>"/dev/tcp/127.0.0.1/$probe_port") 2>/dev/null; then
  fail "port $probe_port is already in use here; move the service (env-file) and set PROBE_PORT"
fi
log=$WORK/run.log
start=$(date +%s%N)
# Outer unshare: private mount and PID namespaces (the JVM is PID 1 there, as in a pod); /dev and /proc as a
# runtime provides them. Inner unshare: switch root, working directory and user, then exec the entrypoint
# with exactly the image's environment (plus the env-file).
unshare --mount --pid --fork --kill-child -- bash -c '
  set -e
  rootfs=$1; shift
  mount --rbind /dev "$rootfs/dev"
  mount -t proc proc "$rootfs/proc"
  exec "$@"' _ "$rootfs" \
  env -i "${run_env[@]}" unshare --root="$rootfs" --wd="$workdir" --setuid 185 --setgid 0 -- "${entry_args[@]}" \
  >"$log" 2>&1 &
runner=$!
live=""
while [ $(( ($(date +%s%N) - start) / 1000000000 )) -lt "$LIVE_WAIT_SECONDS" ]; do
  kill -0 "$runner" 2>/dev/null || { tail -n 30 "$log" >&2; fail "the entrypoint exited; log above"; }
  if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$probe_port/q/health/live" || true)" = 200 ]; then
    live=$(( ($(date +%s%N) - start) / 1000000 )); break
  fi
  sleep 0.1
done
[ -n "$live" ] || { tail -n 30 "$log" >&2; fail "/q/health/live did not answer 200 within ${LIVE_WAIT_SECONDS}s"; }
if [ "$aot_image" = 1 ]; then
  ! grep -q '\[aot\].*\(error\|[Uu]nable\|mismatch\)' "$log" || { grep '\[aot\]' "$log" >&2; fail "the JVM did not use the image's AOT cache"; }
  ok "the JVM started with the image's AOT cache (no [aot] error)"
fi
# The outer unshare's child execs through bash, env and the inner unshare into the JVM: one PID.
java_pid=$(pgrep -P "$runner" | head -n1 || true)
if [ -n "$java_pid" ]; then
  exe=$(readlink "/proc/$java_pid/exe")
  uid=$(awk '/^Uid:/ {print $2}' "/proc/$java_pid/status")
  rss=$(( $(awk '/^VmRSS:/ {print $2}' "/proc/$java_pid/status") / 1024 ))
  [ "$uid" = 185 ] || fail "the JVM runs as uid $uid"
  [[ "$exe" == "$rootfs"/* ]] || fail "the JVM binary $exe is not the image's"
  ok "JVM pid $java_pid runs the image's $(basename "$exe") (${exe#"$rootfs"}) as uid $uid, RSS ${rss} MB"
fi
ok "/q/health/live answered 200 on port $probe_port after ${live} ms (load average $(cut -d' ' -f1-3 /proc/loadavg))"
grep -q 'Picked up JDK_JAVA_OPTIONS' "$log" && ok "the JVM picked up the image's JDK_JAVA_OPTIONS"
grep -o 'started in [0-9.]*s' "$log" | head -n1 | sed 's/^/   quarkus: /'
if [ -n "$AOT_CACHE_OUTPUT" ]; then
  # Training: the requests a pod gets first (probes, Prometheus scrapes, the OpenAPI document, an unknown path),
  # then a normal exit, at which the JVM assembles the cache (in a child JVM; minutes on a loaded machine).
  base="http://127.0.0.1:$probe_port"
  for _ in $(seq 1 "$TRAINING_ROUNDS"); do
    for path in /q/health/live /q/health/ready /q/metrics /q/openapi /api/does-not-exist; do
      curl -s -o /dev/null --max-time 5 "$base$path" || true
    done
  done
  pkill -TERM -P "$runner" 2>/dev/null || true
  for _ in $(seq 1 $((AOT_WAIT_SECONDS * 10))); do kill -0 "$runner" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$runner" 2>/dev/null && fail "the training JVM did not exit within ${AOT_WAIT_SECONDS}s"
  [ -s "$rootfs$training_cache" ] || { tail -n 30 "$log" >&2; fail "the training run wrote no AOT cache; log above"; }
  cp "$rootfs$training_cache" "$AOT_CACHE_OUTPUT"
  ok "AOT cache trained in the image's root filesystem: $AOT_CACHE_OUTPUT ($(( $(stat -c %s "$AOT_CACHE_OUTPUT") / 1048576 )) MB)"
fi
echo "PASS: $IMAGE_TAR is a runnable image"
