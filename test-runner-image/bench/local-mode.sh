#!/usr/bin/env bash
# Wall time of `./sit run examples/orders-sitrun.yaml` vs the bare start and stop of the embedded broker +
# database (same jar, same JVM, same parallel start). Prints both and the ratio (target <= 1.3).
# On a JDK >= 25 both start from an AOT cache, each trained on its own workload before the timed rounds: ./sit run
# builds its cache on its first run, so the floor gets one too, or the comparison would flatter the run.
# Usage: bench/local-mode.sh [rounds]
source "$(dirname "$0")/common.sh"
ROUNDS="${1:-2}"
# build the local-mode jar once, outside the timing
./sit mvn -q -pl test-runner-image/local -am package -DskipTests >&2
LOCAL_JAR="$ROOT/test-runner-image/local/target/sit-local.jar"
TARGET="$ROOT/test-runner-image/local/target"
# The floor's main class beside the same fat jar ./sit run starts (an AOT cache takes jars only, no folders).
"$(dirname "$JAVA")/jar" cf "$TARGET/bench-floor.jar" -C "$TARGET/test-classes" io/dataops/sit/runner/bench/BareStartBench.class
FLOOR=("$JAVA" -cp "$LOCAL_JAR:$TARGET/bench-floor.jar")
major="$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1)"
now() { date +%s.%N; }

if [ "$major" -ge 25 ] && [ -z "${SIT_NO_AOT_CACHE:-}" ]; then
  floor_cache="$TARGET/bench-floor.aot"
  rm -f "$floor_cache"
  "${FLOOR[@]}" -XX:AOTCacheOutput="$floor_cache" '-Xlog:aot*=off,cds*=off' io.dataops.sit.runner.bench.BareStartBench \
    > /dev/null 2>&1 || { echo "bench: training the floor's AOT cache failed" >&2; exit 2; }
  FLOOR+=(-XX:AOTCache="$floor_cache" '-Xlog:aot*=off,cds*=off')
  # ./sit run's first run of a build records its cache and assembles it in the background: wait for it.
  cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/sit-operator/aot"
  jar_id="$(printf '%s' "$LOCAL_JAR" | sha1sum | cut -c1-12)"  # as ./sit names this jar's caches
  rm -f "$cache_dir/sit-local-$jar_id-"*.aot
  ./sit run examples/orders-sitrun.yaml > "$TARGET/bench-local-warmup.log" 2>&1 || {
    echo "bench: ./sit run failed, see $TARGET/bench-local-warmup.log" >&2; exit 2; }
  deadline=$((SECONDS + 180))
  until compgen -G "$cache_dir/sit-local-$jar_id-*.aot" > /dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "bench: ./sit run's AOT cache did not appear in $cache_dir" >&2; exit 2; }
    sleep 1
  done
  echo "bench: JDK $major, both sides start from an AOT cache" >&2
else
  echo "bench: JDK $major, no AOT cache" >&2
fi

best_run=""; best_bare=""
for i in $(seq 1 "$ROUNDS"); do
  t0=$(now); ./sit run examples/orders-sitrun.yaml > "$TARGET/bench-local-$i.log" 2>&1 || {
    echo "bench: ./sit run failed (exit $?), see $TARGET/bench-local-$i.log" >&2; exit 2; }
  t1=$(now); "${FLOOR[@]}" io.dataops.sit.runner.bench.BareStartBench > "$TARGET/bench-floor-$i.log" 2>&1 || {
    echo "bench: the floor failed, see $TARGET/bench-floor-$i.log" >&2; exit 2; }
  t2=$(now)
  run=$(echo "$t1 - $t0" | bc); bare=$(echo "$t2 - $t1" | bc)
  printf 'round %d: ./sit run %.1f s, bare broker+database start/stop %.1f s\n' "$i" "$run" "$bare"
  if [ -z "$best_run" ] || [ "$(echo "$run < $best_run" | bc)" = 1 ]; then best_run=$run; fi
  if [ -z "$best_bare" ] || [ "$(echo "$bare < $best_bare" | bc)" = 1 ]; then best_bare=$bare; fi
done
printf 'RESULT local-mode: ./sit run %.1f s, bare start/stop %.1f s, ratio %.2f (target <= 1.3)\n' \
  "$best_run" "$best_bare" "$(echo "scale=3; $best_run / $best_bare" | bc)"
