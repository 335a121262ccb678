package io.dataops.sit.operator.dependents;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.operator.aws.AwsNames;
import io.dataops.sit.operator.dependents.kafka.KafkaAddresses;
import io.dataops.sit.operator.dependents.kafka.KafkaBackend;
import io.dataops.sit.operator.dependents.kafka.KafkaProviderResolver;
import io.dataops.sit.operator.dependents.postgres.Postgres;
import io.dataops.sit.operator.dependents.postgres.PostgresSecret;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The connection settings injected into the runner, the seed Jobs and the systems under test (the run
 * contract in {@link RunContract}). Passwords only ever appear as {@code secretKeyRef}s, never as values.
 *
 * <p>AWS: when {@code spec.aws} is set, {@link #AWS_SECRET} (= {@link AwsNames#SECRET}) is mounted at
 * {@link RunContract#AWS_MOUNT_PATH} with {@link #awsVolume(SitRun)} / {@link #awsVolumeMount(SitRun)} and
 * {@link #awsEnv(SitRun)} points at it, in the runner only and in systems that opt in; seed Jobs never get it.
 */
public final class ConnectionEnv {

    public static final String AWS_SECRET = AwsNames.SECRET;
    public static final String AWS_VOLUME = "sit-aws";

    private ConnectionEnv() {
    }

    /** Env of the systems under test: the cluster's Strimzi support decides where auto brokers live. */
    public static List<EnvVar> forSystems(SitRun run, boolean strimziInstalled) {
        return build(run, backends(run, strimziInstalled), false);
    }

    /** Env of the runner and seed Jobs: as the systems', plus SIT_RUN_FILE (the mounted SitRun). */
    public static List<EnvVar> forRunnerPods(SitRun run, boolean strimziInstalled) {
        return build(run, backends(run, strimziInstalled), true);
    }

    /** Brokers whose provider cannot be resolved (strimzi without Strimzi) get no variable; the run errors anyway. */
    public static Function<BrokerSpec, Optional<KafkaBackend>> backends(SitRun run, boolean strimziInstalled) {
        return b -> Optional.ofNullable(KafkaProviderResolver.resolve(run, b, strimziInstalled).backend());
    }

    public static List<EnvVar> build(SitRun run, Function<BrokerSpec, Optional<KafkaBackend>> backendOf,
            boolean withRunFile) {
        List<EnvVar> env = new ArrayList<>();
        env.add(value(RunContract.ENV_RUN_NAME, run.getMetadata().getName()));
        env.add(value(RunContract.ENV_RUN_NAMESPACE, RunNames.namespace(run)));
        env.add(value(RunContract.ENV_CONFIGMAPS_DIR, RunContract.CONFIGMAPS_MOUNT_PATH));
        if (withRunFile) {
            env.add(value(RunContract.ENV_RUN_FILE, RunContract.RUN_MOUNT_PATH + "/" + RunContract.RUN_CONFIGMAP_KEY));
        }
        boolean first = true;
        for (BrokerSpec broker : run.getSpec().getBrokers()) {
            Optional<KafkaBackend> backend = backendOf.apply(broker);
            if (backend.isEmpty()) {
                continue;
            }
            String servers = KafkaAddresses.bootstrapServers(run, broker.getName(), backend.get());
            if (first) {
                env.add(value(RunContract.ENV_KAFKA_BOOTSTRAP_SERVERS, servers));
                first = false;
            }
            env.add(value(RunContract.kafkaBootstrapEnv(broker.getName()), servers));
        }
        for (DatabaseSpec db : run.getSpec().getDatabases()) {
            String name = db.getName();
            env.add(value(RunContract.databaseEnv(name, "HOST"), Postgres.host(run, name)));
            env.add(value(RunContract.databaseEnv(name, "PORT"), Integer.toString(Postgres.PORT)));
            env.add(value(RunContract.databaseEnv(name, "DATABASE"), Postgres.databaseName(db)));
            env.add(value(RunContract.databaseEnv(name, "USER"), Postgres.USER));
            env.add(new EnvVarBuilder().withName(RunContract.databaseEnv(name, "PASSWORD"))
                    .withNewValueFrom().withNewSecretKeyRef()
                    .withName(PostgresSecret.getName(name)).withKey(PostgresSecret.PASSWORD_KEY)
                    .endSecretKeyRef().endValueFrom().build());
            env.add(value(RunContract.databaseEnv(name, "JDBC_URL"), Postgres.jdbcUrl(run, db)));
        }
        return env;
    }

    /**
     * AWS_REGION and AWS_SHARED_CREDENTIALS_FILE when spec.aws is set; given only to the runner and to systems that
     * opt in ({@code systems[].aws}), never to seed Jobs.
     */
    public static List<EnvVar> awsEnv(SitRun run) {
        if (run.getSpec().getAws() == null) {
            return List.of();
        }
        return List.of(value(RunContract.ENV_AWS_REGION, run.getSpec().getAws().getRegion()),
                value(RunContract.ENV_AWS_SHARED_CREDENTIALS_FILE,
                        RunContract.AWS_MOUNT_PATH + "/" + RunContract.AWS_CREDENTIALS_KEY));
    }

    /** The credentials Secret as a volume, when spec.aws is set. */
    public static Optional<Volume> awsVolume(SitRun run) {
        if (run.getSpec().getAws() == null) {
            return Optional.empty();
        }
        return Optional.of(new VolumeBuilder().withName(AWS_VOLUME)
                .withNewSecret().withSecretName(AWS_SECRET).endSecret().build());
    }

    public static Optional<VolumeMount> awsVolumeMount(SitRun run) {
        if (run.getSpec().getAws() == null) {
            return Optional.empty();
        }
        return Optional.of(new VolumeMountBuilder().withName(AWS_VOLUME)
                .withMountPath(RunContract.AWS_MOUNT_PATH).withReadOnly(true).build());
    }

    /** Injected variables, then the user's; a user variable of the same name replaces the injected one. */
    public static List<EnvVar> merge(List<EnvVar> injected, List<EnvVar> user) {
        List<EnvVar> merged = new ArrayList<>();
        java.util.Set<String> userNames = new java.util.HashSet<>();
        if (user != null) {
            user.forEach(e -> userNames.add(e.getName()));
        }
        for (EnvVar e : injected) {
            if (!userNames.contains(e.getName())) {
                merged.add(e);
            }
        }
        if (user != null) {
            merged.addAll(user);
        }
        return merged;
    }

    private static EnvVar value(String name, String value) {
        return new EnvVar(name, value, null);
    }
}
