#!/usr/bin/env bash
# Real-node benchmark: `kubectl apply` -> `Succeeded` of examples/orders-sitrun.yaml with the operator running in
# the cluster, against a floor run side by side: the objects the operator created for that run, applied with
# kubectl in the workflow's order (StatefulSets ready -> Jobs complete -> Deployments available -> runner Job
# complete), waited for the same way. Not a test: it prints the figures and exits 0 whenever it could measure.
#
# Usage: e2e/bench/real-node-bench.sh [ROUNDS]     (default 3; operator and floor alternate, round by round)
#
# Each run's breakdown (seconds after its apply, from the API's own timestamps, 1 s resolution): broker pod
# Ready, database pod Ready, seed Job complete, system Ready, runner container started, runner Job complete.
# Needs the control plane up with the images loaded (e2e/control-plane up && e2e/control-plane images); installs
# the CRD and the operator from deploy/ when they are missing. Output: e2e/bench/target/real-node-<timestamp>/.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_DIR="$ROOT/e2e/bench"
ROUNDS=${1:-3}
EXAMPLE="$ROOT/examples/orders-sitrun.yaml"
OUT="$BENCH_DIR/target/real-node-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"

log() { printf '[real-node-bench] %s\n' "$*" >&2; }
k() { "$ROOT/e2e/control-plane" kubectl "$@"; }
py() { python3 "$BENCH_DIR/bench.py" "$@"; }
now() { date +%s.%N; }

wait_until() { # <seconds> <what> <command>...
  local deadline=$((SECONDS + $1)) what=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || { log "timed out waiting for $what"; return 1; }
    sleep 0.5
  done
}

"$ROOT/e2e/control-plane" status >/dev/null || { log "the control plane is not up: e2e/control-plane up && e2e/control-plane images"; exit 2; }
k apply --server-side --force-conflicts -f "$ROOT/crds/" >/dev/null
k apply --server-side --force-conflicts -f "$ROOT/deploy/operator.yaml" >/dev/null
k -n sit-system rollout status deployment/sit-operator --timeout=180s >/dev/null

phase_of() { k get sitrun orders -n "$1" -o jsonpath='{.status.phase}' 2>/dev/null; }
ended() { case "$(phase_of "$1")" in Succeeded | Failed | Error) return 0 ;; *) return 1 ;; esac; }

# breakdown <run namespace> <t0 epoch> <label>: one JSON object with the offsets of the milestones.
breakdown() {
  local ns=$1 t0=$2 label=$3 total=$4
  k get pods,jobs -n "$ns" -o json >"$OUT/$label-objects.json"
  python3 - "$OUT/$label-objects.json" "$t0" "$label" "$total" <<'EOF'
import datetime, json, sys
objs, t0, label, total = json.load(open(sys.argv[1]))["items"], float(sys.argv[2]), sys.argv[3], float(sys.argv[4])
ts = lambda s: datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc).timestamp() - t0
comp = lambda o: o["metadata"].get("labels", {}).get("sit.dataops.io/component")
out = {"run": label, "total": round(total, 1)}
for o in objs:
    c = comp(o)
    if o["kind"] == "Pod":
        ready = [x for x in o["status"].get("conditions", []) if x["type"] == "Ready" and x["status"] == "True"]
        if c in ("broker", "database", "system") and ready:
            out[c + "Ready"] = round(ts(ready[0]["lastTransitionTime"]), 1)
        if c == "runner":
            st = o["status"].get("containerStatuses", [{}])[0].get("state", {})
            started = (st.get("terminated") or st.get("running") or {}).get("startedAt")
            if started:
                out["runnerStarted"] = round(ts(started), 1)
    elif o["kind"] == "Job" and o["status"].get("completionTime"):
        out[{"seed": "seedComplete", "runner": "runnerComplete", "broker": "topicsComplete"}.get(c, c)] = \
            round(ts(o["status"]["completionTime"]), 1)
print(json.dumps(out))
EOF
}

