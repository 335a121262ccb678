#!/usr/bin/env python3
"""Helpers of operator-bench.sh: render the floor objects, compute latencies, attribute audit events, summarise.

Only the standard library, so the bench needs nothing beyond python3, kubectl and curl.
Commands:
  template <run-dump.json> <namespace.json> <src-ns> <run-ns> <out.json>
  render   <template.json> <floor-ns-prefix> <N> <src-ns-replacement> <out-dir>
  latency  <t0> <jobs.log> <N> <label> <out.json> [<audit.jsonl> <src-ns>]
  writes   <phases.log> <jobs.log> <audit.jsonl> <src-ns> <N> <operator-ua-prefix> <min-objects> <out.json> [--breakdown]
  heap     <heap.log> <t-from> <t-to>
  summary  <results-dir> <targets...>
"""
import json
import re
import os
import sys
from collections import Counter
from datetime import datetime

PHASES = ["Pending", "Provisioning", "Seeding", "Testing", "Succeeded", "Failed", "Error"]
TESTING = PHASES.index("Testing")

# Fields the API server or controllers own; applying them back would conflict or pin another object's identity.
META_DROP = ("uid", "resourceVersion", "creationTimestamp", "managedFields", "generation", "ownerReferences",
             "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds")
AUTO_CREATED = {("ConfigMap", "kube-root-ca.crt"), ("ServiceAccount", "default")}
JOB_LABELS = ("controller-uid", "batch.kubernetes.io/controller-uid", "job-name", "batch.kubernetes.io/job-name")


def clean(obj):
    obj.pop("status", None)
    meta = obj.get("metadata", {})
    for key in META_DROP:
        meta.pop(key, None)
    (meta.get("annotations") or {}).pop("kubectl.kubernetes.io/last-applied-configuration", None)
    kind = obj.get("kind")
    spec = obj.get("spec", {})
    if kind == "Namespace":
        obj.pop("spec", None)
    if kind == "Service":
        for key in ("clusterIP", "clusterIPs"):
            spec.pop(key, None)
    if kind == "Job":
        # The Job controller fills in the selector and a controller-uid label; a Job applied with them is refused.
        spec.pop("selector", None)
        labels = spec.get("template", {}).get("metadata", {}).get("labels", {})
        for key in JOB_LABELS:
            labels.pop(key, None)
        for key in JOB_LABELS:
            meta.get("labels", {}).pop(key, None)
    return obj


def cmd_template(dump_path, namespace_path, src_ns, run_ns, out_path):
    items = []
    with open(namespace_path) as f:
        items.append(clean(json.load(f)))
    with open(dump_path) as f:
        for obj in json.load(f)["items"]:
            if (obj["kind"], obj["metadata"]["name"]) in AUTO_CREATED:
                continue
            items.append(clean(obj))
    text = json.dumps({"srcNamespace": src_ns, "runNamespace": run_ns, "items": items}, indent=1)
    with open(out_path, "w") as f:
        f.write(text)
    kinds = Counter(o["kind"] for o in items)
    print(" ".join(f"{k}={v}" for k, v in sorted(kinds.items())), f"total={len(items)}")


def is_runner_job(obj):
    return obj["kind"] == "Job" and obj["metadata"].get("labels", {}).get("sit.dataops.io/component") == "runner"


def floor_stage(obj):
    """The workflow's order: base objects and StatefulSets, then Jobs (need the broker/database ready), then
    Deployments (need the topics), then the runner Job (needs everything ready)."""
    if is_runner_job(obj):
        return "runner"
    return {"Job": "jobs", "Deployment": "deployments"}.get(obj["kind"], "base")


