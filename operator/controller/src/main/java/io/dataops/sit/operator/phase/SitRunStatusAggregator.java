package io.dataops.sit.operator.phase;

import io.dataops.sit.api.ExternalParts;
import io.dataops.sit.api.Redaction;
import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.results.ThresholdResult;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunStatus;
import io.dataops.sit.api.v1alpha1.SitRunStatusBuilder;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.status.CleanupStatus;
import io.dataops.sit.api.v1alpha1.status.DatabaseStatus;
import io.dataops.sit.api.v1alpha1.status.MaskingStatus;
import io.dataops.sit.api.v1alpha1.status.ResultsStatus;
import io.dataops.sit.api.v1alpha1.status.RunnerStatus;
import io.dataops.sit.api.v1alpha1.status.SystemStatus;
import io.dataops.sit.operator.GoDuration;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.naming.RunNames;
import io.dataops.sit.operator.phase.RunObservation.JobState;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The one place that turns what the reconciler observed into the SitRun's status: phase, reason,
 * message, conditions, times, results and cleanup. Pure (no client, no clock of its own), so each
 * transition is unit-tested.
 */
public class SitRunStatusAggregator {

    private static final int MAX_UNMASKED_LISTED = 200;

    private final OperatorSettings settings;

    public SitRunStatusAggregator(OperatorSettings settings) {
        this.settings = settings;
    }

    /** The status of a run that was just accepted (first reconcile, or a deliberate re-run). */
    public SitRunStatus start(SitRun run, Instant now) {
        SitRunStatus status = new SitRunStatus();
        status.setPhase(Phase.PENDING);
        status.setReason("Accepted");
        status.setMessage("run accepted; building namespace " + RunNames.namespace(run));
        status.setNamespace(RunNames.namespace(run));
        status.setObservedGeneration(run.getMetadata().getGeneration());
        status.setRunGeneration(run.getMetadata().getGeneration());
        status.setRerunToken(run.getSpec().getRerunToken());
        status.setStartTime(Timestamps.format(now));
        status.setPhaseStartTime(Timestamps.format(now));
        // Said from the start, before anything is built: a user reading any status of the run sees what is shared.
        status.setNotIsolated(ExternalParts.notIsolated(run.getSpec()));
        updateConditions(status, run, now, false);
        return status;
    }

    /** {@link #start} for a run that waited in the queue: queuedSince stays, as the record of how long it waited. */
    public SitRunStatus start(SitRun run, SitRunStatus queued, Instant now) {
        SitRunStatus status = start(run, now);
        if (queued != null && queued.getPhase() == Phase.QUEUED) {
            status.setQueuedSince(queued.getQueuedSince());
        }
        return status;
    }

    /**
     * The status of a run waiting for a slot or its group: nothing is built and no clock runs (no startTime); only
     * queuedSince (kept from the first time) and phaseStartTime (for the Queued phase's own duration) are set.
     */
    public SitRunStatus queue(
            SitRun run, SitRunStatus previous, String reason, String message, int position, Instant now) {
        boolean wasQueued = previous != null && previous.getPhase() == Phase.QUEUED;
        SitRunStatus status = wasQueued ? copy(previous) : new SitRunStatus();
        status.setPhase(Phase.QUEUED);
        status.setReason(reason);
        status.setMessage(Redaction.safe(message));
        status.setQueuePosition(position);
        if (!wasQueued) {
            status.setQueuedSince(Timestamps.format(now));
            status.setPhaseStartTime(Timestamps.format(now));
        }
        status.setObservedGeneration(run.getMetadata().getGeneration());
        status.setRunGeneration(run.getMetadata().getGeneration());
        status.setRerunToken(run.getSpec().getRerunToken());
        updateConditions(status, run, now, false);
        return status;
    }