operator_run() { # <namespace> <label>
  local ns=$1 label=$2 t0 t1
  k create namespace "$ns" >/dev/null
  wait_until 30 "default ServiceAccount in $ns" k get serviceaccount default -n "$ns"
  t0=$(now)
  k apply -n "$ns" -f "$EXAMPLE" >/dev/null
  wait_until 600 "orders in $ns ended" ended "$ns" || true
  t1=$(now)
  [ "$(phase_of "$ns")" = Succeeded ] || log "WARNING: $label ended $(phase_of "$ns")"
  RUN_NS=$(k get sitrun orders -n "$ns" -o jsonpath='{.status.namespace}')
  breakdown "$RUN_NS" "$t0" "$label" "$(awk -v a="$t1" -v b="$t0" 'BEGIN { print a - b }')" >>"$OUT/runs.jsonl"
}

floor_run() { # <round>
  local prefix="rnb-floor-$1" dir="$OUT/floor-$1" t0 t1 ns
  mkdir -p "$dir"
  py render "$TEMPLATE" "$prefix" 1 "rnb-floor-src" "$dir" >/dev/null
  ns="$prefix-1"
  t0=$(now)
  k apply --server-side -f "$dir/floor-base.json" >/dev/null
  k wait -n "$ns" --for=jsonpath='{.status.readyReplicas}'=1 statefulsets --all --timeout=300s >/dev/null
  k apply --server-side -f "$dir/floor-jobs.json" >/dev/null
  k wait -n "$ns" --for=condition=Complete jobs --all --timeout=300s >/dev/null
  k apply --server-side -f "$dir/floor-deployments.json" >/dev/null
  k wait -n "$ns" --for=condition=Available deployments --all --timeout=300s >/dev/null
  k apply --server-side -f "$dir/floor-runner.json" >/dev/null
  k wait -n "$ns" --for=condition=Complete jobs --all --timeout=300s >/dev/null
  t1=$(now)
  breakdown "$ns" "$t0" "floor-$1" "$(awk -v a="$t1" -v b="$t0" 'BEGIN { print a - b }')" >>"$OUT/runs.jsonl"
}

cleanup_ns() { k delete namespace "$@" --ignore-not-found --wait=true --timeout=300s >/dev/null || true; }

# The template: what the operator created for one warm-up run (not counted).
log "warm-up operator run (its objects become the floor's)"
operator_run rnb-op-0 warmup
TEMPLATE="$OUT/floor-template.json"
k get statefulsets,services,jobs,deployments,configmaps,secrets,serviceaccounts,roles,rolebindings,networkpolicies,resourcequotas,limitranges \
  -n "$RUN_NS" -o json >"$OUT/run-dump.json"
k get namespace "$RUN_NS" -o json >"$OUT/run-namespace.json"
py template "$OUT/run-dump.json" "$OUT/run-namespace.json" rnb-op-0 "$RUN_NS" "$TEMPLATE" >&2
k delete sitrun orders -n rnb-op-0 --wait=true --timeout=300s >/dev/null
cleanup_ns rnb-op-0 "$RUN_NS"

for r in $(seq 1 "$ROUNDS"); do
  log "round $r/$ROUNDS: operator"
  operator_run "rnb-op-$r" "operator-$r"
  k delete sitrun orders -n "rnb-op-$r" --wait=true --timeout=300s >/dev/null
  cleanup_ns "rnb-op-$r" "$RUN_NS"
  log "round $r/$ROUNDS: floor"
  floor_run "$r"
  cleanup_ns "rnb-floor-$r-1"
done

python3 - "$OUT/runs.jsonl" <<'EOF'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
cols = ["total", "brokerReady", "databaseReady", "seedComplete", "topicsComplete", "systemReady", "runnerStarted",
        "runnerComplete"]
print("seconds after apply (operator: -> phase Succeeded; floor: -> runner Job complete)")
print(" ".join(f"{c:>14}" for c in ["run"] + cols))
for r in runs:
    print(" ".join(f"{str(r.get(c, '-')):>14}" for c in ["run"] + cols))
op = [r["total"] for r in runs if r["run"].startswith("operator-")]
fl = [r["total"] for r in runs if r["run"].startswith("floor-")]
pairs = [o / f for o, f in zip(op, fl)]
if op and fl:
    print(f"median operator {statistics.median(op):.1f} s, floor {statistics.median(fl):.1f} s; "
          f"ratio per round {', '.join(f'{p:.2f}' for p in pairs)}; median ratio {statistics.median(pairs):.2f} "
          f"(goal <= 1.15)")
EOF
log "raw data: $OUT"
