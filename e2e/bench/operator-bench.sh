#!/usr/bin/env bash
# Operator benchmark on the local control plane (e2e/control-plane; kwok fake nodes). Not a test: it prints numbers
# and a PASS/MISS table against the targets of issue 4, and exits 0 whenever it could measure.
#
# Usage: e2e/bench/operator-bench.sh [N...]          (default: 1 50 200)
#
# For each N it
#   1. applies N copies of examples/minimal-sitrun.yaml (bench-1..N) with one `kubectl apply` into namespace bench-op-<N>;
#   2. times apply -> runner Job seen by a watch (kubectl get jobs -A -w, timestamped on arrival), p50/p95/max;
#   4. counts how many SitRuns reach phase Testing (or beyond) before the deadline;
#   5. records the operator's heap (sum of jvm_memory_used_bytes{area="heap"} from /q/metrics every 500 ms);
#   7. writes a class histogram of the operator's live heap at the end (heap-histogram-<N>.txt): what the memory is;
#   6. counts the operator's write requests in the audit log (its user agent), per run up to the moment the run
#      was seen in Testing, against the minimal set (objects a run needs + one status write per phase up to
#      Testing + the finalizer), with a breakdown by verb and resource for the smallest N.
# Then, with the operator stopped,
#   3. the floor: the objects the operator created for one real run (dumped from the first N's run namespace),
#      copied N times and applied with kubectl: environment first, `kubectl wait` until StatefulSets are ready,
#      Jobs complete and Deployments available (what the operator waits for), then the runner Jobs; timed
#      the same way (apply of the environment -> runner Job seen).
#
# Environment:
#   SIT_BENCH_OPERATOR_JAR   operator jar [operator/controller/target/quarkus-app/quarkus-run.jar; built with
#                            ./sit build when missing]
#   SIT_BENCH_PORT           operator HTTP port for /q/metrics and /q/health [18080]
#   SIT_BENCH_XMX            operator heap cap (-Xmx) [512m]
#   SIT_BENCH_MAX_ACTIVE     the operator's sit.concurrency.max-active (0 = no limit) [0]; with a limit the runs queue,
#                            and each N also reports the queue wait p50/p95 and the operator's CPU seconds per run
#   SIT_BENCH_DEADLINE       seconds each N may take to reach Testing [120 + 3*N]
#   SIT_BENCH_OUT            output directory [e2e/bench/target/<timestamp>]
#   SIT_BENCH_FLOOR          0 skips the floor runs [1]
#   SIT_BENCH_KWOK_NODE_PODS / SIT_BENCH_KWOK_NODE_MEMORY
#                            room on each fake node, so ended runs' kept environments do not fill them [2000 / 2Ti]
#   SIT_BENCH_JFR            1 records the operator with Java Flight Recorder (profile settings) into operator.jfr [0]
#   SIT_BENCH_EXAMPLE        the SitRun file to copy [examples/minimal-sitrun.yaml]
#   SIT_BENCH_CRDS           CRD file or directory to install [crds/]; example, CRDs and jar must agree
#   JAVA_HOME                a JDK >= 21 [found like ./sit does]
# It starts the control plane when it is down and stops it again at the end (leaves it as it found it).
# Everything talks to 127.0.0.1 only.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_DIR="$ROOT/e2e/bench"
cd "$ROOT"

SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1 50 200)
for n in "${SIZES[@]}"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "operator-bench: N must be a positive integer, got '$n'" >&2; exit 2; }
done

