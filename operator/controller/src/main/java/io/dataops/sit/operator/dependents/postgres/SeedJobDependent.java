package io.dataops.sit.operator.dependents.postgres;

import static io.dataops.sit.operator.Constants.COMPONENT_SEED;
import static io.dataops.sit.operator.Constants.LABEL_API_ACCESS;
import static io.dataops.sit.operator.Constants.SEED_SELECTOR;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.FileSource;
import io.dataops.sit.api.v1alpha1.spec.SeedStep;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.RunSettings;
import io.dataops.sit.operator.dependents.CompactItemStore;
import io.dataops.sit.operator.dependents.ConnectionEnv;
import io.dataops.sit.operator.dependents.Placement;
import io.dataops.sit.operator.dependents.PodSecurity;
import io.dataops.sit.operator.dependents.RunBulkDependent;
import io.dataops.sit.operator.dependents.RunNamespaceFilter;
import io.dataops.sit.operator.dependents.RunPods;
import io.dataops.sit.operator.dependents.RunScoped;
import io.dataops.sit.operator.dependents.kafka.StrimziSupport;
import io.dataops.sit.operator.observe.JobStates;
import io.dataops.sit.operator.phase.RunObservation.JobState;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The seed Job {@code <db>-seed} of each database: the runner image in seed mode
 * ({@code seed --database <name>}) loads the fixtures in order, checks the gates and writes
 * {@code seed.<db>.json} into the results ConfigMap.
 *
 * <p>Create-only (Job templates are immutable), {@code backoffLimit 0} (a seed that failed once has left the
 * database in an unknown state; retrying would hide it), no TTL (the workflow would recreate it).
 * Runner image: {@code spec.runner.image}, else {@code sit.runner.image} ({@link OperatorSettings#runnerImage(SitRun)}).
 *
 * <p>Workflow (for the reconciler): dependsOn {@link PostgresStatefulSetDependent} with its Ready postcondition (so the
 * Job starts only once the server answers), the run-spec ConfigMap, the ConfigMap copies and the runner
 * ServiceAccount/Role/RoleBinding; readyPostcondition {@link io.dataops.sit.operator.dependents.EntriesReadyCondition} with {@link #isReady} (every seed Job succeeded); a Job with
 * failed (JobStates) is an Error (reason from seed.&lt;db&gt;.json). Informer: Jobs with component=seed.
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = SEED_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = Constants.WATCH_ALL_NAMESPACES))
public class SeedJobDependent extends RunBulkDependent<Job> {

    public static final String CONTAINER = "seed";
    static final String RUN_VOLUME = "sit-run";

    public SeedJobDependent() {
        super(Job.class, COMPONENT_SEED);
    }

    public static String getName(String database) {
        return database + "-seed";
    }

    @Override
    public Map<String, Job> desiredByEntry(SitRun primary, Context<SitRun> context) {
        Placement placement = Placement.of(primary, RunSettings.of(context).operator());
        List<EnvVar> env = ConnectionEnv.forRunnerPods(primary, StrimziSupport.of(primary, context));
        String image = RunSettings.of(context).operator().runnerImage(primary);
        Map<String, Job> desired = new LinkedHashMap<>();
        for (DatabaseSpec db : primary.getSpec().getDatabases()) {
            desired.put(db.getName(), desired(primary, db, image, env, placement));
        }
        return desired;
    }

    /** SIT_MASK_KEY from the copied maskingKeySecretRef (never a value in the Job's spec). */
    public static List<EnvVar> withMaskingKey(List<EnvVar> env, DatabaseSpec db) {
        if (db.getMaskingKeySecretRef() == null) {
            return env;
        }
        List<EnvVar> out = new ArrayList<>(env);
        out.add(new EnvVarBuilder()
                .withName(MASK_KEY_ENV)
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName(db.getMaskingKeySecretRef().getName())
                .withKey(db.getMaskingKeySecretRef().getKey())
                .endSecretKeyRef()
                .endValueFrom()
                .build());
        return out;
    }

    /** The runner's Masker reads its key from here (test-runner-image Masker.KEY_ENV). */
    public static final String MASK_KEY_ENV = "SIT_MASK_KEY";

    /** As {@link #desired(SitRun, DatabaseSpec, String, List, Placement)} for an operator without sit.placement.* (tests). */
    public static Job desired(SitRun run, DatabaseSpec db, String runnerImage, List<EnvVar> env) {
        return desired(run, db, runnerImage, env, Placement.of(run, OperatorSettings.defaults()));
    }

    public static Job desired(SitRun run, DatabaseSpec db, String runnerImage, List<EnvVar> env, Placement placement) {
        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        volumes.add(new VolumeBuilder()
                .withName(RUN_VOLUME)
                .withNewConfigMap()
                .withName(RunContract.RUN_CONFIGMAP)
                .endConfigMap()
                .build());
        mounts.add(new VolumeMountBuilder()
                .withName(RUN_VOLUME)
                .withMountPath(RunContract.RUN_MOUNT_PATH)
                .withReadOnly(true)
                .build());
        int i = 0;
        for (String configMap : seedConfigMaps(db)) {
            String volume = "cm-" + i++;
            volumes.add(new VolumeBuilder()
                    .withName(volume)
                    .withNewConfigMap()
                    .withName(configMap)
                    .endConfigMap()
                    .build());
            mounts.add(new VolumeMountBuilder()
                    .withName(volume)
                    .withMountPath(RunContract.CONFIGMAPS_MOUNT_PATH + "/" + configMap)
                    .withReadOnly(true)
                    .build());
        }
        // No AWS credentials here: seeding loads fixtures into PostgreSQL and needs none (issue 8).
        Container container = new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(runnerImage)
                .withArgs("seed", "--database", db.getName())
                .withEnv(withMaskingKey(env, db))
                .withVolumeMounts(mounts)
                .build();
        Job job = new JobBuilder()
                .withMetadata(RunScoped.metadata(run, getName(db.getName()), COMPONENT_SEED, db.getName()))
                .withNewSpec()
                .withBackoffLimit(0)
                .withNewTemplate()
                // API access: the seed writes seed.<db>.json into sit-results.
                .withNewMetadata()
                .withLabels(labels(run, COMPONENT_SEED, db.getName()))
                .addToLabels(LABEL_API_ACCESS, "true")
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withServiceAccountName(RunContract.RUNNER_SERVICE_ACCOUNT)
                .withContainers(container)
                .withVolumes(volumes)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        RunPods.finish(placement, job.getSpec().getTemplate().getSpec(), PodSecurity.RUNNER);
        return job;
    }

    /**
     * The ConfigMaps this database's seed Job reads: its steps', its dataset manifest's and its schema files' (the
     * reconciler copies them into the run namespace).
     */
    public static Set<String> seedConfigMaps(DatabaseSpec db) {
        Set<String> names = new LinkedHashSet<>();
        for (SeedStep step : db.getSeed()) {
            Stream.<FileSource>of(step.getSql(), step.getCsv())
                    .filter(s -> s != null
                            && s.getConfigMapRef() != null
                            && s.getConfigMapRef().getName() != null)
                    .forEach(s -> names.add(s.getConfigMapRef().getName()));
        }
        db.gateFiles().stream()
                .filter(s -> s.getConfigMapRef() != null && s.getConfigMapRef().getName() != null)
                .forEach(s -> names.add(s.getConfigMapRef().getName()));
        return names;
    }

    /** Whether this database's seed Job succeeded. */
    @Override
    public boolean isReady(SitRun primary, Context<SitRun> context, String database) {
        return actual(primary, context, getName(database))
                .map(job -> JobStates.of(job) == JobState.SUCCEEDED)
                .orElse(false);
    }

    /** Whether this database's seed Job failed for good. */
    public boolean hasFailed(SitRun primary, Context<SitRun> context, String database) {
        return actual(primary, context, getName(database))
                .map(job -> JobStates.of(job).failed())
                .orElse(false);
    }
}