    /**
     * A run superseded by a newer run of its concurrency group: Cancelled, reason Superseded, with the normal end
     * (completion time, cleanup plan, duration). A run that was still queued never started: it has no duration.
     */
    public SitRunStatus cancel(SitRun run, SitRunStatus previous, String reason, String message, Instant now) {
        SitRunStatus status = copy(previous);
        status.setObservedGeneration(run.getMetadata().getGeneration());
        status.setQueuePosition(null);
        transition(run, status, Verdict.of(Phase.CANCELLED, reason, message), now);
        updateConditions(status, run, now, false);
        return status;
    }

    /** The status of an active run given what was observed. */
    public SitRunStatus aggregate(SitRun run, SitRunStatus previous, RunObservation obs) {
        SitRunStatus status = copy(previous);
        Instant now = obs.now();
        status.setObservedGeneration(run.getMetadata().getGeneration());
        if (obs.brokers() != null) {
            status.setBrokers(obs.brokers());
        }
        if (obs.databases() != null) {
            status.setDatabases(obs.databases());
        }
        if (obs.systems() != null) {
            status.setSystems(obs.systems());
        }
        RunImages images = obs.images().plus(previous);
        recordImages(run, status, images);
        Verdict verdict = decide(run, status, obs);
        if (!verdict.phase().isTerminal()) {
            verdict = applyTimeouts(run, status, verdict, now);
        }
        boolean environmentReady = verdict.phase() == Phase.TESTING || verdict.environmentReady();
        transition(run, status, verdict, now);
        updateConditions(status, run, now, environmentReady);
        imagesCondition(status.getConditions(), run, images, run.getMetadata().getGeneration(), now);
        return status;
    }

    /** Each system's digests and the runner's image, kept over the run (RunImages#plus). */
    private void recordImages(SitRun run, SitRunStatus status, RunImages images) {
        for (SystemStatus system : status.getSystems()) {
            system.setImageDigests(List.copyOf(images.of(system.getName())));
        }
        RunnerStatus runner = new RunnerStatus();
        runner.setImage(settings.runnerImage(run));
        runner.setImageDigests(List.copyOf(images.runner()));
        status.setRunner(runner);
    }

    /**
     * ImagesConsistent, set only on runs with spec.imageConsistency: False (reason ImagesFromDifferentBuilds) with
     * what differs, True while the declared revisions and every digest seen agree. With policy Fail a False ends the
     * run too (the reconciler's check, before the runner can start); with Warn it is the warning.
     */
    private static void imagesCondition(
            List<Condition> conditions, SitRun run, RunImages images, Long generation, Instant now) {
        if (run.getSpec().getImageConsistency() == null) {
            return;
        }
        List<String> findings = ImageConsistency.findings(run, images);
        if (findings.isEmpty()) {
            Conditions.set(
                    conditions,
                    Conditions.IMAGES_CONSISTENT,
                    Conditions.TRUE,
                    ImageConsistency.CONSISTENT,
                    ImageConsistency.agreement(run, images),
                    generation,
                    now);
        } else {
            Conditions.set(
                    conditions,
                    Conditions.IMAGES_CONSISTENT,
                    Conditions.FALSE,
                    RunReason.IMAGES_FROM_DIFFERENT_BUILDS.value(),
                    ImageConsistency.message(findings),
                    generation,
                    now);
        }
    }

    /**
     * Bookkeeping of an ended run: it is never re-run, but a later spec change is reported and the
     * cleanup state kept current.
     */
    public SitRunStatus afterFinish(SitRun run, SitRunStatus previous, Instant now, boolean namespaceDeleted) {
        SitRunStatus status = copy(previous);
        Long generation = run.getMetadata().getGeneration();
        status.setObservedGeneration(generation);
        long runGeneration = status.getRunGeneration() == null ? 0 : status.getRunGeneration();
        if (generation != null && generation > runGeneration) {
            Conditions.set(
                    status.getConditions(),
                    Conditions.SPEC_CHANGED_AFTER_FINISH,
                    Conditions.TRUE,
                    "SpecChanged",
                    "the spec changed after the run finished (generation " + generation
                            + ", the run used generation " + runGeneration + "); an ended run is not re-run. "
                            + "Set spec.rerunToken to a new value to start a fresh run.",
                    generation,
                    now);
        } else {
            Conditions.set(
                    status.getConditions(),
                    Conditions.SPEC_CHANGED_AFTER_FINISH,
                    Conditions.FALSE,
                    "SpecUnchanged",
                    "the spec is the one the run used",
                    generation,
                    now);
        }
        if (status.getCleanup() != null && namespaceDeleted) {
            status.getCleanup().setNamespaceDeleted(true);
        }
        return status;
    }

