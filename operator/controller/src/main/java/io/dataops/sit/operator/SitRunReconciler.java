package io.dataops.sit.operator;

import static io.dataops.sit.operator.Constants.*;

import io.dataops.sit.api.Redaction;
import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunStatus;
import io.dataops.sit.api.v1alpha1.SitRunStatusBuilder;
import io.dataops.sit.api.v1alpha1.spec.ImageConsistencyPolicy;
import io.dataops.sit.api.v1alpha1.status.NotIsolatedStatus;
import io.dataops.sit.operator.aws.AwsCredentialsException;
import io.dataops.sit.operator.aws.AwsCredentialsSecretDependent;
import io.dataops.sit.operator.aws.AwsRequestedCondition;
import io.dataops.sit.operator.aws.AwsRoleGate;
import io.dataops.sit.operator.cleanup.RunStopper;
import io.dataops.sit.operator.concurrency.RunAdmission;
import io.dataops.sit.operator.concurrency.RunQueue;
import io.dataops.sit.operator.concurrency.RunWakeUps;
import io.dataops.sit.operator.dependents.ApiEgressPolicyDependent;
import io.dataops.sit.operator.dependents.ConfigMapCopiesDependent;
import io.dataops.sit.operator.dependents.EgressPolicyDependent;
import io.dataops.sit.operator.dependents.EgressRequestedCondition;
import io.dataops.sit.operator.dependents.EntriesReadyCondition;
import io.dataops.sit.operator.dependents.ExternalEgressPolicyDependent;
import io.dataops.sit.operator.dependents.ExternalEgressRequestedCondition;
import io.dataops.sit.operator.dependents.LimitRangeDependent;
import io.dataops.sit.operator.dependents.NetworkPolicyDependent;
import io.dataops.sit.operator.dependents.NetworkPolicyEnabledCondition;
import io.dataops.sit.operator.dependents.OperatorRoleBindingDependent;
import io.dataops.sit.operator.dependents.ReportsConfigMapDependent;
import io.dataops.sit.operator.dependents.ResourceQuotaDependent;
import io.dataops.sit.operator.dependents.ResultsConfigMapDependent;
import io.dataops.sit.operator.dependents.RunInputException;
import io.dataops.sit.operator.dependents.RunNamespaceDependent;
import io.dataops.sit.operator.dependents.RunObjects;
import io.dataops.sit.operator.dependents.RunSpecConfigMapDependent;
import io.dataops.sit.operator.dependents.RunnerJobDependent;
import io.dataops.sit.operator.dependents.RunnerRoleBindingDependent;
import io.dataops.sit.operator.dependents.RunnerRoleDependent;
import io.dataops.sit.operator.dependents.RunnerServiceAccountDependent;
import io.dataops.sit.operator.dependents.kafka.BrokerReadiness;
import io.dataops.sit.operator.dependents.kafka.BuiltinKafkaServiceDependent;
import io.dataops.sit.operator.dependents.kafka.BuiltinKafkaStatefulSetDependent;
import io.dataops.sit.operator.dependents.kafka.BuiltinKafkaTopicsJobDependent;
import io.dataops.sit.operator.dependents.kafka.KafkaProviderResolver;
import io.dataops.sit.operator.dependents.kafka.StrimziActivation;
import io.dataops.sit.operator.dependents.kafka.StrimziKafkaDependent;
import io.dataops.sit.operator.dependents.kafka.StrimziKafkaNodePoolDependent;
import io.dataops.sit.operator.dependents.kafka.StrimziKafkaTopicDependent;
import io.dataops.sit.operator.dependents.kafka.StrimziSupport;
import io.dataops.sit.operator.dependents.postgres.PiiCoverage;
import io.dataops.sit.operator.dependents.postgres.PostgresSecretDependent;
import io.dataops.sit.operator.dependents.postgres.PostgresServiceDependent;
import io.dataops.sit.operator.dependents.postgres.PostgresStatefulSetDependent;
import io.dataops.sit.operator.dependents.postgres.SeedJobDependent;
import io.dataops.sit.operator.dependents.registry.SchemaRegistryDeploymentDependent;
import io.dataops.sit.operator.dependents.registry.SchemaRegistryServiceDependent;
import io.dataops.sit.operator.dependents.systems.BrokersReadyCondition;
import io.dataops.sit.operator.dependents.systems.SystemDeploymentDependent;
import io.dataops.sit.operator.dependents.systems.SystemServiceDependent;
import io.dataops.sit.operator.events.RunEvents;
import io.dataops.sit.operator.evidence.RunArtifacts;
import io.dataops.sit.operator.fence.EnvPolicy;
import io.dataops.sit.operator.fence.ExternalPolicy;
import io.dataops.sit.operator.fence.ImagePolicy;
import io.dataops.sit.operator.fence.ReferenceBounds;
import io.dataops.sit.operator.fence.UserStepsPolicy;
import io.dataops.sit.operator.metrics.RunMetrics;
import io.dataops.sit.operator.naming.RunNames;
import io.dataops.sit.operator.observe.EnvironmentReadyCondition;
import io.dataops.sit.operator.observe.PodImages;
import io.dataops.sit.operator.observe.RunObserver;
import io.dataops.sit.operator.phase.Conditions;
import io.dataops.sit.operator.phase.ImageConsistency;
import io.dataops.sit.operator.phase.ImagePullCheck;
import io.dataops.sit.operator.phase.IsolationFenceCheck;
import io.dataops.sit.operator.phase.PodCreationCheck;
import io.dataops.sit.operator.phase.ProgressStatus;
import io.dataops.sit.operator.phase.RunImages;
import io.dataops.sit.operator.phase.RunObservation.Problem;
import io.dataops.sit.operator.phase.SitRunStatusAggregator;
import io.dataops.sit.operator.phase.Timestamps;
import io.dataops.sit.operator.secrets.SecretCopies;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.strimzi.api.kafka.model.kafka.Kafka;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Orchestrates one SitRun: runs the workflow while the run is active (explicit invocation, so an ended
 * run is never rebuilt), hands what it observed to the status aggregator, and applies the end-of-run
 * policies (stop Jobs, TTL, keep-on-failure, re-run).
 */
