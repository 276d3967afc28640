#!/usr/bin/env bash
# Builds a minimal Java base image as a `docker save` tarball, without Docker or a registry, for builders that
# cannot pull registry.access.redhat.com/ubi9/openjdk-25-runtime (air-gapped machines, these project machines).
# The services' JVM images are then built on it with `-Pimage-tar -Dimage.base=tar://<this tarball>`
# (infra/README.md, "Images").
#
# Contents (one layer): a jlink'd runtime of the local JDK 25 in /opt/java (the modules the services use, plus
# jcmd for heap and thread dumps), exactly the shared libraries that runtime links (found with ldd, copied from
# this machine's glibc), /etc/passwd and /etc/group with user 185 (the UBI images' uid, which the charts'
# runAsNonRoot expects), /etc/nsswitch.conf and /etc/hosts for name resolution, /tmp (1777) and /deployments
# (owned by 185). No shell, no package manager.
#
# Usage: infra/images/build-base.sh [output.tar]     (default: infra/images/target/anc-java-base.tar)
# Environment: JAVA_HOME (a JDK 25 whose runtime image is linkable: jmods, or built with --enable-linkable-runtime),
# BASE_TAG (default anc-connect/java-base:<JDK version>).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/target/anc-java-base.tar}
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/jlink ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JLINK=${JAVA_HOME:?JAVA_HOME must point to a JDK 25}/bin/jlink
JDK_VERSION=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$JAVA_HOME/release")
case "$JDK_VERSION" in 25*) ;; *) echo "JAVA_HOME is JDK $JDK_VERSION; the images' JVM options target JDK 25" >&2; exit 1 ;; esac
BASE_TAG=${BASE_TAG:-anc-connect/java-base:$JDK_VERSION}

# Modules: java.se (every java.* module: the services' libraries reach java.rmi, java.sql, java.desktop for the
# portal's QR images, java.naming, ... in ways a static analysis misses, e.g. reflection), and the jdk.* modules
# they use at run time (jdk.unsupported for Netty, jdk.localedata for the si/ta locales, jdk.naming.dns,
# jdk.charsets, jdk.zipfs), plus jdk.jcmd and jdk.management for diagnostics (heap and thread dumps).
# infra/images/verify-image.sh runs a service on the result: a missing module fails there.
MODULES=java.se,jdk.charsets,jdk.crypto.cryptoki,jdk.jcmd,jdk.jfr,jdk.localedata,jdk.management,jdk.naming.dns,\
jdk.net,jdk.security.auth,jdk.security.jgss,jdk.unsupported,jdk.zipfs

WORK=$(mktemp -d "${TMPDIR:-/tmp}/anc-base.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
ROOTFS=$WORK/rootfs
mkdir -p "$ROOTFS/opt" "$ROOTFS/etc" "$ROOTFS/tmp" "$ROOTFS/deployments" "$(dirname "$OUT")"

"$JLINK" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
  --include-locales=en,si,ta --output "$ROOTFS/opt/java"
# The CDS archive of the default classes, so the runtime starts as fast as the full JDK's.
"$ROOTFS/opt/java/bin/java" -Xshare:dump >/dev/null

# Shared libraries: everything the runtime's executables and libraries link, except the X11/sound ones
# (the JVM runs headless: java.awt.headless=true in the image's options, so libawt_xawt is never loaded).
libs=$(find "$ROOTFS/opt/java" -type f \( -name '*.so' -o -perm -u+x \) -print0 \
  | grep -zv -e 'libawt_xawt.so$' -e 'libjawt.so$' -e 'libsplashscreen.so$' -e 'libjsound.so$' \
  | xargs -0 ldd 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}' | sort -u)
for lib in $libs; do
  case "$lib" in "$ROOTFS"/*) continue ;; esac
  real=$(readlink -f "$lib")
  mkdir -p "$ROOTFS$(dirname "$lib")"
  cp "$real" "$ROOTFS$lib"
done
# Dynamic loader at the path the ELF interpreter names (usually a symlink to /lib/x86_64-linux-gnu/).
interp=$(readelf -l "$ROOTFS/opt/java/bin/java" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
if [ ! -e "$ROOTFS$interp" ]; then
  mkdir -p "$ROOTFS$(dirname "$interp")"
  cp "$(readlink -f "$interp")" "$ROOTFS$interp"
fi
# glibc 2.34+ has files/dns NSS built in; older glibc would need libnss_* too, which ldd does not list.
glibc=$(ldd --version | head -n1 | grep -o '[0-9]\+\.[0-9]\+$')
if [ "$(printf '%s\n2.34\n' "$glibc" | sort -V | head -n1)" != 2.34 ]; then
  echo "glibc $glibc < 2.34: NSS modules are separate libraries; not supported by this script" >&2; exit 1
fi

cat >"$ROOTFS/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
app:x:185:0:ANC Connect service:/deployments:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
EOF
cat >"$ROOTFS/etc/group" <<'EOF'
root:x:0:
app:x:185:
nogroup:x:65534:
EOF
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$ROOTFS/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost ip6-localhost\n' >"$ROOTFS/etc/hosts"
chmod 1777 "$ROOTFS/tmp"

# One reproducible layer: sorted names, fixed times, root ownership except /deployments (uid 185).
LAYER=$WORK/layer.tar
tar --sort=name --mtime='1970-01-01 00:00:01Z' --numeric-owner --owner=0 --group=0 \
  --exclude=./deployments -C "$ROOTFS" -cf "$LAYER" .
tar --numeric-owner --owner=185 --group=0 --mtime='1970-01-01 00:00:01Z' --no-recursion \
  -C "$ROOTFS" -rf "$LAYER" ./deployments
diff_id=sha256:$(sha256sum "$LAYER" | cut -d' ' -f1)

IMAGE=$WORK/image
mkdir -p "$IMAGE"
mv "$LAYER" "$IMAGE/layer.tar"
cat >"$IMAGE/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:01Z",
 "config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],"User":"185",
  "WorkingDir":"/deployments","Labels":{"org.opencontainers.image.title":"anc-connect java base",
  "org.opencontainers.image.description":"jlink'd JDK $JDK_VERSION runtime with the glibc it links"}},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:01Z","created_by":"infra/images/build-base.sh"}]}
EOF
config_id=$(sha256sum "$IMAGE/config.json" | cut -d' ' -f1)
mv "$IMAGE/config.json" "$IMAGE/$config_id.json"
printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["layer.tar"]}]\n' "$config_id" "$BASE_TAG" >"$IMAGE/manifest.json"
# Entries named without a leading ./ (Jib's tar:// reader refuses a "./" entry).
tar --mtime='1970-01-01 00:00:01Z' --owner=0 --group=0 -C "$IMAGE" -cf "$OUT" manifest.json "$config_id.json" layer.tar
echo "$OUT: $BASE_TAG, $(du -m "$OUT" | cut -f1) MB (build a service image: ./mvnw -f <service>/pom.xml package -DskipTests -Pimage-tar -Dimage.base=tar://$OUT)"