    /** When the run should be looked at again even if nothing in the cluster changes. */
    public Duration nextCheck(SitRun run, SitRunStatus status, Instant now, Duration pollInterval) {
        if (status.isTerminal()) {
            CleanupStatus cleanup = status.getCleanup();
            if (cleanup == null || cleanup.isNamespaceDeleted() || cleanup.getDeleteAfter() == null) {
                return null;
            }
            return atLeastOneSecond(Duration.between(now, Timestamps.parse(cleanup.getDeleteAfter())));
        }
        if (status.getPhase() == Phase.QUEUED || status.getStartTime() == null) {
            return pollInterval; // no clock runs while queued; the reconciler looks sooner (RunQueue)
        }
        RunDeadlines deadlines = RunDeadlines.of(run, settings);
        Duration untilTotal =
                Duration.between(now, Timestamps.parse(status.getStartTime()).plus(deadlines.total()));
        Duration untilPhase = Duration.between(
                now, Timestamps.parse(status.getPhaseStartTime()).plus(deadlines.limitOf(status.getPhase())));
        Duration next = untilTotal.compareTo(untilPhase) < 0 ? untilTotal : untilPhase;
        // Pods are not watched (image pull failures): poll at least this often while the run is active.
        return atLeastOneSecond(next.compareTo(pollInterval) < 0 ? next.plusMillis(500) : pollInterval);
    }

    record Verdict(Phase phase, String reason, String message, boolean environmentReady) {
        Verdict(Phase phase, RunReason reason, String message, boolean environmentReady) {
            this(phase, reason.value(), message, environmentReady);
        }

        static Verdict of(Phase phase, String reason, String message) {
            return new Verdict(phase, reason, message, false);
        }

        static Verdict of(Phase phase, RunReason reason, String message) {
            return of(phase, reason.value(), message);
        }
    }

