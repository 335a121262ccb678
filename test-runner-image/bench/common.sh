# Shared by the benchmark scripts: builds the runner modules and sets JAVA and CP (the local module's test class
# path: the benchmarks live there, beside the embedded servers they start).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
find_java() {
  for home in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64; do
    [ -n "$home" ] && [ -x "$home/bin/java" ] || continue
    major="$("$home/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1)"
    [ "${major:-0}" -ge 21 ] && { echo "$home/bin/java"; return 0; }
  done
  echo "bench: no JDK >= 21 found (set JAVA_HOME)" >&2; return 1
}
JAVA="$(find_java)"
if [ -z "${SIT_BENCH_NO_BUILD:-}" ]; then
  # install: the local module's class path below resolves its sibling modules from the local repository
  ./sit mvn -o -q -pl test-runner-image/local -am install -DskipTests >&2
fi
CP_FILE="test-runner-image/local/target/bench-classpath.txt"
./sit mvn -o -q -f test-runner-image/local/pom.xml dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$ROOT/$CP_FILE" >&2
CP="$ROOT/test-runner-image/local/target/test-classes:$ROOT/test-runner-image/local/target/classes:$(cat "$CP_FILE")"
export JAVA CP ROOT
