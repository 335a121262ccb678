package io.dataops.sit.runner.local;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.ConfigMapKeyRef;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.FileSource;
import io.dataops.sit.api.v1alpha1.spec.KafkaProvider;
import io.dataops.sit.api.v1alpha1.spec.KafkaSpec;
import io.dataops.sit.api.v1alpha1.spec.SeedStep;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.api.v1alpha1.spec.TopicSpec;
import io.dataops.sit.api.v1alpha1.spec.UserStepsSpec;
import java.util.ArrayList;
import java.util.List;

/** What is checked and said before anything starts: missing ConfigMaps, and settings that apply in a cluster only. */
final class LocalPreflight {

    private LocalPreflight() {}

    /** Every ConfigMap the SitRun refers to must be found before anything starts. */
    static void checkReferences(SitRunSpec spec, LocalFixtures fixtures) throws LocalRunException {
        List<String> missing = new ArrayList<>();
        String features = spec.getRunner().featuresConfigMapName();
        if (!fixtures.hasConfigMap(features)) {
            missing.add("features ConfigMap '" + features + "'");
        }
        for (DatabaseSpec db : spec.getDatabases()) {
            List<FileSource> sources = new ArrayList<>();
            for (SeedStep step : db.getSeed()) {
                sources.add(step.getSql() != null ? step.getSql() : step.getCsv());
            }
            sources.addAll(db.gateFiles()); // the dataset manifest, expected-schema files
            for (FileSource source : sources) {
                ConfigMapKeyRef ref = source == null ? null : source.getConfigMapRef();
                if (ref != null && !fixtures.has(ref)) {
                    missing.add("database " + db.getName() + " seed: ConfigMap '" + ref.getName() + "' key '"
                            + ref.getKey() + "' (looked " + fixtures.describe(ref.getName()) + ")");
                }
            }
        }
        for (UserStepsSpec steps : spec.getRunner().getSteps()) {
            ConfigMapKeyRef ref = steps.jarRef();
            if (steps.getLocal() == null && ref != null && !fixtures.hasConfigMap(ref.getName())) {
                missing.add("steps " + steps.getGlue() + ": ConfigMap '" + ref.getName() + "' (looked "
                        + fixtures.describe(ref.getName()) + "; or give local.jar)");
            }
        }
        if (!missing.isEmpty()) {
            throw new LocalRunException(
                    RunReason.FIXTURE_NOT_FOUND,
                    "not found: " + String.join("; ", missing)
                            + ". Put the ConfigMap in the SitRun file or its keys in a folder named after it beside the file.");
        }
    }

    /** One line per setting that local mode cannot honour, so nobody mistakes a local pass for a cluster one. */
    static List<String> clusterOnlySettings(SitRunSpec spec) {
        List<String> notes = new ArrayList<>();
        for (BrokerSpec broker : spec.getBrokers()) {
            KafkaSpec kafka = broker.getKafka();
            if (kafka == null) {
                notes.add("broker " + broker.getName() + ": external; the operator's admin allow-list "
                        + "(sit.isolation.external.allowed) applies in a cluster only");
                continue;
            }
            if (kafka.providerOrDefault() == KafkaProvider.STRIMZI
                    || kafka.replicasOrDefault() > 1
                    || kafka.getImage() != null) {
                notes.add("broker " + broker.getName() + ": provider/replicas/image are cluster settings; runs as one "
                        + "embedded KRaft broker");
            }
            for (TopicSpec topic : kafka.getTopics()) {
                if (topic.replicationFactorOrDefault() > 1) {
                    notes.add("topic " + topic.getName() + ": replicationFactor " + topic.getReplicationFactor()
                            + " needs more brokers; created with 1");
                }
            }
        }
        for (DatabaseSpec db : spec.getDatabases()) {
            if (db.external()) {
                notes.add("database " + db.getName() + ": external; the operator's admin allow-list "
                        + "(sit.isolation.external.allowed) applies in a cluster only");
            }
            if (db.getPostgres() != null
                    && (db.getPostgres().getVersion() != null
                            || db.getPostgres().getImage() != null)) {
                notes.add("database " + db.getName() + ": postgres version/image are cluster settings; runs the "
                        + "embedded PostgreSQL from Maven Central (14.x)");
            }
        }
        for (SystemSpec system : spec.getSystems()) {
            if (system.getLocal() == null) {
                notes.add("system " + system.getName() + ": no 'local' command, NOT started (image " + system.getImage()
                        + ")");
            }
            // env valueFrom: LocalVariables resolves the file's Secrets and ConfigMaps and notes the rest
        }
        if (spec.getAws() != null) {
            notes.add(
                    "aws: no STS credentials locally; AWS steps sign only with the file AWS_SHARED_CREDENTIALS_FILE names "
                            + "(never the default credentials chain)");
        }
        if (spec.getIsolation() != null) {
            notes.add("isolation: network policy and quotas apply in a cluster only");
        }
        if (spec.getImageConsistency() != null) {
            notes.add("imageConsistency: systems run as local processes, not images; the one-build rule applies in a "
                    + "cluster only");
        }
        return notes;
    }
}