    private Verdict decide(SitRun run, SitRunStatus status, RunObservation obs) {
        if (obs.problem() != null) {
            return Verdict.of(Phase.ERROR, obs.problem().reason(), obs.problem().message());
        }
        boolean seedsPending = false;
        Map<String, SeedResult> seeds = new HashMap<>();
        var seedDatabases = new TreeSet<String>();
        seedDatabases.addAll(obs.seedJobs().keySet());
        seedDatabases.addAll(obs.seedResults().keySet());
        for (String database : seedDatabases) {
            String raw = obs.seedResults().get(database);
            if (raw == null) {
                if (obs.seedJobs().getOrDefault(database, JobState.ABSENT).ended()) {
                    return Verdict.of(
                            Phase.ERROR,
                            RunReason.NO_RESULT,
                            "the seed Job of database " + database + " ended without writing "
                                    + RunContract.seedResultKey(database));
                }
                seedsPending = true;
                continue;
            }
            SeedResult seed;
            try {
                seed = ResultCodec.readSeed(raw);
            } catch (ResultCodec.InvalidResultException e) {
                return Verdict.of(
                        Phase.ERROR, e.reason(), "seed result of database " + database + ": " + e.getMessage());
            }
            seeds.put(database, seed);
            markMasking(status, database, seed);
            if (seed.getOutcome() != Outcome.PASSED) {
                DatabaseGates.apply(status, seeds, List.of()); // every gate's result, passed or not, and the drift
            }
            if (seed.getOutcome() == Outcome.FAILED) {
                String gates = seed.getGates().stream()
                        .filter(g -> !g.passed())
                        .map(SeedResult.GateResult::name)
                        .collect(Collectors.joining(", "));
                return Verdict.of(
                        Phase.ERROR,
                        RunReason.GATE_FAILED,
                        "data-quality gate failed on database " + database
                                + ": " + (gates.isEmpty() ? "?" : gates)
                                + (seed.getMessage() == null
                                        ? ""
                                        : " (" + Redaction.firstLine(seed.getMessage()) + ")"));
            }
            if (seed.getOutcome() == Outcome.ERROR) {
                // First line only: a database error's later lines carry the SQL statement and row values.
                return Verdict.of(
                        Phase.ERROR,
                        RunReasons.forStatus(seed.getReason(), RunReason.SEED_FAILED),
                        "seeding database " + database + " failed: "
                                + Redaction.firstLine(Objects.toString(seed.getMessage(), "no message")));
            }
            markSeeded(status, database, seed);
        }
        DatabaseGates.apply(status, seeds, List.of());

        if (obs.runnerJob().ended()) {
            return runnerVerdict(status, obs, seeds);
        }
        if (obs.runnerJob() == JobState.RUNNING) {
            return new Verdict(Phase.TESTING, "RunnerStarted", "the runner Job is running the scenarios", true);
        }
        if (!obs.namespaceReady()) {
            return Verdict.of(Phase.PENDING, "Accepted", "creating namespace " + status.getNamespace());
        }
        List<String> waiting = new ArrayList<>();
        int brokersWanted = run.getSpec().getBrokers().size();
        int databasesWanted = run.getSpec().getDatabases().size();
        if (status.getBrokers().size() < brokersWanted
                || status.getBrokers().stream().anyMatch(b -> !b.isReady())) {
            waiting.add("brokers "
                    + notReady(status.getBrokers().stream()
                            .filter(b -> !b.isReady())
                            .map(b -> b.getName())
                            .toList()));
        }
        if (status.getDatabases().size() < databasesWanted
                || status.getDatabases().stream().anyMatch(d -> !d.isReady())) {
            waiting.add("databases "
                    + notReady(status.getDatabases().stream()
                            .filter(d -> !d.isReady())
                            .map(d -> d.getName())
                            .toList()));
        }
        if (!waiting.isEmpty()) {
            return Verdict.of(Phase.PROVISIONING, "Provisioning", "waiting for " + String.join(" and ", waiting));
        }
        int systemsWanted = run.getSpec().getSystems().size();
        boolean systemsReady = status.getSystems().size() >= systemsWanted
                && status.getSystems().stream().allMatch(s -> s.isReady());
        if (seedsPending || !systemsReady) {
            List<String> what = new ArrayList<>();
            if (seedsPending) {
                what.add("seeding");
            }
            if (!systemsReady) {
                what.add("systems "
                        + notReady(status.getSystems().stream()
                                .filter(s -> !s.isReady())
                                .map(s -> s.getName())
                                .toList()));
            }
            return Verdict.of(
                    Phase.SEEDING, "Seeding", "brokers and databases ready; waiting for " + String.join(" and ", what));
        }
        return new Verdict(Phase.TESTING, "EnvironmentReady", "environment ready; starting the runner Job", true);
    }

