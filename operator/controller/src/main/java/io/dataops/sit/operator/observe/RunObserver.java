package io.dataops.sit.operator.observe;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.dependents.RunObjects;
import io.dataops.sit.operator.naming.RunNames;
import io.dataops.sit.operator.phase.RunImages;
import io.dataops.sit.operator.phase.RunObservation;
import io.dataops.sit.operator.phase.RunObservation.Problem;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Collects a {@link RunObservation} from the informer caches of the run's dependents. */
public final class RunObserver {

    private RunObserver() {}

    /** @param images what the run's pods ran ({@link PodImages}), with what the status already recorded */
    public static RunObservation observe(
            SitRun run, Context<SitRun> context, Problem problem, RunImages images, Instant now) {
        String runNamespace = RunNames.namespace(run);
        boolean namespaceReady =
                RunObjects.find(context, Namespace.class, null, runNamespace).isPresent();
        var env = EnvironmentReadiness.of(run, context);
        ConfigMap results = RunObjects.find(context, ConfigMap.class, runNamespace, RunContract.RESULTS_CONFIGMAP)
                .orElse(null);
        Map<String, String> data = results == null || results.getData() == null ? Map.of() : results.getData();
        Map<String, String> seedResults = new LinkedHashMap<>();
        for (var db : run.getSpec().getDatabases()) {
            String raw = data.get(RunContract.seedResultKey(db.getName()));
            if (raw != null) {
                seedResults.put(db.getName(), raw);
            }
        }
        Job runner = RunObjects.find(context, Job.class, runNamespace, Constants.RUNNER_JOB_NAME)
                .orElse(null);
        return new RunObservation(
                now,
                problem,
                namespaceReady,
                env.brokers(),
                env.databases(),
                env.systems(),
                env.seedJobs(),
                seedResults,
                JobStates.of(runner),
                data.get(RunContract.RUNNER_RESULT_KEY),
                images);
    }
}
