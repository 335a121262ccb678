package io.dataops.sit.operator.dependents;

import static io.javaoperatorsdk.operator.api.reconciler.Constants.WATCH_ALL_NAMESPACES;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.RunSettings;
import io.dataops.sit.operator.dependents.kafka.StrimziSupport;
import io.dataops.sit.operator.naming.RunNames;
import io.dataops.sit.operator.phase.RunDeadlines;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runner Job ({@code java -jar /app/sit-runner.jar run}). Create-only: a Job's pod template is
 * immutable, and a finished run must never be re-run by an update. backoffLimit 0 (a retry would run the
 * scenarios twice against the same data), activeDeadlineSeconds from the testing time limit (plus a grace: the
 * operator's timeout acts first and keeps the runner's log as evidence), no TTL
 * (the namespace's deletion removes it, and its pod logs stay readable until then).
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = Constants.RUNNER_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = WATCH_ALL_NAMESPACES))
public class RunnerJobDependent extends KubernetesDependentResource<Job, SitRun> implements Creator<Job, SitRun> {

    public static final String RUN_VOLUME = "sit-run";
    /** Cucumber tag expression for the runner (spec.runner.tags). */
    public static final String ENV_TAGS = "SIT_TAGS";

    public RunnerJobDependent() {
        super(Job.class);
    }

    public static String getName(SitRun run) {
        return Constants.RUNNER_JOB_NAME;
    }

    @Override
    protected Job desired(SitRun run, Context<SitRun> context) {
        var runner = run.getSpec().getRunner();
        RunSettings settings = RunSettings.of(context);
        var meta = RunScoped.metadata(run, getName(run), Constants.COMPONENT_RUNNER);
        Job job = new JobBuilder()
                .withMetadata(meta)
                .withNewSpec()
                .withBackoffLimit(0)
                .withActiveDeadlineSeconds(RunDeadlines.of(run, settings.operator())
                        .runnerJobDeadline()
                        .toSeconds())
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(podLabels(run))
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withServiceAccountName(RunnerServiceAccountDependent.getName(run))
                .addNewContainer()
                .withName(Constants.RUNNER_CONTAINER)
                .withImage(settings.operator().runnerImage(run))
                .withArgs("run")
                .withEnv(env(run, StrimziSupport.of(run, context), settings.evidence()))
                .withVolumeMounts(mounts(run))
                .withResources(runner.getResources())
                .endContainer()
                .withVolumes(volumes(run))
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        RunPods.finish(
                Placement.of(run, settings.operator()),
                job.getSpec().getTemplate().getSpec(),
                PodSecurity.RUNNER);
        return job;
    }

    /** Pod labels: the run's labels with component runner, and API access (it writes sit-results). */
    static Map<String, String> podLabels(SitRun run) {
        Map<String, String> labels = new LinkedHashMap<>(RunNames.labels(run, Constants.COMPONENT_RUNNER));
        labels.put(Labels.COMPONENT, Constants.COMPONENT_RUNNER);
        labels.put(Constants.LABEL_API_ACCESS, "true");
        return labels;
    }

    /** The connection env every runner pod gets (ConnectionEnv), then the user's runner env (which wins). */
    static List<EnvVar> env(SitRun run, StrimziSupport strimzi, OperatorSettings.Evidence evidence) {
        List<EnvVar> injected = new ArrayList<>(ConnectionEnv.forRunnerPods(run, strimzi));
        injected.addAll(ConnectionEnv.awsEnv(run));
        // How much data evidence the runner samples: the admin's bounds (sit.evidence.*), never the tenant's.
        injected.add(new EnvVarBuilder()
                .withName(RunContract.ENV_EVIDENCE_RECORDS)
                .withValue(Integer.toString(evidence.sampleRecords()))
                .build());
        injected.add(new EnvVarBuilder()
                .withName(RunContract.ENV_EVIDENCE_ROWS)
                .withValue(Integer.toString(evidence.sampleRows()))
                .build());
        if (run.getSpec().getRunner().getTags() != null) {
            injected.add(new EnvVarBuilder()
                    .withName(ENV_TAGS)
                    .withValue(run.getSpec().getRunner().getTags())
                    .build());
        }
        return ConnectionEnv.merge(injected, run.getSpec().getRunner().getEnv());
    }

    static List<VolumeMount> mounts(SitRun run) {
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(new VolumeMountBuilder()
                .withName(RUN_VOLUME)
                .withMountPath(RunContract.RUN_MOUNT_PATH)
                .withReadOnly(true)
                .build());
        for (String cm : ReferencedConfigMaps.of(run)) {
            mounts.add(new VolumeMountBuilder()
                    .withName(volumeName(cm))
                    .withMountPath(RunContract.CONFIGMAPS_MOUNT_PATH + "/" + cm)
                    .withReadOnly(true)
                    .build());
        }
        ConnectionEnv.awsVolumeMount(run).ifPresent(mounts::add);
        return mounts;
    }

    static List<Volume> volumes(SitRun run) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder()
                .withName(RUN_VOLUME)
                .withNewConfigMap()
                .withName(RunSpecConfigMapDependent.getName(run))
                .endConfigMap()
                .build());
        for (String cm : ReferencedConfigMaps.of(run)) {
            volumes.add(new VolumeBuilder()
                    .withName(volumeName(cm))
                    .withNewConfigMap()
                    .withName(ConfigMapCopiesDependent.getName(run, cm))
                    .endConfigMap()
                    .build());
        }
        ConnectionEnv.awsVolume(run).ifPresent(volumes::add);
        return volumes;
    }

    /** Volume names are DNS labels (63): a ConfigMap name can be 253, so long ones are shortened with a hash. */
    static String volumeName(String configMap) {
        String base = "cm-" + configMap.replace('.', '-');
        if (base.length() <= 63) {
            return base;
        }
        return base.substring(0, 56).replaceAll("-+$", "") + "-" + Integer.toHexString(configMap.hashCode() & 0xfffff);
    }
}