    private Verdict runnerVerdict(SitRunStatus status, RunObservation obs, Map<String, SeedResult> seeds) {
        if (obs.runnerResult() == null) {
            if (obs.runnerJob() == JobState.DEADLINE_EXCEEDED) {
                return new Verdict(Phase.FAILED, RunReason.TIMEOUT, "the runner Job exceeded its time limit", true);
            }
            return new Verdict(
                    Phase.ERROR,
                    RunReason.NO_RESULT,
                    "the runner Job ended without writing " + RunContract.RUNNER_RESULT_KEY + " into "
                            + RunContract.RESULTS_CONFIGMAP,
                    true);
        }
        RunnerResult result;
        try {
            result = ResultCodec.readRunner(obs.runnerResult());
        } catch (ResultCodec.InvalidResultException e) {
            return new Verdict(Phase.ERROR, e.reason(), "runner result: " + e.getMessage(), true);
        }
        status.setResults(results(result));
        DatabaseGates.apply(status, seeds, result.getGates()); // the runner's cross-database gates
        String summary = status.getResults().getPassed() + " scenarios passed";
        return switch (result.getOutcome()) {
            case PASSED ->
                obs.runnerJob() == JobState.SUCCEEDED
                        ? new Verdict(Phase.SUCCEEDED, RunReason.ALL_PASSED, summary + ", every threshold passed", true)
                        : new Verdict(
                                Phase.ERROR,
                                RunReason.RUNNER_FAILED,
                                "the runner reported Passed but its Job failed",
                                true);
            case FAILED -> {
                String failed = result.getThresholds().stream()
                        .filter(t -> !t.isPassed())
                        .map(ThresholdResult::getName)
                        .collect(Collectors.joining("; "));
                yield new Verdict(
                        Phase.FAILED,
                        RunReasons.forStatus(result.getReason(), RunReason.THRESHOLDS_FAILED),
                        summary
                                + (failed.isEmpty() ? "" : "; failed thresholds: " + failed)
                                + (result.getMessage() == null ? "" : "; " + result.getMessage()),
                        true);
            }
            case ERROR ->
                new Verdict(
                        Phase.ERROR,
                        RunReasons.forStatus(result.getReason(), RunReason.RUNNER_ERROR),
                        Objects.toString(result.getMessage(), "the runner could not run the scenarios"),
                        true);
        };
    }

    static ResultsStatus results(RunnerResult result) {
        ResultsStatus results = new ResultsStatus();
        results.setScenarios(result.getScenarios());
        results.setPassed(
                result.getScenarios().getPassed() + "/" + result.getScenarios().getTotal());
        // Threshold names and messages come from the runner (feature text, HTTP calls): redacted and bounded too.
        List<ThresholdResult> thresholds = new ArrayList<>();
        for (ThresholdResult t : result.getThresholds()) {
            t.setName(Redaction.truncate(Redaction.redact(t.getName()), 512));
            t.setScenario(Redaction.truncate(Redaction.redact(t.getScenario()), 512));
            t.setMessage(Redaction.truncate(Redaction.redact(t.getMessage()), 1024));
            thresholds.add(t);
        }
        results.setThresholds(thresholds);
        return results;
    }

    private void markSeeded(SitRunStatus status, String database, SeedResult seed) {
        for (DatabaseStatus db : status.getDatabases()) {
            if (database.equals(db.getName())) {
                db.setSeeded(true);
                db.setSeededRows(seed.getTotalRows());
                db.setDatasetVersion(seed.getDatasetVersion());
            }
        }
    }

    /** Masking coverage as the seed reported it, on success and failure alike (PiiUnmasked names the columns). */
    static void markMasking(SitRunStatus status, String database, SeedResult seed) {
        SeedResult.MaskingReport report = seed.getMasking();
        if (report == null) {
            return;
        }
        MaskingStatus masking = new MaskingStatus();
        masking.setKey(
                SeedResult.MaskingReport.KEY_PRIVATE.equals(report.key())
                        ? SeedResult.MaskingReport.KEY_PRIVATE
                        : SeedResult.MaskingReport.KEY_DEFAULT);
        masking.setDeclared(report.declared().size());
        masking.setMasked(report.masked().size());
        // the names come from the spec through the seed Job; bounded like the spec's list
        masking.setUnmasked(new ArrayList<>(report.unmasked().stream()
                .limit(MAX_UNMASKED_LISTED)
                .map(c -> Redaction.truncate(c, 191))
                .toList()));
        for (DatabaseStatus db : status.getDatabases()) {
            if (database.equals(db.getName())) {
                db.setMasking(masking);
            }
        }
    }

