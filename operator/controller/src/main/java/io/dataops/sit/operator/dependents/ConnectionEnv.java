package io.dataops.sit.operator.dependents;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.operator.aws.AwsNames;
import io.dataops.sit.operator.dependents.kafka.KafkaAddresses;
import io.dataops.sit.operator.dependents.kafka.KafkaBackend;
import io.dataops.sit.operator.dependents.kafka.KafkaProviderResolver;
import io.dataops.sit.operator.dependents.kafka.StrimziSupport;
import io.dataops.sit.operator.dependents.postgres.Postgres;
import io.dataops.sit.operator.dependents.registry.SchemaRegistry;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The connection settings injected into the runner, the seed Jobs and the systems under test: the run contract's
 * {@link RunContract#connectionEnv} (which local mode uses as-is) with cluster values. Passwords only ever appear as
 * {@code secretKeyRef}s, never as values.
 *
 * <p>AWS: when {@code spec.aws} is set, {@link #AWS_SECRET} (= {@link AwsNames#SECRET}) is mounted at
 * {@link RunContract#AWS_MOUNT_PATH} with {@link #awsVolume(SitRun)} / {@link #awsVolumeMount(SitRun)} and
 * {@link #awsEnv(SitRun)} points at it, in the runner only and in systems that opt in; seed Jobs never get it.
 */
public final class ConnectionEnv {

    public static final String AWS_SECRET = AwsNames.SECRET;
    public static final String AWS_VOLUME = "sit-aws";

    private ConnectionEnv() {}

    /** Env of the systems under test: the cluster's Strimzi support decides where auto brokers live. */
    public static List<EnvVar> forSystems(SitRun run, StrimziSupport strimzi) {
        return build(run, backends(run, strimzi), false);
    }

    /** Env of the runner and seed Jobs: as the systems', plus SIT_RUN_FILE (the mounted SitRun). */
    public static List<EnvVar> forRunnerPods(SitRun run, StrimziSupport strimzi) {
        return build(run, backends(run, strimzi), true);
    }

    /** Brokers whose provider cannot be resolved (strimzi without Strimzi) get no variable; the run errors anyway. */
    public static Function<BrokerSpec, Optional<KafkaBackend>> backends(SitRun run, StrimziSupport strimzi) {
        return b -> Optional.ofNullable(
                KafkaProviderResolver.resolve(run, b, strimzi).backend());
    }

    /**
     * {@link RunContract#connectionEnv} with this run's cluster addresses, as EnvVars: each database password becomes
     * a secretKeyRef to its PostgresSecretDependent, or for an external database, password and user name to the
     * tenant's copied Secret (the operator never holds them as values), and runner pods also get
     * SIT_RUN_FILE after the ConfigMaps folder.
     */
    public static List<EnvVar> build(
            SitRun run, Function<BrokerSpec, Optional<KafkaBackend>> backendOf, boolean withRunFile) {
        Map<String, String> brokers = new LinkedHashMap<>();
        for (BrokerSpec broker : run.getSpec().getBrokers()) {
            backendOf
                    .apply(broker)
                    .ifPresent(backend -> brokers.put(
                            broker.getName(), KafkaAddresses.bootstrapServers(run, broker.getName(), backend)));
        }
        Map<String, RunContract.DatabaseAddress> databases = new LinkedHashMap<>();
        // variable -> the Secret key it is read from: passwords always, an external database's user name too
        Map<String, SecretKeySelector> fromSecrets = new LinkedHashMap<>();
        for (DatabaseSpec db : run.getSpec().getDatabases()) {
            Postgres.Credentials credentials = Postgres.credentials(db);
            databases.put(
                    db.getName(),
                    new RunContract.DatabaseAddress(
                            Postgres.host(run, db),
                            Postgres.port(db),
                            Postgres.databaseName(db),
                            db.external() ? null : Postgres.USER,
                            null,
                            Postgres.jdbcUrl(run, db)));
            fromSecrets.put(
                    RunContract.databaseEnv(db.getName(), "PASSWORD"),
                    new SecretKeySelector(credentials.passwordKey(), credentials.secret(), null));
            if (db.external()) {
                fromSecrets.put(
                        RunContract.databaseEnv(db.getName(), "USER"),
                        new SecretKeySelector(credentials.usernameKey(), credentials.secret(), null));
            }
        }
        Map<String, String> contract = RunContract.connectionEnv(
                run.getMetadata().getName(),
                Optional.of(RunNames.namespace(run)),
                RunContract.CONFIGMAPS_MOUNT_PATH,
                brokers,
                databases,
                SchemaRegistry.url(run));
        List<EnvVar> env = new ArrayList<>();
        contract.forEach((name, value) -> {
            SecretKeySelector secret = fromSecrets.get(name);
            env.add(
                    secret == null
                            ? value(name, value)
                            : new EnvVarBuilder()
                                    .withName(name)
                                    .withNewValueFrom()
                                    .withSecretKeyRef(secret)
                                    .endValueFrom()
                                    .build());
            if (withRunFile && name.equals(RunContract.ENV_CONFIGMAPS_DIR)) {
                env.add(value(
                        RunContract.ENV_RUN_FILE, RunContract.RUN_MOUNT_PATH + "/" + RunContract.RUN_CONFIGMAP_KEY));
            }
        });
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
        return List.of(
                value(RunContract.ENV_AWS_REGION, run.getSpec().getAws().getRegion()),
                value(
                        RunContract.ENV_AWS_SHARED_CREDENTIALS_FILE,
                        RunContract.AWS_MOUNT_PATH + "/" + RunContract.AWS_CREDENTIALS_KEY));
    }

    /** The credentials Secret as a volume, when spec.aws is set. */
    public static Optional<Volume> awsVolume(SitRun run) {
        if (run.getSpec().getAws() == null) {
            return Optional.empty();
        }
        return Optional.of(new VolumeBuilder()
                .withName(AWS_VOLUME)
                .withNewSecret()
                .withSecretName(AWS_SECRET)
                .endSecret()
                .build());
    }

    public static Optional<VolumeMount> awsVolumeMount(SitRun run) {
        if (run.getSpec().getAws() == null) {
            return Optional.empty();
        }
        return Optional.of(new VolumeMountBuilder()
                .withName(AWS_VOLUME)
                .withMountPath(RunContract.AWS_MOUNT_PATH)
                .withReadOnly(true)
                .build());
    }

    /** Injected variables, then the user's; a user variable of the same name replaces the injected one. */
    public static List<EnvVar> merge(List<EnvVar> injected, List<EnvVar> user) {
        List<EnvVar> merged = new ArrayList<>();
        Set<String> userNames = new HashSet<>();
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