@ControllerConfiguration(name = "sitrun", finalizerName = FINALIZER)
/*
 * The workflow. Ordering notes:
 * - Strimzi dependents are activation-conditioned (the API server may not serve their types); nothing
 *   dependsOn them, because in JOSDK 5.2 a child of an inactive node is treated as "to delete".
 * - The AWS Secret uses a reconcile precondition, not an activation condition: its informer is shared by
 *   all runs, and a per-run activation would stop it for every run each time a run without AWS reconciles.
 * - Systems wait for every broker and its topics (Strimzi's KafkaTopics included) through a precondition
 *   (BrokersReadyCondition), for the same reason.
 * - Everything in the run namespace dependsOn DEP_OPERATOR_ACCESS: the operator's write access there is the
 *   RoleBinding that dependent creates (its cluster-wide role cannot write into namespaces).
 * - The runner Job waits for the whole environment through a precondition (EnvironmentReadyCondition)
 *   instead of dependsOn, for the same inactive-parent reason; being create-only it is never deleted by it.
 */
@Workflow(
        explicitInvocation = true,
        handleExceptionsInReconciler = true,
        dependents = {
            @Dependent(name = DEP_NAMESPACE, type = RunNamespaceDependent.class),
            @Dependent(
                    name = DEP_OPERATOR_ACCESS,
                    type = OperatorRoleBindingDependent.class,
                    dependsOn = DEP_NAMESPACE),
            @Dependent(name = DEP_NETWORK_POLICY, type = NetworkPolicyDependent.class, dependsOn = DEP_OPERATOR_ACCESS),
            @Dependent(
                    name = DEP_API_EGRESS,
                    type = ApiEgressPolicyDependent.class,
                    dependsOn = DEP_OPERATOR_ACCESS,
                    activationCondition = NetworkPolicyEnabledCondition.class),
            @Dependent(
                    name = DEP_EGRESS,
                    type = EgressPolicyDependent.class,
                    dependsOn = DEP_OPERATOR_ACCESS,
                    reconcilePrecondition = EgressRequestedCondition.class),
            @Dependent(
                    name = DEP_EXTERNAL_EGRESS,
                    type = ExternalEgressPolicyDependent.class,
                    dependsOn = DEP_OPERATOR_ACCESS,
                    reconcilePrecondition = ExternalEgressRequestedCondition.class),
            @Dependent(name = DEP_QUOTA, type = ResourceQuotaDependent.class, dependsOn = DEP_OPERATOR_ACCESS),
            @Dependent(name = DEP_LIMIT_RANGE, type = LimitRangeDependent.class, dependsOn = DEP_OPERATOR_ACCESS),
            @Dependent(
                    name = DEP_CONFIGMAP_COPIES,
                    type = ConfigMapCopiesDependent.class,
                    dependsOn = DEP_OPERATOR_ACCESS),
            @Dependent(name = DEP_RUN_SPEC, type = RunSpecConfigMapDependent.class, dependsOn = DEP_OPERATOR_ACCESS),
            @Dependent(name = DEP_RESULTS, type = ResultsConfigMapDependent.class, dependsOn = DEP_OPERATOR_ACCESS),
            @Dependent(name = DEP_REPORTS, type = ReportsConfigMapDependent.class, dependsOn = DEP_OPERATOR_ACCESS),
            @Dependent(
                    name = DEP_RUNNER_SA,
                    type = RunnerServiceAccountDependent.class,
                    dependsOn = DEP_OPERATOR_ACCESS),
            @Dependent(name = DEP_RUNNER_ROLE, type = RunnerRoleDependent.class, dependsOn = DEP_OPERATOR_ACCESS),
            @Dependent(
                    name = DEP_RUNNER_ROLE_BINDING,
                    type = RunnerRoleBindingDependent.class,
                    dependsOn = {DEP_RUNNER_SA, DEP_RUNNER_ROLE}),
            @Dependent(
                    name = DEP_AWS_CREDENTIALS,
                    type = AwsCredentialsSecretDependent.class,
                    dependsOn = DEP_OPERATOR_ACCESS,
                    reconcilePrecondition = AwsRequestedCondition.class),
            @Dependent(
                    name = DEP_BUILTIN_KAFKA_SERVICE,
                    type = BuiltinKafkaServiceDependent.class,
                    dependsOn = DEP_OPERATOR_ACCESS),
            @Dependent(
                    name = DEP_BUILTIN_KAFKA,
                    type = BuiltinKafkaStatefulSetDependent.class,
                    dependsOn = {DEP_OPERATOR_ACCESS, DEP_QUOTA, DEP_LIMIT_RANGE},
                    readyPostcondition = EntriesReadyCondition.class),
            @Dependent(
                    name = DEP_BUILTIN_KAFKA_TOPICS,
                    type = BuiltinKafkaTopicsJobDependent.class,
                    dependsOn = {DEP_BUILTIN_KAFKA, DEP_BUILTIN_KAFKA_SERVICE},
                    readyPostcondition = EntriesReadyCondition.class),
            @Dependent(
                    name = DEP_STRIMZI_KAFKA,
                    type = StrimziKafkaDependent.class,
                    dependsOn = DEP_OPERATOR_ACCESS,
                    activationCondition = StrimziActivation.class,
                    readyPostcondition = EntriesReadyCondition.class),
            @Dependent(
                    name = DEP_STRIMZI_NODE_POOL,
                    type = StrimziKafkaNodePoolDependent.class,
                    dependsOn = DEP_OPERATOR_ACCESS,
                    activationCondition = StrimziActivation.class),
            @Dependent(
                    name = DEP_STRIMZI_TOPICS,
                    type = StrimziKafkaTopicDependent.class,
                    dependsOn = DEP_STRIMZI_KAFKA,
                    activationCondition = StrimziActivation.class,
                    readyPostcondition = EntriesReadyCondition.class),
            @Dependent(
                    name = DEP_POSTGRES_SECRET,
                    type = PostgresSecretDependent.class,
                    dependsOn = DEP_OPERATOR_ACCESS),
            @Dependent(
                    name = DEP_POSTGRES_SERVICE,
                    type = PostgresServiceDependent.class,
                    dependsOn = DEP_OPERATOR_ACCESS),
            @Dependent(
                    name = DEP_POSTGRES,
                    type = PostgresStatefulSetDependent.class,
                    dependsOn = {DEP_POSTGRES_SECRET, DEP_QUOTA, DEP_LIMIT_RANGE},
                    readyPostcondition = EntriesReadyCondition.class),
            @Dependent(
                    name = DEP_SEED_JOBS,
                    type = SeedJobDependent.class,
                    dependsOn = {
                        DEP_POSTGRES,
                        DEP_POSTGRES_SERVICE,
                        DEP_RUN_SPEC,
                        DEP_CONFIGMAP_COPIES,
                        DEP_RESULTS,
                        DEP_RUNNER_ROLE_BINDING
                    },
                    readyPostcondition = EntriesReadyCondition.class),
            @Dependent(
                    name = DEP_SCHEMA_REGISTRY_SERVICE,
                    type = SchemaRegistryServiceDependent.class,
                    dependsOn = DEP_OPERATOR_ACCESS),
            @Dependent(
                    name = DEP_SCHEMA_REGISTRY,
                    type = SchemaRegistryDeploymentDependent.class,
                    dependsOn = {DEP_OPERATOR_ACCESS, DEP_QUOTA, DEP_LIMIT_RANGE},
                    readyPostcondition = EntriesReadyCondition.class),
            @Dependent(
                    name = DEP_SYSTEM_SERVICES,
                    type = SystemServiceDependent.class,
                    dependsOn = DEP_OPERATOR_ACCESS),
            @Dependent(
                    name = DEP_SYSTEMS,
                    type = SystemDeploymentDependent.class,
                    dependsOn = {DEP_SEED_JOBS, DEP_BUILTIN_KAFKA_TOPICS, DEP_QUOTA, DEP_LIMIT_RANGE},
                    reconcilePrecondition = BrokersReadyCondition.class,
                    readyPostcondition = EntriesReadyCondition.class),
            @Dependent(
                    name = DEP_RUNNER_JOB,
                    type = RunnerJobDependent.class,
                    dependsOn = {
                        DEP_CONFIGMAP_COPIES,
                        DEP_RUN_SPEC,
                        DEP_RESULTS,
                        DEP_REPORTS,
                        DEP_RUNNER_ROLE_BINDING,
                        DEP_QUOTA,
                        DEP_LIMIT_RANGE
                    },
                    reconcilePrecondition = EnvironmentReadyCondition.class),
        })