def cmd_render(template_path, prefix, n, src_replacement, out_dir):
    """Writes one List per floor stage (and env = base+jobs+deployments); copy i lives in namespace <prefix>-<i>."""
    with open(template_path) as f:
        template = json.load(f)
    raw = json.dumps(template["items"])
    stages = {"base": [], "jobs": [], "deployments": [], "runner": []}
    for i in range(1, int(n) + 1):
        text = raw.replace(template["runNamespace"], f"{prefix}-{i}")
        text = text.replace(f'"{template["srcNamespace"]}"', f'"{src_replacement}"')
        for obj in json.loads(text):
            stages[floor_stage(obj)].append(obj)
    stages["env"] = stages["base"] + stages["jobs"] + stages["deployments"]
    for stage, objs in stages.items():
        with open(os.path.join(out_dir, f"floor-{stage}.json"), "w") as f:
            json.dump({"apiVersion": "v1", "kind": "List", "items": objs}, f)
    kinds = sorted({o["kind"] for o in stages["env"]})
    print(" ".join(kinds))


def percentile(values, p):
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def apply_times(audit_path, src_ns):
    """SitRun name -> when the API server finished kubectl's write of it (the run's own apply)."""
    times = {}
    with open(audit_path) as f:
        for line in f:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            ref = event.get("objectRef", {})
            if (ref.get("resource") == "sitruns" and not ref.get("subresource") and ref.get("namespace") == src_ns
                    and event.get("userAgent", "").startswith("kubectl") and ref.get("name") not in times):
                times[ref["name"]] = audit_time(event["stageTimestamp"])
    return times


def cmd_latency(t0, jobs_log, n, label, out_path, audit_path=None, src_ns=None):
    """First time the watch saw a runner Job in each namespace, minus the apply start (and, with the audit log,
    minus the moment that run's own SitRun was written: for large N one apply takes a while)."""
    t0 = float(t0)
    first, run_of = {}, {}
    with open(jobs_log) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and parts[1] not in first:
                first[parts[1]] = float(parts[0])
                if len(parts) >= 3:
                    run_of[parts[1]] = parts[2]
    values = [t - t0 for t in first.values()]
    result = {"label": label, "n": int(n), "seen": len(values),
              "p50": percentile(values, 50), "p95": percentile(values, 95),
              "max": max(values) if values else None}
    fmt = lambda v: "-" if v is None else f"{v:.3f}s"
    extra = ""
    if audit_path:
        applied = apply_times(audit_path, src_ns)
        own = [t - applied[run_of[ns]] for ns, t in first.items() if run_of.get(ns) in applied]
        result.update({"ownP50": percentile(own, 50), "ownP95": percentile(own, 95),
                       "ownMax": max(own) if own else None,
                       "applySpan": (max(applied.values()) - min(applied.values())) if applied else None})
        extra = (f" | from each SitRun's own write: p50 {fmt(result['ownP50'])}  p95 {fmt(result['ownP95'])}  "
                 f"max {fmt(result['ownMax'])} (the apply wrote the {len(applied)} SitRuns over "
                 f"{fmt(result['applySpan'])})")
    with open(out_path, "w") as f:
        json.dump(result, f)
    print(f"{label}: runner Jobs {len(values)}/{n}  p50 {fmt(result['p50'])}  p95 {fmt(result['p95'])}  "
          f"max {fmt(result['max'])}{extra}")


def read_phases(phases_log):
    """name -> first time seen at Testing or beyond; name -> run namespace; name -> phases seen up to Testing."""
    reached, run_ns, phases = {}, {}, {}
    with open(phases_log) as f:
        for line in f:
            ts, _, rest = line.rstrip("\n").partition(" ")
            fields = rest.split("|")
            if len(fields) < 3:
                continue
            name, phase, namespace = fields[0], fields[1], fields[2]
            if namespace:
                run_ns[name] = namespace
            if phase in PHASES and name not in reached:
                phases.setdefault(name, set()).add(phase)
                if PHASES.index(phase) >= TESTING:
                    reached[name] = float(ts)
    return reached, run_ns, phases


def read_jobs(jobs_log):
    """run namespace -> first time the runner Job was seen."""
    seen = {}
    if os.path.exists(jobs_log):
        with open(jobs_log) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 2 and parts[1] not in seen:
                    seen[parts[1]] = float(parts[0])
    return seen


