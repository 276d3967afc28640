# Sourced by fhir-server.sh and bench-ingest.sh: picks a Java 21+ and builds the module's argfiles
# (target/*.args, see pom.xml) when they are missing. Sets: here, java.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
version="$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')"
if [[ -z "$version" || "${version%%.*}" -lt 21 ]]; then
  echo "${0##*/}: needs Java 21 or newer, but $java is ${version:-unknown}; set JAVA_HOME" >&2
  exit 1
fi
if [[ ! -f "$here/target/fhir-server.args" || ! -f "$here/target/classpath.args" || ! -d "$here/target/classes/org" ]]; then
  echo "${0##*/}: building infra/fhir-server first ..." >&2
  (cd "$root" && ./mvnw -B -q -f infra/fhir-server/pom.xml -DskipTests package)
fi
