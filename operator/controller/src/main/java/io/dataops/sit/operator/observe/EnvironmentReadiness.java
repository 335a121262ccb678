package io.dataops.sit.operator.observe;

import static io.dataops.sit.operator.Constants.COMPONENT_SCHEMA_REGISTRY;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.status.BrokerStatus;
import io.dataops.sit.api.v1alpha1.status.DatabaseStatus;
import io.dataops.sit.api.v1alpha1.status.SystemStatus;
import io.dataops.sit.operator.aws.AwsCredentialsSecretDependent;
import io.dataops.sit.operator.dependents.RunObjects;
import io.dataops.sit.operator.dependents.kafka.BrokerReadiness;
import io.dataops.sit.operator.dependents.kafka.StrimziSupport;
import io.dataops.sit.operator.dependents.postgres.DatabaseReadiness;
import io.dataops.sit.operator.dependents.registry.SchemaRegistryDeploymentDependent;
import io.dataops.sit.operator.dependents.systems.SystemDeploymentDependent;
import io.dataops.sit.operator.dependents.systems.SystemReadiness;
import io.dataops.sit.operator.phase.RunObservation.JobState;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readiness of the environment's brokers, databases, seeds, systems and AWS credentials, read from the
 * informer caches of their dependents. Used by the status (RunObserver) and by the runner Job's
 * precondition, so both agree on "ready".
 */
public final class EnvironmentReadiness {

    private EnvironmentReadiness() {}

    public record Snapshot(
            List<BrokerStatus> brokers,
            List<DatabaseStatus> databases,
            List<SystemStatus> systems,
            Map<String, JobState> seedJobs,
            boolean awsReady,
            boolean schemaRegistryReady) {

        public boolean brokersAndDatabasesReady(SitRun run) {
            return brokers.size() >= run.getSpec().getBrokers().size()
                    && brokers.stream().allMatch(BrokerStatus::isReady)
                    && databases.size() >= run.getSpec().getDatabases().size()
                    && databases.stream().allMatch(DatabaseStatus::isReady);
        }

        public boolean systemsReady(SitRun run) {
            return systems.size() >= run.getSpec().getSystems().size()
                    && systems.stream().allMatch(SystemStatus::isReady);
        }

        public boolean seedsSucceeded() {
            return seedJobs.values().stream().allMatch(s -> s == JobState.SUCCEEDED);
        }

        public boolean allReady(SitRun run) {
            return brokersAndDatabasesReady(run)
                    && systemsReady(run)
                    && seedsSucceeded()
                    && awsReady
                    && schemaRegistryReady;
        }
    }

    public static Snapshot of(SitRun run, Context<SitRun> context) {
        StrimziSupport strimzi = StrimziSupport.of(run, context);
        List<BrokerStatus> brokers = new ArrayList<>();
        for (var broker : run.getSpec().getBrokers()) {
            brokers.add(BrokerReadiness.status(run, context, broker, strimzi));
        }
        List<DatabaseStatus> databases = new ArrayList<>();
        Map<String, JobState> seedJobs = new LinkedHashMap<>();
        for (var db : run.getSpec().getDatabases()) {
            databases.add(DatabaseReadiness.status(run, context, db));
            seedJobs.put(
                    db.getName(),
                    JobStates.of(
                            DatabaseReadiness.seedJob(context, db.getName()).orElse(null)));
        }
        List<SystemStatus> systems = new ArrayList<>();
        for (var system : run.getSpec().getSystems()) {
            systems.add(SystemReadiness.status(run, context, system));
        }
        boolean awsReady = run.getSpec().getAws() == null
                || AwsCredentialsSecretDependent.currentSecret(run, context).isPresent();
        boolean schemaRegistryReady = !run.getSpec().schemaRegistryEnabled()
                || RunObjects.ofRun(
                                context,
                                Deployment.class,
                                COMPONENT_SCHEMA_REGISTRY,
                                SchemaRegistryDeploymentDependent.getName())
                        .map(SystemDeploymentDependent::isReady)
                        .orElse(false);
        return new Snapshot(brokers, databases, systems, seedJobs, awsReady, schemaRegistryReady);
    }
}
