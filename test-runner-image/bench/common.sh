# Shared by the benchmark scripts: compiles the runner modules and sets JAVA and CP (the local module's test class
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
CP_FILE="test-runner-image/local/target/bench-classpath.txt"
if [ -z "${SIT_BENCH_NO_BUILD:-}" ] || [ ! -f "$CP_FILE" ]; then
  # Online (no -o): on a fresh machine Maven fetches the dependency plugin, which no other build step uses.
  # Compiling in the same reactor makes the sibling modules resolve to their target/classes folders, so the
  # benchmarks run this checkout's code, not whatever the shared local repository holds. Each module writes
  # its own target/bench-classpath.txt (a relative path is taken from the module's folder); the local one counts.
  ./sit mvn -q -pl test-runner-image/local -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >&2
fi
CP="$ROOT/test-runner-image/local/target/test-classes:$ROOT/test-runner-image/local/target/classes:$(cat "$CP_FILE")"
export JAVA CP ROOT