public class SitRunReconciler implements Reconciler<SitRun>, Cleaner<SitRun> {

    private static final Logger LOG = Logger.getLogger(SitRunReconciler.class);

    private final SitRunStatusAggregator aggregator;
    /** The configuration, handed to the dependents through each reconcile's context. */
    private final RunSettings runSettings;

    private final OperatorSettings settings;
    private final OperatorSettings.SecretsFence fence;
    private final OperatorSettings.Evidence evidence;
    private final OperatorSettings.Concurrency concurrency;
    /** Counting the active runs and taking a slot is one step (see {@link #admit}). */
    private final ReentrantLock admissionLock = new ReentrantLock();

    private final RunMetrics metrics;
    private final Clock clock;
    private final RunWakeUps wakeUps = new RunWakeUps();

    public SitRunReconciler(RunMetrics metrics, RunSettings runSettings) {
        this.runSettings = runSettings;
        this.settings = runSettings.operator();
        this.fence = runSettings.secrets();
        this.evidence = runSettings.evidence();
        this.concurrency = runSettings.concurrency();
        this.aggregator = new SitRunStatusAggregator(settings);
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    @Override
    public List<EventSource<?, SitRun>> prepareEventSources(EventSourceContext<SitRun> context) {
        return List.of(wakeUps);
    }

    @Override
    public UpdateControl<SitRun> reconcile(SitRun run, Context<SitRun> context) {
        Instant now = clock.instant();
        runSettings.storeIn(context);
        metrics.watchFleet(context);
        KubernetesClient client = context.getClient();
        SitRunStatus previous = run.getStatus();
        SitRunStatus current = previous;

        if (current != null
                && current.getPhase() != null
                && !Objects.equals(current.getRerunToken(), run.getSpec().getRerunToken())) {
            // A deliberate re-run: drop the old environment, start a fresh run in a fresh namespace. A report or
            // evidence that failed at the old run's end gets its last chance while that namespace still exists.
            if (current.isTerminal()) {
                new RunArtifacts(client, evidence).retryMissing(run, new SitRunStatusBuilder(current).build(), now);
            }
            deleteNamespaceIfOwned(client, run, current.getNamespace());
            RunEvents.emit(
                    client,
                    run,
                    "Normal",
                    "Rerun",
                    "rerunToken changed: starting a fresh run in namespace " + RunNames.namespace(run) + "; deleting "
                            + current.getNamespace(),
                    now);
            current = null;
        }
        if (current == null || current.getPhase() == null || current.getPhase() == Phase.QUEUED) {
            // Not started yet: superseded before it ever built anything, queued, or admitted (RunAdmission).
            wakeUps.wake(RunAdmission.supersedes(
                    run, RunQueue.cached(context, run.getMetadata().getNamespace())));
            var newer = supersedingRun(run, context);
            if (newer.isPresent()) {
                return superseded(run, previous, current, newer.get(), context, now);
            }
            var admission = admit(run, previous, current, context, now);
            if (!admission.admitted()) {
                return admission.control();
            }
            current = admission.status();
            RunEvents.emit(client, run, "Normal", Phase.PENDING.value(), current.getMessage(), now);
            if (!current.getNotIsolated().isEmpty()) {
                RunEvents.emit(
                        client,
                        run,
                        "Warning",
                        "NotIsolated",
                        current.getNotIsolated().stream()
                                .map(NotIsolatedStatus::getMessage)
                                .collect(Collectors.joining("; ")),
                        now);
            }
            var unkeyed = SecretCopies.unkeyedMasking(run);
            if (!unkeyed.isEmpty() && !fence.maskKeyRequired()) {
                // Masking with the project's public key gives pseudonyms anyone can recompute: say so, loudly.
                RunEvents.emit(
                        client,
                        run,
                        "Warning",
                        "MaskingWithDefaultKey",
                        "databases " + unkeyed + " mask "
                                + "columns with the public default key; set databases[].maskingKeySecretRef to a private key",
                        now);
            }
            if (admission.alreadyWritten()) {
                // One status write per reconcile: PrimaryUpdateAndCacheUtils patches relative to the primary this
                // reconcile started with, and a second write would start from a resource version already gone. The
                // started status is written; the next reconcile (at once) builds the environment.
                return UpdateControl.<SitRun>noUpdate().rescheduleAfter(Duration.ofMillis(50));
            }
        }
        if (current.isTerminal()) {
            return finished(run, previous, current, context, now);
        }
        var newer = supersedingRun(run, context);
        if (newer.isPresent()) {
            return superseded(run, previous, current, newer.get(), context, now);
        }

        // The run's pods, listed once per reconcile: the images they ran (before the workflow, so that with
        // spec.imageConsistency policy Fail a difference ends the run before the runner Job is created) and, after
        // it, the pods that cannot start.
        boolean namespaceExists = RunObjects.find(context, Namespace.class, null, RunNames.namespace(run))
                .isPresent();
        List<Pod> pods = namespaceExists ? runPods(client, run) : List.of();
        RunImages images = PodImages.of(run, pods).plus(current);

        // The admin's fence, before anything (the run's namespace included) exists: a run asking more than it allows
        // ends here. Referenced Secrets are read (GET, the SitRun's namespace only) at this point too. The run's own
        // one-build rule next: declared revisions that differ are known before anything exists too.
        Problem problem = firstProblem(
                () -> ImagePolicy.check(run, settings),
                () -> EnvPolicy.check(run),
                () -> UserStepsPolicy.check(run, settings),
                () -> PiiCoverage.check(run),
                () -> ReferenceBounds.checkCount(run, settings),
                () -> IsolationFenceCheck.check(run, settings),
                () -> ImageConsistency.problem(run, images),
                () -> ExternalPolicy.check(run, settings),
                () -> AwsRoleGate.check(client, run, fence));
        SecretCopies.Plan secrets = null;
        if (problem == null) {
            secrets = SecretCopies.plan(client, run, fence, runSettings.identity());
            problem = secrets.problem();
        }
        if (problem == null) {
            problem = namespaceConflict(client, run, context);
        }
        if (problem == null) {
            problem = unresolvableBroker(run, context);
        }
        if (problem == null) {
            problem = reconcileWorkflow(context);
        }
        if (problem == null && secrets != null) {
            SecretCopies.sync(client, run, secrets.copies());
        }
        if (problem == null && namespaceExists) {
            problem = podProblem(run, context, client, pods, now);
        }
        if (problem == null) {
            problem = failedTopicsJob(run, context);
        }
        if (problem == null) {
            problem = rejectedStrimziKafka(run, context);
        }
        var observation = RunObserver.observe(run, context, problem, images, now);
        SitRunStatus next = aggregator.aggregate(run, current, observation);
        warnOfDifferentBuilds(run, previous, next, client, now);
        if (next.getPhase() == Phase.TESTING) {
            RunObjects.find(context, ConfigMap.class, RunNames.namespace(run), RunContract.RESULTS_CONFIGMAP)
                    .map(ConfigMap::getData)
                    .map(data -> data.get(RunContract.PROGRESS_KEY))
                    .ifPresent(progress -> ProgressStatus.apply(next, progress));
        }
        if (run.getSpec().getAws() != null) {
            AwsCredentialsSecretDependent.currentSecret(run, context)
                    .ifPresent(secret -> next.setAws(AwsCredentialsSecretDependent.status(secret)));
        }

        if (next.getPhase() != current.getPhase()) {
            onPhaseChange(run, current, next, client, now);
        }
        Duration again = aggregator.nextCheck(run, next, now, settings.pollInterval());
        if (!next.isTerminal() && run.getSpec().getAws() != null) {
            // Credentials are refreshed by the workflow; be back before they need it.
            var refresh = AwsCredentialsSecretDependent.nextRefreshIn(run, context, now);
            if (refresh.isPresent() && refresh.get().compareTo(again) < 0) {
                again = refresh.get().compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : refresh.get();
            }
        }
        var control = rescheduled(patchIfChanged(run, previous, next, context), again);
        if (next.isTerminal()) {
            afterEnd(run, context, now);
        }
        return control;
    }

    /**
     * What admission decided: the run's status (admitted: started), whether that status is already written, and,
     * when the run waits, what to return.
     */
    private record Admission(
            boolean admitted, SitRunStatus status, boolean alreadyWritten, UpdateControl<SitRun> control) {}

    /**
     * Starts the run, or queues it. The count of active runs comes from the SitRuns in the informer cache (restart-
     * safe), and counting, deciding and writing the started status happen under one lock: the write goes into the
     * cache at once (PrimaryUpdateAndCacheUtils, read back per run by {@link RunQueue#cached}), so a parallel
     * reconcile of another run counts this one as active and cannot take the same last slot.
     */
    private Admission admit(
            SitRun run, SitRunStatus previous, SitRunStatus current, Context<SitRun> context, Instant now) {
        SitRunStatus queued = current != null && current.getPhase() == Phase.QUEUED ? current : null;
        boolean mayWait = RunAdmission.mayWait(run, concurrency);
        RunAdmission.Decision decision = null;
        SitRunStatus started = null;
        if (mayWait) {
            admissionLock.lock();
            try {
                decision = RunAdmission.decide(run, RunQueue.cached(context, null), concurrency);
                if (decision.admitted()) {
                    started = aggregator.start(run, queued, now);
                    patchIfChanged(run, previous, started, context);
                }
            } finally {
                admissionLock.unlock();
            }
        } else {
            // No limit and no group: nothing to count; the status is written with the first reconcile's outcome.
            started = aggregator.start(run, queued, now);
        }
        if (started != null) {
            if (queued != null && queued.getQueuedSince() != null) {
                metrics.runDequeued(Duration.between(Timestamps.parse(queued.getQueuedSince()), now));
            }
            return new Admission(true, started, mayWait, null);
        }
        KubernetesClient client = context.getClient();
        SitRunStatus next = aggregator.queue(
                run, queued, decision.reason(), decision.message(), RunQueue.shownPosition(queued, decision), now);
        if (queued == null) {
            RunEvents.emit(
                    client,
                    run,
                    "Normal",
                    Phase.QUEUED.value(),
                    decision.reason() + ": " + decision.message() + " (queue position " + decision.position() + ")",
                    now);
        }
        return new Admission(
                false,
                next,
                true,
                rescheduled(
                        patchIfChanged(run, previous, next, context),
                        RunQueue.recheckAfter(decision.position(), settings.pollInterval())));
    }

    /** A newer run of this run's concurrency group with policy CancelRunning, from the cache (this namespace only). */
    private static Optional<SitRun> supersedingRun(SitRun run, Context<SitRun> context) {
        if (RunAdmission.group(run) == null) {
            return Optional.empty();
        }
        return RunAdmission.supersededBy(
                run, RunQueue.cached(context, run.getMetadata().getNamespace()));
    }

    /**
     * Ends the run as Cancelled/Superseded through the normal terminal path (event, metrics, report and evidence,
     * stopping its Jobs) and the normal cleanup policy. A run superseded while still queued never built anything.
     */
    private UpdateControl<SitRun> superseded(
            SitRun run,
            SitRunStatus previous,
            SitRunStatus current,
            SitRun newer,
            Context<SitRun> context,
            Instant now) {
        SitRunStatus from = current == null ? new SitRunStatus() : current;
        SitRunStatus next = aggregator.cancel(
                run,
                from,
                RunReason.SUPERSEDED.value(),
                "superseded by "
                        + newer.getMetadata().getName() + ", a newer run of concurrency group "
                        + RunAdmission.group(run)
                        + " with policy CancelRunning",
                now);
        onPhaseChange(run, from, next, context.getClient(), now);
        var control = rescheduled(
                patchIfChanged(run, previous, next, context),
                aggregator.nextCheck(run, next, now, settings.pollInterval()));
        afterEnd(run, context, now);
        return control;
    }

    /**
     * Once an ended run's status is written (the cache has it): its group's history is pruned, and the runs waiting
     * for its slot or its group look now rather than at their next recheck.
     */
    private void afterEnd(SitRun run, Context<SitRun> context, Instant now) {
        pruneHistory(run, context, now);
        if (RunAdmission.mayWait(run, concurrency)) {
            wakeUps.wake(RunAdmission.mayStartAfter(run, RunQueue.cached(context, null)));
        }
    }

    /**
     * Keeps the newest finished SitRuns of this run's namespace and group (RunAdmission#beyondHistory) and deletes
     * the older ones; their finalizer deletes their namespaces. Cheap: this namespace's runs from the cache.
     */
    private void pruneHistory(SitRun run, Context<SitRun> context, Instant now) {
        if (RunAdmission.group(run) == null) {
            return;
        }
        KubernetesClient client = context.getClient();
        var beyond = RunAdmission.beyondHistory(
                run,
                RunQueue.cached(context, run.getMetadata().getNamespace()),
                concurrency.historyMaxFinishedPerGroup());
        for (SitRun old : beyond) {
            try {
                client.resources(SitRun.class)
                        .inNamespace(old.getMetadata().getNamespace())
                        .withName(old.getMetadata().getName())
                        .delete();
                RunEvents.emit(
                        client,
                        run,
                        "Normal",
                        "HistoryLimit",
                        "deleted SitRun " + old.getMetadata().getName()
                                + ": older than the finished runs concurrency group " + RunAdmission.group(run)
                                + " keeps",
                        now);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    LOG.warnf(
                            "deleting SitRun %s/%s beyond the history limit: %s",
                            old.getMetadata().getNamespace(), old.getMetadata().getName(), e.getMessage());
                }
            }
        }
    }