PORT=${SIT_BENCH_PORT:-18080}
# Heap cap of the operator: 256m runs it inside the heap target, so a run that needs more fails visibly.
XMX=${SIT_BENCH_XMX:-512m}
MAX_ACTIVE=${SIT_BENCH_MAX_ACTIVE:-0}
OUT=${SIT_BENCH_OUT:-$BENCH_DIR/target/$(date +%Y%m%d-%H%M%S)}
JAR=${SIT_BENCH_OPERATOR_JAR:-$ROOT/operator/controller/target/quarkus-app/quarkus-run.jar}
EXAMPLE=${SIT_BENCH_EXAMPLE:-$ROOT/examples/minimal-sitrun.yaml}
CRDS=${SIT_BENCH_CRDS:-$ROOT/crds/}
AUDIT_LOG=${SIT_E2E_STATE_DIR:-$HOME/.cache/sit-operator/control-plane}/logs/audit.log
RUNNER_SELECTOR=sit.dataops.io/component=runner
# The operator's requests in the audit log: fabric8's user agent (kubectl's is kubectl/<version>).
OPERATOR_UA=${SIT_BENCH_OPERATOR_UA:-fabric8-kubernetes-client/}
mkdir -p "$OUT"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now() { printf '%s' "$EPOCHREALTIME"; }
py() { python3 "$BENCH_DIR/bench.py" "$@"; }

# ---- background processes: every one is recorded by pid and stopped by pid ----
BG_PIDS=()
STARTED_CONTROL_PLANE=0
OPERATOR_PID=
stop_pid() {
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
}
stop_operator() {
  [ -n "$OPERATOR_PID" ] || return 0
  stop_pid "$OPERATOR_PID"
  OPERATOR_PID=
}
finish() {
  local rc=$?
  for pid in "${BG_PIDS[@]}"; do stop_pid "$pid"; done
  stop_operator
  if [ "$STARTED_CONTROL_PLANE" = 1 ]; then
    log "stopping the control plane (this run started it)"
    "$ROOT/e2e/control-plane" down >&2 || true
  fi
  exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT TERM

# wait_until <seconds> <description> <command...>: polls every 200 ms until the command succeeds.
wait_until() {
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || { log "timed out after ${seconds}s waiting for $what"; return 1; }
    sleep 0.2
  done
}

# watch_to <file> <kubectl args...>: a kubectl watch whose every line is prefixed with the arrival time.
watch_to() {
  local file=$1; shift
  : >"$file"
  "$KUBECTL" "$@" > >(while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done >>"$file") 2>>"$OUT/watch.err" &
  BG_PIDS+=($!)
  WATCH_PID=$!
}
stop_watch() {
  stop_pid "$1"
  local kept=()
  for pid in "${BG_PIDS[@]}"; do [ "$pid" = "$1" ] || kept+=("$pid"); done
  BG_PIDS=("${kept[@]}")
}
distinct_runs_in() { awk '{print $2}' "$1" | sort -u | grep -c . || true; }

# ---- control plane ----
if "$ROOT/e2e/control-plane" status >/dev/null 2>&1; then
  log "control plane already up: using it and leaving it up"
else
  log "starting the control plane"
  STARTED_CONTROL_PLANE=1
  "$ROOT/e2e/control-plane" up >/dev/null
fi
eval "$("$ROOT/e2e/control-plane" env)"
export KUBECONFIG
# The pinned kubectl itself (e2e/control-plane kubectl would add a shell per call to every timed step).
KUBECTL="${SIT_CACHE_DIR:-$HOME/.cache/sit-operator}/k8s/$(. "$ROOT/e2e/versions.env"; echo "$KUBERNETES_VERSION")/bin/kubectl"
[ -x "$KUBECTL" ] || KUBECTL="$ROOT/e2e/control-plane kubectl"
k() { $KUBECTL "$@"; }
k get --raw /readyz >/dev/null || die "the API server is not ready"
[ -f "$AUDIT_LOG" ] || die "no audit log at $AUDIT_LOG"

# ---- the operator, run as users do ----
find_java() {
  local home
  for home in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$home" ] && [ -x "$home/bin/java" ] || continue
    local major
    major=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1)
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$home/bin/java"; return 0; fi
  done
  return 1
}
JAVA=$(find_java) || die "no JDK >= 21 found (set JAVA_HOME)"
if [ ! -f "$JAR" ]; then
  log "operator jar missing: ./sit build"
  "$ROOT/sit" build -q >&2
fi
[ -f "$JAR" ] || die "no operator jar at $JAR"