def read_runner_jobs(jobs_log):
    """run name -> (run namespace, first time its runner Job was seen), from lines '<ts> <namespace> <run>'."""
    seen = {}
    if os.path.exists(jobs_log):
        with open(jobs_log) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 3 and parts[2] not in seen:
                    seen[parts[2]] = (parts[1], float(parts[0]))
    return seen


def audit_time(value):
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def cmd_writes(phases_log, jobs_log, audit_path, src_ns, n, ua_prefix, min_objects, out_path, *flags):
    """Operator writes per run up to its cutoff (seen in Testing and its runner Job seen, whichever is later)
    against the minimal set: the objects of one run + one status write per phase the run was seen in up to
    Testing + the finalizer."""
    n, min_objects = int(n), int(min_objects)
    reached, run_ns, phases = read_phases(phases_log)
    jobs = read_jobs(jobs_log)
    # The operator creates a run's runner Job only in Testing, so a runner Job seen is a run seen in Testing.
    # This also covers a phase watch that stalled under load (seen at N=200): KWOK ends such runs within a
    # second of Testing, so they are easy to miss by watching phases alone.
    complete = [len(p) for r, p in phases.items() if "Testing" in p]
    typical_phases = round(sum(complete) / len(complete)) if complete else 2
    for name, (namespace, t) in read_runner_jobs(jobs_log).items():
        if name not in reached:
            reached[name] = t
            run_ns.setdefault(name, namespace)
            phases[name] = set(range(typical_phases))
    cutoff = {run: max(t, jobs.get(run_ns.get(run), t)) for run, t in reached.items()}
    ns_to_run = {v: k for k, v in run_ns.items()}
    per_run = Counter()
    unattributed = Counter()
    after_cutoff = Counter()
    total = 0
    breakdown = Counter()
    agents = Counter()
    with open(audit_path) as f:
        for line in f:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if event.get("verb") not in ("create", "update", "patch", "delete", "deletecollection"):
                continue
            agent = event.get("userAgent", "")
            agents[agent.split(" ")[0]] += 1
            if not agent.startswith(ua_prefix):
                continue
            total += 1
            ref = event.get("objectRef", {})
            resource = ref.get("resource", "")
            if ref.get("subresource"):
                resource += "/" + ref["subresource"]
            namespace, name = ref.get("namespace"), ref.get("name", "")
            key = f'{event["verb"]} {resource}'
            run = None
            if namespace in ns_to_run:
                run = ns_to_run[namespace]
            elif resource == "namespaces" and name in ns_to_run:
                run = ns_to_run[name]
            elif namespace == src_ns and resource.startswith("sitruns"):
                run = name
            elif namespace == src_ns and resource == "events":
                run = name.split(".")[0]
            if run is None:
                unattributed[key] += 1
                continue
            if run not in cutoff or audit_time(event["requestReceivedTimestamp"]) > cutoff[run]:
                after_cutoff[key] += 1
                continue
            per_run[run] += 1
            breakdown[key] += 1
    runs = sorted(reached)
    status_min = sum(len(phases.get(r, ())) for r in runs) / len(runs) if runs else 0
    events = breakdown.get("create events", 0) / len(runs) if runs else 0
    minimal = min_objects + status_min + 1
    mean = sum(per_run[r] for r in runs) / len(runs) if runs else None
    shared = sum(unattributed.values())
    after = sum(after_cutoff.values())
    result = {"n": n, "reachedTesting": len(runs), "writesPerRun": mean, "minimal": minimal,
              "ratio": (mean / minimal) if mean is not None else None,
              "ratioWithoutEvents": ((mean - events) / minimal) if mean is not None else None,
              "eventsPerRun": events, "statusMinimal": status_min,
              "sharedPerRun": shared / n, "afterCutoffPerRun": after / n, "operatorWritesTotal": total,
              "breakdown": dict(breakdown), "afterCutoff": dict(after_cutoff), "unattributed": dict(unattributed),
              "agents": dict(agents)}
    with open(out_path, "w") as f:
        json.dump(result, f, indent=1)
    fmt = lambda v: "-" if v is None else f"{v:.2f}"
    print(f"operator writes per run up to Testing+runner Job: {fmt(mean)} (of which events {events:.2f}) vs minimal "
          f"{minimal:.2f} ({min_objects} objects + {status_min:.2f} status (phases seen) + 1 finalizer); ratio "
          f"{fmt(result['ratio'])} (without events {fmt(result['ratioWithoutEvents'])}); not tied to a run: {shared} "
          f"({shared / n:.2f}/run); later, until the window closed: {after / n:.2f}/run")
    if "--breakdown" in flags:
        print("  user agents of all writes in the window:", ", ".join(f"{a}={c}" for a, c in agents.most_common()))
        for title, counter in (("operator writes up to the cutoff, all runs", breakdown),
                               ("operator writes after the cutoff (run ended on kwok, cleanup not included)", after_cutoff),
                               ("operator writes not tied to a run", unattributed)):
            if counter:
                print(f"  {title} (verb resource: count):")
                for key, count in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
                    print(f"    {key:45s} {count}")