    /** Pods that never pull, are never created, or never start: the run ends instead of waiting for its timeout. */
    /** The first check that finds a problem, in order; the later checks are not run. */
    @SafeVarargs
    private static Problem firstProblem(Supplier<Problem>... checks) {
        for (Supplier<Problem> check : checks) {
            Problem problem = check.get();
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /**
     * The run namespace's pods; none while the operator's RoleBinding there (created by the workflow right after the
     * namespace) does not exist yet.
     */
    private static List<Pod> runPods(KubernetesClient client, SitRun run) {
        try {
            return client.pods().inNamespace(RunNames.namespace(run)).list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                return List.of();
            }
            throw e;
        }
    }

    /** spec.imageConsistency with policy Warn: a Warning Event when ImagesConsistent turns False (once per run). */
    private static void warnOfDifferentBuilds(
            SitRun run, SitRunStatus previous, SitRunStatus next, KubernetesClient client, Instant now) {
        var rule = run.getSpec().getImageConsistency();
        if (rule == null || rule.getPolicy() != ImageConsistencyPolicy.WARN) {
            return;
        }
        Condition was = previous == null ? null : previous.condition(Conditions.IMAGES_CONSISTENT);
        Condition is = next.condition(Conditions.IMAGES_CONSISTENT);
        if (is != null
                && Conditions.FALSE.equals(is.getStatus())
                && (was == null || !Conditions.FALSE.equals(was.getStatus()))) {
            RunEvents.emit(client, run, "Warning", is.getReason(), is.getMessage() + " (policy Warn)", now);
        }
    }

    private Problem podProblem(
            SitRun run, Context<SitRun> context, KubernetesClient client, List<Pod> pods, Instant now) {
        String namespace = RunNames.namespace(run);
        var events = client.v1().events().inNamespace(namespace).list().getItems();
        Problem problem = ImagePullCheck.check(pods, events, now, settings.imagePullGrace());
        if (problem == null) {
            var controllers = new PodCreationCheck.Controllers(
                    RunObjects.all(context, Job.class, namespace),
                    RunObjects.all(context, StatefulSet.class, namespace),
                    RunObjects.all(context, Deployment.class, namespace));
            problem = PodCreationCheck.check(controllers, events, pods, now, settings.podCreationGrace());
        }
        return problem;
    }

    /** provider: strimzi on a cluster without Strimzi is bad input (StrimziNotInstalled). */
    private static Problem unresolvableBroker(SitRun run, Context<SitRun> context) {
        if (run.getSpec().getBrokers().isEmpty()) {
            return null;
        }
        StrimziSupport strimzi = StrimziSupport.of(run, context);
        for (var broker : run.getSpec().getBrokers()) {
            var resolution = KafkaProviderResolver.resolve(run, broker, strimzi);
            if (resolution.isError()) {
                return new Problem(resolution.errorReason(), resolution.message());
            }
        }
        return null;
    }

    private static Problem failedTopicsJob(SitRun run, Context<SitRun> context) {
        for (var broker : run.getSpec().getBrokers()) {
            if (BrokerReadiness.topicsFailed(context, broker)) {
                return new Problem(
                        RunReason.TOPIC_CREATION_FAILED,
                        "the topics Job " + BuiltinKafkaTopicsJobDependent.getName(broker.getName()) + " of broker "
                                + broker.getName() + " failed; see its pod logs in " + RunNames.namespace(run));
            }
        }
        return null;
    }

    /** Strimzi refusing a Kafka's spec (e.g. a version it does not support) never reconciles: KafkaRejected. */
    private static Problem rejectedStrimziKafka(SitRun run, Context<SitRun> context) {
        for (var broker : run.getSpec().getBrokers()) {
            String name = StrimziKafkaDependent.getName(broker.getName());
            var rejection = RunObjects.ofRun(context, Kafka.class, COMPONENT_BROKER, name)
                    .flatMap(StrimziKafkaDependent::rejection);
            if (rejection.isPresent()) {
                return new Problem(
                        RunReason.KAFKA_REJECTED,
                        "Strimzi refused the Kafka " + name + " of broker " + broker.getName() + ": "
                                + rejection.get());
            }
        }
        return null;
    }

    private void onPhaseChange(SitRun run, SitRunStatus from, SitRunStatus to, KubernetesClient client, Instant now) {
        if (from.getPhase() != null && from.getPhaseStartTime() != null) {
            metrics.phaseEnded(from.getPhase(), Duration.between(Timestamps.parse(from.getPhaseStartTime()), now));
        }
        metrics.phaseEntered(run, to.getPhase(), now);
        if (RunEvents.announces(to.getPhase())) {
            boolean bad = to.getPhase() == Phase.FAILED || to.getPhase() == Phase.ERROR;
            RunEvents.emit(
                    client,
                    run,
                    bad ? "Warning" : "Normal",
                    to.getPhase().value(),
                    to.getReason() + ": " + to.getMessage(),
                    now);
        }
        if (to.isTerminal()) {
            metrics.runEnded(run, to.getPhase(), to.getReason(), now);
            // Before anything is stopped: a timed-out run's still-running Jobs keep their pods (and logs) until here.
            new RunArtifacts(client, evidence).publish(run, to, now);
            if (to.getNamespace() != null) { // a run cancelled while queued built nothing
                RunStopper.stop(client, to.getNamespace(), to.getPhase());
            }
        }
    }

    /** An ended run: nothing is rebuilt; only the cleanup policy and spec-change reporting remain. */
    private UpdateControl<SitRun> finished(
            SitRun run, SitRunStatus previous, SitRunStatus current, Context<SitRun> context, Instant now) {
        var cleanup = current.getCleanup();
        boolean deleted = cleanup != null && cleanup.isNamespaceDeleted();
        if (!deleted && current.getNamespace() != null) {
            RunStopper.keepSystemsStopped(
                    context.getClient(),
                    current.getNamespace(),
                    RunObjects.all(context, Deployment.class, current.getNamespace()));
        }
        if (!deleted
                && cleanup != null
                && cleanup.getDeleteAfter() != null
                && !now.isBefore(Timestamps.parse(cleanup.getDeleteAfter()))) {
            // The namespace's last moment: a report or evidence that failed at the end is tried once more.
            current = new SitRunStatusBuilder(current).build();
            new RunArtifacts(context.getClient(), evidence).retryMissing(run, current, now);
            deleteNamespaceIfOwned(context.getClient(), run, current.getNamespace());
            RunEvents.emit(
                    context.getClient(),
                    run,
                    "Normal",
                    "NamespaceDeleted",
                    "deleted namespace " + current.getNamespace() + " (" + cleanup.getPolicy() + ")",
                    now);
            deleted = true;
        }
        SitRunStatus next = aggregator.afterFinish(run, current, now, deleted);
        var control = rescheduled(
                patchIfChanged(run, previous, next, context),
                aggregator.nextCheck(run, next, now, settings.pollInterval()));
        pruneHistory(run, context, now);
        return control;
    }

    @Override
    public DeleteControl cleanup(SitRun run, Context<SitRun> context) {
        String namespace = run.getStatus() != null && run.getStatus().getNamespace() != null
                ? run.getStatus().getNamespace()
                : RunNames.namespace(run);
        deleteNamespaceIfOwned(context.getClient(), run, namespace);
        if (!namespace.equals(RunNames.namespace(run))) {
            deleteNamespaceIfOwned(context.getClient(), run, RunNames.namespace(run));
        }
        return DeleteControl.defaultDelete();
    }

    /** A namespace of that name exists but this operator did not create it for this run: never adopt it. */
    private Problem namespaceConflict(KubernetesClient client, SitRun run, Context<SitRun> context) {
        if (RunObjects.find(context, Namespace.class, null, RunNames.namespace(run))
                .isPresent()) {
            return null;
        }
        String name = RunNames.namespace(run);
        Namespace existing = client.namespaces().withName(name).get();
        if (existing != null && !RunNamespaceDependent.isOwnedBy(existing, run)) {
            return new Problem(
                    RunReason.NAMESPACE_CONFLICT,
                    "namespace " + name
                            + " already exists and was not created by sit-operator for this SitRun; it is left untouched");
        }
        return null;
    }

    /**
     * Bad input thrown by a dependent ends the run; other errors are transient: logged, retried at the next
     * check, while deadlines keep being enforced.
     */
    private static Problem reconcileWorkflow(Context<SitRun> context) {
        Map<String, Exception> errors;
        try {
            WorkflowReconcileResult result =
                    context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
            errors = new LinkedHashMap<>();
            for (var entry : result.getErroredDependents().entrySet()) {
                errors.put(entry.getKey().name(), entry.getValue());
            }
        } catch (AggregatedOperatorException e) {
            errors = e.getAggregatedExceptions();
        }
        for (var entry : errors.entrySet()) {
            RunInputException input = RunInputException.find(entry.getValue());
            if (input != null) {
                return new Problem(input.reason(), input.getMessage());
            }
            AwsCredentialsException aws = awsRefusal(entry.getValue());
            if (aws != null) {
                return new Problem(aws.getReason(), aws.getMessage());
            }
            RunInputException invalid = RunInputException.fromApiRejection(entry.getKey(), entry.getValue());
            if (invalid != null) {
                return new Problem(invalid.reason(), invalid.getMessage());
            }
        }
        // API errors may quote the object (env values, URLs): redacted and bounded like status.
        errors.forEach((dependent, e) ->
                LOG.warnf("dependent %s failed, will retry: %s", dependent, Redaction.safe(e.getMessage())));
        return null;
    }

    /** STS refusing the role ends the run; an unreachable STS is retried. */
    private static AwsCredentialsException awsRefusal(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof AwsCredentialsException aws && !aws.isRetryable()) {
                return aws;
            }
        }
        return null;
    }

    private void deleteNamespaceIfOwned(KubernetesClient client, SitRun run, String name) {
        if (name == null) {
            return;
        }
        try {
            Namespace namespace = client.namespaces().withName(name).get();
            if (RunNamespaceDependent.isOwnedBy(namespace, run)) {
                client.namespaces().withName(name).delete();
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                metrics.cleanupFailed();
                throw e;
            }
        }
    }

    private static UpdateControl<SitRun> rescheduled(UpdateControl<SitRun> control, Duration after) {
        return after == null ? control : control.rescheduleAfter(after);
    }

    /**
     * Writes the status subresource only when something changed, and caches the result: a plain
     * UpdateControl.patchStatus leaves the informer's older copy in place, and a reconcile triggered by a
     * dependent's event right after would start from the stale status (seen on a real API server: the run
     * "started" twice). With SSA (production) a fresh object carrying only name, namespace and status is
     * applied; without (the mock server) the whole status is replaced with optimistic locking.
     */
    private static UpdateControl<SitRun> patchIfChanged(
            SitRun run, SitRunStatus previous, SitRunStatus next, Context<SitRun> context) {
        if (previous != null && SitRunStatusAggregator.unchanged(previous, next)) {
            return UpdateControl.noUpdate();
        }
        if (context.getControllerConfiguration().getConfigurationService().useSSAToPatchPrimaryResource()) {
            SitRun fresh = new SitRun();
            // The uid makes the API server refuse the patch when it was computed for a deleted SitRun and a
            // new one of the same name exists (GitOps recreates them): no stale status lands on the new run.
            fresh.setMetadata(new ObjectMetaBuilder()
                    .withName(run.getMetadata().getName())
                    .withNamespace(run.getMetadata().getNamespace())
                    .withUid(run.getMetadata().getUid())
                    .build());
            fresh.setStatus(next);
            PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(run, fresh, context);
        } else {
            PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(run, context, r -> {
                r.setStatus(next);
                return r;
            });
        }
        return UpdateControl.noUpdate();
    }
}
