#!/usr/bin/env bash
# Wall time of `./sit run examples/orders-sitrun.yaml` vs the bare start and stop of the embedded broker +
# database (same JVM start-up, same parallel start). Prints both and the ratio (target <= 1.3).
# Usage: bench/local-mode.sh [rounds]
source "$(dirname "$0")/common.sh"
ROUNDS="${1:-2}"
# build the local-mode jar once, outside the timing
./sit mvn -q -pl test-runner-image/local -am package -DskipTests >&2
now() { date +%s.%N; }
best_run=""; best_bare=""
for i in $(seq 1 "$ROUNDS"); do
  t0=$(now); ./sit run examples/orders-sitrun.yaml > "test-runner-image/local/target/bench-local-$i.log" 2>&1 || {
    echo "bench: ./sit run failed (exit $?), see test-runner-image/local/target/bench-local-$i.log" >&2; exit 2; }
  t1=$(now); "$JAVA" -cp "$CP" io.dataops.sit.runner.bench.BareStartBench > /dev/null 2>&1; t2=$(now)
  run=$(echo "$t1 - $t0" | bc); bare=$(echo "$t2 - $t1" | bc)
  printf 'round %d: ./sit run %.1f s, bare broker+database start/stop %.1f s\n' "$i" "$run" "$bare"
  if [ -z "$best_run" ] || [ "$(echo "$run < $best_run" | bc)" = 1 ]; then best_run=$run; fi
  if [ -z "$best_bare" ] || [ "$(echo "$bare < $best_bare" | bc)" = 1 ]; then best_bare=$bare; fi
done
printf 'RESULT local-mode: ./sit run %.1f s, bare start/stop %.1f s, ratio %.2f (target <= 1.3)\n' \
  "$best_run" "$best_bare" "$(echo "scale=3; $best_run / $best_bare" | bc)"