def cmd_heap(heap_log, t_from, t_to):
    """Prints "<peak used MiB> <peak live-after-GC MiB>"; null where no sample fell in the window."""
    t_from, t_to = float(t_from), float(t_to)
    peak, live = 0.0, 0.0
    if os.path.exists(heap_log):
        with open(heap_log) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 2 and t_from <= float(parts[0]) <= t_to:
                    peak = max(peak, float(parts[1]))
                    if len(parts) >= 3:
                        live = max(live, float(parts[2]))
    # No sample in the window means not measured, not zero.
    show = lambda v: f"{v / 1048576:.1f}" if v > 0 else "null"
    print(show(peak), show(live))


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def cmd_summary(results_dir, *ns):
    ratio_target, heap_target, writes_target = 1.2, 256.0, 1.3
    rows, verdicts = [], []
    f = lambda v, spec=".2f": "-" if v is None else format(v, spec)
    print("apply -> runner Job seen, seconds (floor P = all environment objects in one apply; floor S = staged in "
          "the workflow's order)")
    print(f"{'N':>4} {'op p50':>7} {'op p95':>7} {'op max':>7} {'P p50':>6} {'P p95':>6} {'S p50':>6} {'S p95':>6} "
          f"{'op/P':>5} {'op/S':>5} {'Testing':>8} {'heapMiB':>7} {'writes/run':>10} {'minimal':>7} {'w ratio':>7}")
    for n in ns:
        op = load(os.path.join(results_dir, f"op-{n}.json")) or {}
        fp = load(os.path.join(results_dir, f"floor-parallel-{n}.json")) or {}
        fs = load(os.path.join(results_dir, f"floor-staged-{n}.json")) or {}
        wr = load(os.path.join(results_dir, f"writes-{n}.json")) or {}
        heap = load(os.path.join(results_dir, f"heap-{n}.json"))
        ratio_p = (op["p50"] / fp["p50"]) if op.get("p50") and fp.get("p50") else None
        ratio_s = (op["p50"] / fs["p50"]) if op.get("p50") and fs.get("p50") else None
        print(f"{n:>4} {f(op.get('p50')):>7} {f(op.get('p95')):>7} {f(op.get('max')):>7} {f(fp.get('p50')):>6} "
              f"{f(fp.get('p95')):>6} {f(fs.get('p50')):>6} {f(fs.get('p95')):>6} {f(ratio_p):>5} {f(ratio_s):>5} "
              f"{str(wr.get('reachedTesting', '-')) + '/' + n:>8} {f(heap, '.0f'):>7} "
              f"{f(wr.get('writesPerRun')):>10} {f(wr.get('minimal')):>7} {f(wr.get('ratio')):>7}")
        rows.append((n, wr, heap, ratio_p, ratio_s))
    for n in ns:
        op = load(os.path.join(results_dir, f"op-{n}.json")) or {}
        if op.get("ownP50") is not None:
            print(f"  N={n}: the apply wrote the SitRuns over {f(op.get('applySpan'))}s; from each SitRun's own write "
                  f"to its runner Job: p50 {f(op.get('ownP50'))} p95 {f(op.get('ownP95'))} max {f(op.get('ownMax'))}")
    print()

    def verdict(name, value, ok):
        state = "n/a " if value is None else ("PASS" if ok else "MISS")
        verdicts.append(state)
        print(f"  {state}  {name}: {value if value is not None else 'not measured'}")

    print("Targets:")
    for n, wr, heap, ratio_p, ratio_s in rows:
        if n == "1":
            verdict("p50 operator/floor <= 1.2 at N=1 (floor P, as briefed)",
                    None if ratio_p is None else f"{ratio_p:.2f}", ratio_p is not None and ratio_p <= ratio_target)
            verdict("p50 operator/floor <= 1.2 at N=1 (floor S, same order as the workflow)",
                    None if ratio_s is None else f"{ratio_s:.2f}", ratio_s is not None and ratio_s <= ratio_target)
    for n, wr, heap, ratio_p, ratio_s in rows:
        if n == "200":
            reached = wr.get("reachedTesting")
            verdict("all 200 reach Testing", None if reached is None else f"{reached}/200", reached == 200)
    heaps = [h for _, _, h, _, _ in rows if h is not None]
    peak = max(heaps) if heaps else None
    lives = [load(os.path.join(results_dir, f"heap-live-{n}.json")) for n in ns]
    lives = [v for v in lives if v is not None]
    live_note = f" (live after GC at most {max(lives):.0f} MiB)" if lives else ""
    verdict(f"operator peak heap used <= 256 MiB (-Xmx{os.environ.get('SIT_BENCH_XMX', '512m')})", None if peak is None else f"{peak:.0f} MiB{live_note}",
            peak is not None and peak <= heap_target)
    for n, wr, heap, ratio_p, ratio_s in rows:
        r = wr.get("ratio")
        r2 = wr.get("ratioWithoutEvents")
        verdict(f"writes per run <= 1.3x minimal (N={n}; Events counted as writes)",
                None if r is None else f"{r:.2f}x (without Events {r2:.2f}x)", r is not None and r <= writes_target)
    return 0


