#!/usr/bin/env bash
# Adds a JDK AOT cache (JEP 483/514/515) to a JVM image tarball built by `-Pimage-tar`, without Docker:
#   1. trains the cache in the image itself: infra/images/verify-image.sh unpacks the image and runs its entrypoint
#      with the image's JVM, class path (/deployments) and JDK_JAVA_OPTIONS plus -XX:AOTCacheOutput, drives the
#      requests a pod gets first and stops it; the JVM writes the cache as it exits. A cache is only valid for the
#      JVM, class path and options that made it, which is why it is trained in the image and not on the builder;
#   2. writes <output.tar>: the same image plus one last layer with /deployments/app.aot (root-owned, world-readable,
#      the fixed timestamp Jib gives every file, so the same cache gives the same layer digest; an uncompressed
#      layer, as `docker save` writes them: gzip of the 85 MB cache took minutes on a loaded builder, and registries
#      clients compress on push) and
#      `-XX:AOTCache=/deployments/app.aot` appended to JDK_JAVA_OPTIONS;
#   3. verifies <output.tar> with verify-image.sh, which also fails unless the JVM starts with the cache in use.
# A chart that overrides JDK_JAVA_OPTIONS drops the cache (the JVM then starts as without one); one that changes
# the GC or heap options must keep them equal to the training's or the JVM reports the cache unusable and runs
# without it (with an [aot] error in the log).
#
# Usage (as root): infra/images/add-aot-cache.sh <image.tar> <output.tar> [env-file] [host-dir:container-dir ...]
#   env-file and mappings: as for verify-image.sh (what the service needs to start: keys, database, ...).
# TRAINED_CACHE=<file>: a cache an earlier run trained on this same <image.tar> (printed by it) instead of training
# again; step 3 still fails if it does not fit the image.
set -euo pipefail

IMAGE_TAR=${1:?usage: add-aot-cache.sh <image.tar> <output.tar> [env-file] [host-dir:container-dir ...]}
OUTPUT_TAR=${2:?usage: add-aot-cache.sh <image.tar> <output.tar> [env-file] [host-dir:container-dir ...]}
shift 2
HERE=$(cd "$(dirname "$0")" && pwd)
[ "$(id -u)" = 0 ] || { echo "add-aot-cache.sh needs root (verify-image.sh: unshare, mount)" >&2; exit 2; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/anc-aot.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

if [ -n "${TRAINED_CACHE:-}" ]; then
  echo "== using $TRAINED_CACHE, trained on this image earlier"
  cp "$TRAINED_CACHE" "$WORK/app.aot"
else
  echo "== training in the image"
  AOT_CACHE_OUTPUT=$WORK/app.aot "$HERE/verify-image.sh" "$IMAGE_TAR" "$@"
fi

echo "== adding the cache as a layer"
mkdir -p "$WORK/image" "$WORK/layer/deployments"
tar -xf "$IMAGE_TAR" -C "$WORK/image"
manifest=$WORK/image/manifest.json
config_name=$(jq -r '.[0].Config' "$manifest")
config=$WORK/image/$config_name
install -m 0644 "$WORK/app.aot" "$WORK/layer/deployments/app.aot"
# Jib's timestamp for every file (1970-01-01T00:00:01Z); owner root, so user 185 can read but not replace it.
tar -C "$WORK/layer" --sort=name --owner=0 --group=0 --numeric-owner --mtime=@1 --format=posix \
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -cf "$WORK/layer.tar" deployments/app.aot
diff_id=sha256:$(sha256sum "$WORK/layer.tar" | cut -d' ' -f1)
layer_name=${diff_id#sha256:}.tar
mv "$WORK/layer.tar" "$WORK/image/$layer_name"
jq --arg diff "$diff_id" '
    .rootfs.diff_ids += [$diff]
    | .config.Env |= map(if startswith("JDK_JAVA_OPTIONS=") then . + " -XX:AOTCache=/deployments/app.aot" else . end)
    | .history += [{"created": "1970-01-01T00:00:00Z", "created_by": "infra/images/add-aot-cache.sh", "comment": "JDK AOT cache"}]' \
  "$config" >"$WORK/config.json"
mv "$WORK/config.json" "$config"
jq --arg layer "$layer_name" '.[0].Layers += [$layer]' "$manifest" >"$WORK/manifest.json"
mv "$WORK/manifest.json" "$manifest"
# Entries named as `docker save` names them (no leading ./).
(cd "$WORK/image" && find . -mindepth 1 -maxdepth 1 -printf '%P\n' | sort) >"$WORK/entries"
tar -C "$WORK/image" --sort=name --owner=0 --group=0 --numeric-owner --mtime=@1 -cf "$OUTPUT_TAR" -T "$WORK/entries"
echo "ok: $OUTPUT_TAR: layer $layer_name (diff_id ${diff_id:0:19}…)"

echo "== verifying the image with the cache"
"$HERE/verify-image.sh" "$OUTPUT_TAR" "$@"