    private Verdict applyTimeouts(SitRun run, SitRunStatus status, Verdict verdict, Instant now) {
        RunDeadlines deadlines = RunDeadlines.of(run, settings);
        Instant start = Timestamps.parse(status.getStartTime());
        if (Duration.between(start, now).compareTo(deadlines.total()) > 0) {
            return timeout(verdict, "the run exceeded its timeout of " + GoDuration.format(deadlines.total()));
        }
        if (verdict.phase() == status.getPhase() && verdict.phase() != Phase.PENDING) {
            Duration limit = deadlines.limitOf(verdict.phase());
            Instant phaseStart = Timestamps.parse(status.getPhaseStartTime());
            if (Duration.between(phaseStart, now).compareTo(limit) > 0) {
                return timeout(
                        verdict,
                        "phase " + verdict.phase().value() + " exceeded its time limit of " + GoDuration.format(limit)
                                + " (" + verdict.message() + ")");
            }
        }
        return verdict;
    }

    /** Tests that started and ran out of time failed; an environment that was never ready is an error. */
    private static Verdict timeout(Verdict current, String message) {
        Phase phase = current.phase() == Phase.TESTING ? Phase.FAILED : Phase.ERROR;
        return new Verdict(phase, RunReason.TIMEOUT, message, current.environmentReady());
    }

    private void transition(SitRun run, SitRunStatus status, Verdict verdict, Instant now) {
        if (verdict.phase() != status.getPhase()) {
            status.setPhaseStartTime(Timestamps.format(now));
        }
        status.setPhase(verdict.phase());
        status.setReason(verdict.reason());
        // Every message passes here: URLs' credentials and query strings masked, at most 4 KiB.
        status.setMessage(Redaction.safe(verdict.message()));
        if (!verdict.phase().isTerminal()) {
            // A duration that grew while the run ran would change the status on every reconcile (a write each
            // time): it is set once, at the end. A running run's age is its startTime (the Started column).
            status.setDuration(null);
            return;
        }
        status.setCompletionTime(Timestamps.format(now));
        if (status.getStartTime() != null) { // a run cancelled while queued never started: no duration
            status.setDuration(GoDuration.format(Duration.between(Timestamps.parse(status.getStartTime()), now)));
        }
        status.setCleanup(cleanupPlan(run, verdict.phase(), now));
        if (CleanupStatus.POLICY_KEEP_ON_FAILURE.equals(status.getCleanup().getPolicy())) {
            status.setMessage(Redaction.truncate(Redaction.redact(verdict.message()), Redaction.MAX_BYTES - 256)
                    + "; namespace " + status.getNamespace()
                    + " is kept for debugging until " + status.getCleanup().getDeleteAfter());
        }
    }

    /**
     * When the ended run's namespace goes: after keepOnFailureFor, the TTL, or (neither) when the SitRun is
     * deleted; whatever the policy, at most sit.cleanup.max-keep after the end, so no namespace (and nothing
     * left running in it) outlives the admin's bound.
     */
    CleanupStatus cleanupPlan(SitRun run, Phase phase, Instant end) {
        CleanupStatus cleanup = new CleanupStatus();
        var spec = run.getSpec();
        Duration keep;
        if (spec.keepsFailures() && (phase == Phase.FAILED || phase == Phase.ERROR)) {
            keep = GoDuration.parseOr(spec.getKeepOnFailureFor(), settings.keepOnFailureFor());
            cleanup.setPolicy(CleanupStatus.POLICY_KEEP_ON_FAILURE);
        } else if (spec.getTtlSecondsAfterFinished() != null) {
            keep = Duration.ofSeconds(spec.getTtlSecondsAfterFinished());
            cleanup.setPolicy(CleanupStatus.POLICY_TTL);
        } else {
            keep = settings.maxKeep();
            cleanup.setPolicy(CleanupStatus.POLICY_KEEP);
        }
        if (keep.compareTo(settings.maxKeep()) > 0) {
            keep = settings.maxKeep();
        }
        cleanup.setDeleteAfter(Timestamps.format(end.plus(keep)));
        return cleanup;
    }