CRD_NOTE=
if ! k apply --server-side --force-conflicts -f "$CRDS" >/dev/null 2>"$OUT/crd-apply.err"; then
  # Not the bench's business to fix, but it must not stop the measurement: the API server refused the CRD
  # (seen: CEL rule cost over budget), so install it without its CEL rules and say so in the summary.
  log "WARNING: the API server refused crds/: $(head -c 600 "$OUT/crd-apply.err")"
  log "WARNING: installing the CRD WITHOUT its x-kubernetes-validations for the benchmark"
  k create --dry-run=client -o json -f "$CRDS" | jq 'del(.. | ."x-kubernetes-validations"?)' >"$OUT/crd-no-cel.json"
  k apply --server-side --force-conflicts -f "$OUT/crd-no-cel.json" >/dev/null
  CRD_NOTE="NOTE: crds/ was refused by kube-apiserver $(. "$ROOT/e2e/versions.env"; echo "$KUBERNETES_VERSION") ($(grep -o 'estimated rule cost[^(]*' "$OUT/crd-apply.err" | head -1)); the bench installed it without x-kubernetes-validations"
fi
# Polled, not `kubectl wait`: on a CRD created a moment ago, wait errors out while status.conditions is still absent.
crd_established() {
  [ "$(k get crd sitruns.sit.dataops.io -o jsonpath='{.status.conditions[?(@.type=="Established")].status}' 2>/dev/null)" = True ]
}
wait_until 60 "SitRun CRD established" crd_established || die "the SitRun CRD is not Established after 60 s"

# Room on the fake nodes: an ended run keeps its broker and database pods until its cleanup TTL (10 min in the
# example), so 1000 runs at 50 at a time hold ~800 pods and their memory requests (0.75 GiB per broker); kwok's 3
# nodes of 110 pods and 128 GiB made later runs wait for a node (seen: 10 of 1000 timed out in Provisioning with
# "Too many pods", then 6 to 8 with "Insufficient memory"), which measures the cluster, not the operator.
KWOK_PODS=${SIT_BENCH_KWOK_NODE_PODS:-2000}
KWOK_MEMORY=${SIT_BENCH_KWOK_NODE_MEMORY:-2Ti}
for node in $(k get nodes -l type=kwok -o name); do
  room="{\"pods\":\"$KWOK_PODS\",\"memory\":\"$KWOK_MEMORY\"}"
  k patch "$node" --subresource=status --type=merge \
    -p "{\"status\":{\"capacity\":$room,\"allocatable\":$room}}" >/dev/null
done