def cmd_ended(phases_log):
    """How many SitRuns of a `kubectl get sitruns -w` log reached a terminal phase."""
    ended = set()
    for line in open(phases_log):
        f = line.rstrip("\n").split(" ", 1)[-1].split("|")
        if len(f) >= 2 and f[1] in ("Succeeded", "Failed", "Error", "Cancelled"):
            ended.add(f[0])
    print(len(ended))


def histogram(path, name):
    """Cumulative bucket counts {le: count} of a Prometheus histogram in a /q/metrics scrape (absent: {})."""
    buckets = {}
    try:
        text = open(path).read()
    except OSError:
        return buckets
    for m in re.finditer(r'^' + name + r'_bucket\{[^}]*le="([^"]+)"[^}]*\} (\S+)$', text, re.M):
        buckets[float(m.group(1))] = float(m.group(2))
    return buckets


def cmd_queuewait(before, after):
    """p50/p95 of sit_queue_wait_seconds between two scrapes, as the upper bound of the bucket holding it."""
    b0, b1 = histogram(before, "sit_queue_wait_seconds"), histogram(after, "sit_queue_wait_seconds")
    delta = sorted((le, b1.get(le, 0) - b0.get(le, 0)) for le in b1)
    total = delta[-1][1] if delta else 0
    if total <= 0:
        print(json.dumps({"count": 0, "p50": None, "p95": None}))
        return
    def quantile(q):
        return next(le for le, count in delta if count >= q * total)
    print(json.dumps({"count": int(total), "p50": quantile(0.5), "p95": quantile(0.95)}))


def main(argv):
    commands = {"template": cmd_template, "render": cmd_render, "latency": cmd_latency, "writes": cmd_writes,
                "heap": cmd_heap, "summary": cmd_summary, "ended": cmd_ended, "queuewait": cmd_queuewait}
    if len(argv) < 2 or argv[1] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    return commands[argv[1]](*argv[2:]) or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