    private void updateConditions(SitRunStatus status, SitRun run, Instant now, boolean environmentReady) {
        Long generation = run.getMetadata().getGeneration();
        Phase phase = status.getPhase();
        var conditions = status.getConditions();
        maskingKeyCondition(conditions, run, generation, now);
        boolean ready = phase != Phase.ERROR && (environmentReady || phase == Phase.SUCCEEDED || phase == Phase.FAILED);
        if (ready) {
            Conditions.set(
                    conditions,
                    Conditions.READY,
                    Conditions.TRUE,
                    "EnvironmentReady",
                    "brokers, databases and systems are ready in namespace " + status.getNamespace(),
                    generation,
                    now);
        } else {
            Conditions.set(
                    conditions,
                    Conditions.READY,
                    Conditions.FALSE,
                    phase == Phase.ERROR ? status.getReason() : phase.value(),
                    status.getMessage(),
                    generation,
                    now);
        }
        if (phase.isTerminal()) {
            Conditions.set(
                    conditions,
                    Conditions.FINISHED,
                    Conditions.TRUE,
                    phase.value(),
                    status.getMessage(),
                    generation,
                    now);
            Conditions.set(
                    conditions,
                    Conditions.SUCCEEDED,
                    phase == Phase.SUCCEEDED ? Conditions.TRUE : Conditions.FALSE,
                    status.getReason(),
                    status.getMessage(),
                    generation,
                    now);
        } else {
            Conditions.set(
                    conditions,
                    Conditions.FINISHED,
                    Conditions.FALSE,
                    phase == Phase.QUEUED ? Phase.QUEUED.value() : "Running",
                    "the run is " + phase.value(),
                    generation,
                    now);
            Conditions.set(
                    conditions,
                    Conditions.SUCCEEDED,
                    Conditions.UNKNOWN,
                    "Running",
                    "the outcome is not known yet",
                    generation,
                    now);
        }
    }

    /**
     * DefaultMaskingKey, set only on runs whose databases mask columns: True (a warning, like SpecChangedAfterFinish)
     * when one masks with the public default key, whose pseudonyms anyone can recompute; False when every one has
     * maskingKeySecretRef. The spec decides it, so it is known from the first status on.
     */
    private static void maskingKeyCondition(List<Condition> conditions, SitRun run, Long generation, Instant now) {
        List<String> masking = run.getSpec().getDatabases().stream()
                .filter(DatabaseSpec::masksColumns)
                .map(DatabaseSpec::getName)
                .toList();
        if (masking.isEmpty()) {
            return;
        }
        List<String> unkeyed = run.getSpec().getDatabases().stream()
                .filter(db -> db.masksColumns() && db.getMaskingKeySecretRef() == null)
                .map(DatabaseSpec::getName)
                .toList();
        if (unkeyed.isEmpty()) {
            Conditions.set(
                    conditions,
                    Conditions.DEFAULT_MASKING_KEY,
                    Conditions.FALSE,
                    "PrivateKey",
                    "databases " + masking + " mask with the key of their maskingKeySecretRef",
                    generation,
                    now);
        } else {
            Conditions.set(
                    conditions,
                    Conditions.DEFAULT_MASKING_KEY,
                    Conditions.TRUE,
                    "PublicDefaultKey",
                    "databases " + unkeyed + " mask with the public default key: anyone can recompute their "
                            + "pseudonyms from the original values; set databases[].maskingKeySecretRef to a private key",
                    generation,
                    now);
        }
    }

    private static String notReady(List<String> names) {
        return names.isEmpty() ? "(not created yet)" : String.join(", ", names);
    }

    private static Duration atLeastOneSecond(Duration d) {
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    }

    /** A deep copy to edit (the previous status stays as it was, for the change check); empty for none. */
    private static SitRunStatus copy(SitRunStatus status) {
        return new SitRunStatusBuilder(status).build();
    }

    /**
     * Whether writing next would store nothing new: equal as the API server would store them (the status model has
     * no equals of its own). No field is exempt, so nothing in the status may move with the clock alone.
     */
    public static boolean unchanged(SitRunStatus previous, SitRunStatus next) {
        return Serialization.asJson(previous).equals(Serialization.asJson(next));
    }

    /** Unused keys stay out of the map: convenient for callers building observations. */
    public static <K, V> Map<K, V> nonNull(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