# The audit log from byte <offset> of the file that was audit.log at epoch <t0>: kube-apiserver rotates it at
# 100 MB (--audit-log-maxsize 0 keeps lumberjack's default) into audit-<time>.log, and 1000 runs write ~300 MB.
audit_since() {
  local offset=$1 t0=${2%.*} rotated=() f
  for f in "$(dirname "$AUDIT_LOG")"/audit-*.log; do
    [ -f "$f" ] && [ "$(stat -c %Y "$f")" -ge "$t0" ] && rotated+=("$f")
  done
  if [ ${#rotated[@]} -eq 0 ]; then
    tail -c +$((offset + 1)) "$AUDIT_LOG"
  else
    # the names sort by rotation time; the oldest one rotated after t0 holds the offset
    mapfile -t rotated < <(printf '%s\n' "${rotated[@]}" | sort)
    tail -c +$((offset + 1)) "${rotated[0]}"
    cat "${rotated[@]:1}" "$AUDIT_LOG"
  fi
}

HEAP_LOG="$OUT/heap.log"
# utime + stime of the operator process, in seconds (/proc/<pid>/stat fields 14 and 15, in clock ticks).
operator_cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{sub(/^.*\) /, ""); printf "%.3f", ($12 + $13) / hz}' "/proc/$OPERATOR_PID/stat"
}
start_operator() {
  log "starting the operator: $JAR (-Xmx$XMX, port $PORT, sit.concurrency.max-active=$MAX_ACTIVE)"
  # One process outside the cluster, as ./sit operator runs it: no leader election (it would wait for a Lease in
  # sit-system, a namespace the bench never creates, and reconcile nothing).
  local jvm_extra=()
  # SIT_BENCH_JFR=1: a flight recording (profile settings) of the whole bench, to see where the CPU goes.
  [ "${SIT_BENCH_JFR:-0}" = 1 ] && jvm_extra+=("-XX:StartFlightRecording:filename=$OUT/operator.jfr,settings=profile,dumponexit=true")
  "$JAVA" -Xmx"$XMX" "${jvm_extra[@]}" -Dquarkus.http.port="$PORT" -Dquarkus.http.host=127.0.0.1 -Dquarkus.profile=out-of-cluster \
    -Dsit.concurrency.max-active="$MAX_ACTIVE" -jar "$JAR" >>"$OUT/operator.log" 2>&1 &
  OPERATOR_PID=$!
  operator_ready() { curl -fs -o /dev/null "http://127.0.0.1:$PORT/q/health/ready" 2>/dev/null; }
  if ! wait_until 120 "operator /q/health/ready" operator_ready; then
    tail -30 "$OUT/operator.log" >&2
    die "the operator did not become ready"
  fi
  # Heap poller: the sum over heap pools, every 500 ms, while the operator lives. A busy operator may not answer
  # /q/metrics within 2 s; then jcmd asks the JVM directly, so the peak is not missed exactly when it matters.
  local jcmd
  jcmd="$(dirname "$JAVA")/jcmd"
  (
    set +e
    while kill -0 "$OPERATOR_PID" 2>/dev/null; do
      # "used live": heap used now (garbage included, what -Xmx lets G1 keep) and the old generation right
      # after the last GC (jvm_gc_live_data_size_bytes), which is what the operator really holds.
      bytes=$(curl -fs --max-time 2 "http://127.0.0.1:$PORT/q/metrics" 2>/dev/null \
        | awk '/^jvm_memory_used_bytes\{/ && /area="heap"/ {s += $NF} /^jvm_gc_live_data_size_bytes/ {l = $NF}
               END {if (s > 0) printf "%.0f %.0f", s, l}')
      if [ -z "$bytes" ] && [ -x "$jcmd" ]; then
        bytes=$(timeout 5 "$jcmd" "$OPERATOR_PID" GC.heap_info 2>/dev/null \
          | awk 'match($0, /used [0-9]+K/) {print substr($0, RSTART + 5, RLENGTH - 6) * 1024; exit}')
      fi
      [ -n "$bytes" ] && printf '%s %s\n' "$EPOCHREALTIME" "$bytes" >>"$HEAP_LOG"
      sleep 0.5
    done
  ) &
  BG_PIDS+=($!)
}

# ---- operator phase: every N ----
TEMPLATE="$OUT/floor-template.json"
TEMPLATE_COMPLETE=0
run_with_operator() {
  local n=$1 src="bench-op-$n" dir="$OUT/op-$n"
  mkdir -p "$dir"
  local deadline=${SIT_BENCH_DEADLINE:-$((120 + 3 * n))}
  log "N=$n: operator run in namespace $src (deadline ${deadline}s)"
  k create namespace "$src" >/dev/null
  wait_until 30 "default ServiceAccount in $src" k get serviceaccount default -n "$src" -o name >/dev/null 2>&1 || true
  # The features ConfigMap first (not timed), then the N SitRuns in one multi-document file.
  python3 - "$EXAMPLE" "$n" "$dir" <<'EOF'
import sys
text = open(sys.argv[1]).read()
docs = [d for d in text.split("\n---\n")]
configmaps = [d for d in docs if "kind: ConfigMap" in d]
sitrun = next(d for d in docs if "kind: SitRun" in d)
open(f"{sys.argv[3]}/configmaps.yaml", "w").write("\n---\n".join(configmaps) + "\n")
# Benchmark runs belong on the kwok fake nodes (hundreds of runs; nothing of them really runs), which the e2e
# cluster taints so that real pods avoid them: tolerate the taint and select them, never the real node.
sitrun = sitrun.replace("\nspec:\n", "\nspec:\n  placement:\n    nodeSelector: { type: kwok }\n    tolerations:\n"
                        "      - { key: kwok.x-k8s.io/node, operator: Equal, value: fake, effect: NoSchedule }\n", 1)
runs = [sitrun.replace("name: minimal\n", f"name: bench-{i}\n", 1) for i in range(1, int(sys.argv[2]) + 1)]
open(f"{sys.argv[3]}/sitruns.yaml", "w").write("\n---\n".join(runs) + "\n")
EOF
  k apply -n "$src" -f "$dir/configmaps.yaml" >/dev/null

  watch_to "$dir/jobs.log" get jobs -A -l "$RUNNER_SELECTOR" -w -o 'jsonpath={.metadata.namespace} {.metadata.labels.sit\.dataops\.io/run}{"\n"}'
  local jobs_watch=$WATCH_PID
  watch_to "$dir/phases.log" get sitruns -n "$src" -w -o 'jsonpath={.metadata.name}|{.status.phase}|{.status.namespace}{"\n"}'
  local phases_watch=$WATCH_PID
  sleep 1 # both watches established before the apply
  local audit_from t0 t1 cpu0
  audit_from=$(stat -c %s "$AUDIT_LOG")
  curl -fs "http://127.0.0.1:$PORT/q/metrics" >"$dir/metrics-before.txt" || true
  cpu0=$(operator_cpu_seconds)
  t0=$(now)
  k apply --server-side -n "$src" -f "$dir/sitruns.yaml" >/dev/null
  t1=$(now)
  echo "$t0 $t1" >"$dir/apply-window"
  log "N=$n: apply of $n SitRuns took $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}')s"

  reached_testing() {
    python3 - "$dir/phases.log" "$n" <<'EOF'
import sys
done = set()
for line in open(sys.argv[1]):
    f = line.rstrip("\n").split(" ", 1)[-1].split("|")
    if len(f) >= 2 and f[1] in ("Testing", "Succeeded", "Failed", "Error"):
        done.add(f[0])
sys.exit(0 if len(done) >= int(sys.argv[2]) else 1)
EOF
  }
  all_jobs_seen() { [ "$(distinct_runs_in "$dir/jobs.log")" -ge "$n" ]; }
  queue_drained() { [ "$(py ended "$dir/phases.log")" -ge "$n" ]; }
  # A run that ended before its runner Job (e.g. a provisioning timeout) never gets one: stop waiting then.
  jobs_seen_or_all_ended() { all_jobs_seen || queue_drained; }
  wait_until "$deadline" "$n runner Jobs" jobs_seen_or_all_ended || true
  wait_until 30 "$n SitRuns in Testing or beyond" reached_testing || true
  # With a limit, "reached Testing" is not the end: the last runs wait until the queue drained.
  if [ "$MAX_ACTIVE" != 0 ]; then
    wait_until "$deadline" "$n SitRuns ended (queue drained)" queue_drained || true
  fi
  local t_end
  t_end=$(now)
  curl -fs "http://127.0.0.1:$PORT/q/metrics" >"$dir/metrics-after.txt" || true
  awk -v a="$cpu0" -v b="$(operator_cpu_seconds)" -v n="$n" 'BEGIN {printf "%.3f\n", (b - a) / n}' >"$OUT/cpu-per-run-$n.json"
  py queuewait "$dir/metrics-before.txt" "$dir/metrics-after.txt" >"$OUT/queue-wait-$n.json"
  log "N=$n: operator CPU seconds per run $(cat "$OUT/cpu-per-run-$n.json"); queue wait p50/p95 (s) $(cat "$OUT/queue-wait-$n.json")"
  audit_since "$audit_from" "$t0" >"$dir/audit.jsonl"
  stop_watch "$jobs_watch"
  stop_watch "$phases_watch"
  k get sitruns -n "$src" -o 'custom-columns=NAME:.metadata.name,PHASE:.status.phase,REASON:.status.reason,MESSAGE:.status.message' >"$dir/sitruns.txt" 2>&1 || true

  py latency "$t0" "$dir/jobs.log" "$n" "N=$n operator  apply->runner Job" "$OUT/op-$n.json" "$dir/audit.jsonl" "$src"
  if [ "$TEMPLATE_COMPLETE" != 1 ]; then
    # The first run namespace that got its runner Job (its objects are then complete); else any, for the record.
    local FIRST_RUN_NS
    FIRST_RUN_NS=$(awk 'NR == 1 {print $2}' "$dir/jobs.log")
    if [ -n "$FIRST_RUN_NS" ]; then TEMPLATE_COMPLETE=1; else
      FIRST_RUN_NS=$(awk -F'|' '$3 != "" {print $3; exit}' <(cut -d' ' -f2- "$dir/phases.log"))
    fi
    # A long run's first namespace may be gone by now (its cleanup TTL): then no template, and no minimal count.
    if [ -n "$FIRST_RUN_NS" ] && ! k get namespace "$FIRST_RUN_NS" -o json >"$OUT/run-namespace.json" 2>/dev/null; then
      log "N=$n: run namespace $FIRST_RUN_NS already deleted; run a small N first for the minimal object count"
      FIRST_RUN_NS=""
      TEMPLATE_COMPLETE=0
    fi
    if [ -n "$FIRST_RUN_NS" ]; then
      k get -n "$FIRST_RUN_NS" -o json \
        configmaps,secrets,serviceaccounts,roles.rbac.authorization.k8s.io,rolebindings.rbac.authorization.k8s.io,services,statefulsets.apps,deployments.apps,jobs.batch,networkpolicies.networking.k8s.io,resourcequotas,limitranges \
        >"$OUT/run-objects.json"
      log "N=$n: objects the operator created for one run ($FIRST_RUN_NS): $(py template "$OUT/run-objects.json" "$OUT/run-namespace.json" "$src" "$FIRST_RUN_NS" "$TEMPLATE")"
    fi
  fi
  local min_objects=0
  [ -f "$TEMPLATE" ] && min_objects=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["items"]))' "$TEMPLATE")
  local breakdown=()
  [ "$n" = "${SIZES[0]}" ] && breakdown=(--breakdown)
  py writes "$dir/phases.log" "$dir/jobs.log" "$dir/audit.jsonl" "$src" "$n" "$OPERATOR_UA" "$min_objects" \
    "$OUT/writes-$n.json" "${breakdown[@]}"
  local heap
  heap=$(py heap "$HEAP_LOG" "$t0" "$t_end")
  echo "$heap" | awk '{print $1}' >"$OUT/heap-$n.json"
  echo "$heap" | awk '{print $2}' >"$OUT/heap-live-$n.json"
  log "N=$n: operator heap, peak used / peak live after GC: ${heap} MiB (null: no sample); SitRun phases: $(awk 'NR > 1 {print $2}' "$dir/sitruns.txt" | sort | uniq -c | tr -s ' ' | tr '\n' ',')"

  # What the live heap holds, by class (a full GC first): which caches grow with kept environments.
  local jcmd_bin
  jcmd_bin="$(dirname "$JAVA")/jcmd"
  [ -x "$jcmd_bin" ] && timeout 60 "$jcmd_bin" "$OPERATOR_PID" GC.class_histogram 2>/dev/null | head -60 \
    >"$OUT/heap-histogram-$n.txt" || true
  log "N=$n: cleanup (delete SitRuns, wait for their namespaces)"
  k delete sitruns --all -n "$src" --wait=false >/dev/null
  no_runs_left() { [ -z "$(k get sitruns -n "$src" -o name 2>/dev/null)" ]; }
  no_run_namespaces_left() {
    [ -z "$(k get namespaces -o name 2>/dev/null | grep -E '^namespace/sit-bench-' || true)" ]
  }
  wait_until 300 "SitRuns of $src gone" no_runs_left || true
  wait_until 300 "run namespaces gone" no_run_namespaces_left || true
  k delete namespace "$src" --wait=true --timeout=120s >/dev/null || true
}

# ---- floor phase: the same objects with kubectl, no operator ----
# wait_kind <label-value> <resource> <condition>: every object of that type in the floor copies meets the condition.
wait_kind() {
  local src=$1 resource=$2 condition=$3 kind
  case "$resource" in statefulsets.apps) kind=StatefulSet ;; jobs.batch) kind=Job ;; deployments.apps) kind=Deployment ;; esac
  grep -qw "$kind" <<<"$FLOOR_KINDS" || return 0
  k wait -A -l "sit.dataops.io/run-namespace=$src" --for="$condition" "$resource" --timeout=300s >/dev/null
}
# mode "parallel": every environment object in one apply, then wait for all of them (the brief's floor: what
# kubectl can do at best). mode "staged": the workflow's own order (StatefulSets ready -> Jobs complete ->
# Deployments available), each step one apply + one wait, which is what the operator has to do.
run_floor() {
  local n=$1 mode=$2 src="bench-floor-$1" prefix="bf$1-$2" dir="$OUT/floor-$2-$1"
  mkdir -p "$dir"
  FLOOR_KINDS=$(py render "$TEMPLATE" "$prefix" "$n" "$src" "$dir")
  watch_to "$dir/jobs.log" get jobs -A -l "$RUNNER_SELECTOR" -w -o 'jsonpath={.metadata.namespace} {.metadata.name}{"\n"}'
  local jobs_watch=$WATCH_PID
  sleep 1
  local t0
  t0=$(now)
  if [ "$mode" = parallel ]; then
    k apply --server-side -f "$dir/floor-env.json" >/dev/null
    wait_kind "$src" statefulsets.apps 'jsonpath={.status.readyReplicas}=1' &
    local w1=$!
    wait_kind "$src" jobs.batch condition=Complete &
    local w2=$!
    wait_kind "$src" deployments.apps condition=Available || true
    wait "$w1" || true
    wait "$w2" || true
  else
    k apply --server-side -f "$dir/floor-base.json" >/dev/null
    wait_kind "$src" statefulsets.apps 'jsonpath={.status.readyReplicas}=1' || true
    [ "$(jq '.items | length' "$dir/floor-jobs.json")" = 0 ] || k apply --server-side -f "$dir/floor-jobs.json" >/dev/null
    wait_kind "$src" jobs.batch condition=Complete || true
    [ "$(jq '.items | length' "$dir/floor-deployments.json")" = 0 ] || k apply --server-side -f "$dir/floor-deployments.json" >/dev/null
    wait_kind "$src" deployments.apps condition=Available || true
  fi
  k apply --server-side -f "$dir/floor-runner.json" >/dev/null
  all_jobs_seen() { [ "$(distinct_runs_in "$dir/jobs.log")" -ge "$n" ]; }
  wait_until 120 "$n floor runner Jobs" all_jobs_seen || true
  stop_watch "$jobs_watch"
  py latency "$t0" "$dir/jobs.log" "$n" "N=$n floor ($mode) apply->runner Job" "$OUT/floor-$mode-$n.json"
  local namespaces=() i
  for i in $(seq 1 "$n"); do namespaces+=("$prefix-$i"); done
  k delete namespace "${namespaces[@]}" --wait=false >/dev/null || true
  no_floor_left() { [ -z "$(k get namespaces -o name 2>/dev/null | grep -E "^namespace/$prefix-" || true)" ]; }
  wait_until 300 "floor namespaces gone" no_floor_left || true
}

log "output in $OUT"
start_operator
for n in "${SIZES[@]}"; do run_with_operator "$n"; done
stop_operator
if [ "${SIT_BENCH_FLOOR:-1}" = 0 ]; then
  log "floor skipped (SIT_BENCH_FLOOR=0)"
elif [ -f "$TEMPLATE" ] && [ "$(jq '[.items[] | select(.kind == "Job" and .metadata.labels["sit.dataops.io/component"] == "runner")] | length' "$TEMPLATE")" -gt 0 ]; then
  for n in "${SIZES[@]}"; do run_floor "$n" parallel; run_floor "$n" staged; done
else
  log "no floor: no operator run got as far as its runner Job, so there is nothing to copy"
fi

echo
echo "== sit-operator benchmark ($(date -u +%FT%TZ), $(git -C "$ROOT" rev-parse --short HEAD), jar $(date -u -r "$JAR" +%FT%TZ)) =="
echo "times in seconds from apply to runner Job seen; heap = peak of jvm_memory_used_bytes{area=heap} (-Xmx$XMX)"
py summary "$OUT" "${SIZES[@]}" | tee "$OUT/summary.txt"
[ -z "$CRD_NOTE" ] || echo "$CRD_NOTE" | tee -a "$OUT/summary.txt"
