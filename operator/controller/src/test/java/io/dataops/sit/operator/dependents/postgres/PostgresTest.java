package io.dataops.sit.operator.dependents.postgres;

import static io.dataops.sit.operator.dependents.TestRuns.broker;
import static io.dataops.sit.operator.dependents.TestRuns.database;
import static io.dataops.sit.operator.dependents.TestRuns.env;
import static io.dataops.sit.operator.dependents.TestRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.KafkaProvider;
import io.dataops.sit.api.v1alpha1.spec.RunnerSpec;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.dependents.ConnectionEnv;
import io.dataops.sit.operator.dependents.EntriesReadyCondition;
import io.dataops.sit.operator.dependents.FakeContext;
import io.dataops.sit.operator.dependents.TestRuns;
import io.dataops.sit.operator.dependents.kafka.StrimziSupport;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresTest {

    private SitRun runWithWarehouse() {
        SitRun run = run("orders");
        run.getSpec().setBrokers(List.of(broker("events", KafkaProvider.BUILTIN)));
        run.getSpec().setDatabases(List.of(database("warehouse-eu")));
        return run;
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    @Test
    void statefulSetRunsPostgresWithThePasswordFromTheSecret() {
        SitRun run = runWithWarehouse();
        DatabaseSpec db = run.getSpec().getDatabases().get(0);
        StatefulSet sts = PostgresStatefulSetDependent.desired(run, db);

        assertThat(sts.getMetadata().getName()).isEqualTo("warehouse-eu-postgres");
        assertThat(sts.getMetadata().getNamespace()).isEqualTo(RunNames.namespace(run));
        assertThat(sts.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(sts.getMetadata().getLabels())
                .containsEntry(Labels.COMPONENT, "database")
                .containsEntry(Labels.INSTANCE, "warehouse-eu");
        Container c = sts.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("postgres:16");
        assertThat(env(c.getEnv()))
                .containsEntry("POSTGRES_DB", "warehouse_eu")
                .containsEntry("POSTGRES_USER", "sit")
                .containsEntry("POSTGRES_PASSWORD", null);
        EnvVar password = c.getEnv().stream()
                .filter(e -> e.getName().equals("POSTGRES_PASSWORD"))
                .findFirst()
                .orElseThrow();
        assertThat(password.getValueFrom().getSecretKeyRef().getName())
                .isEqualTo(PostgresSecretDependent.getName("warehouse-eu"));
        assertThat(c.getReadinessProbe().getExec().getCommand())
                .startsWith("pg_isready")
                .contains("warehouse_eu");
        assertThat(sts.getSpec().getTemplate().getSpec().getVolumes())
                .singleElement()
                .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
    }

    @Test
    void dataLivesInTheEmptyDirMountedOnTheImagesVolumeWithPgdataInASubdirectory() {
        SitRun run = runWithWarehouse();
        StatefulSet sts = PostgresStatefulSetDependent.desired(
                run, run.getSpec().getDatabases().get(0));
        PodSpec pod = sts.getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().get(0);
        String volume = pod.getVolumes().get(0).getName();
        // postgres:16 declares VOLUME /var/lib/postgresql/data: anything else leaves the data in an anonymous volume
        VolumeMount mount = c.getVolumeMounts().stream()
                .filter(m -> m.getName().equals(volume))
                .findFirst()
                .orElseThrow();
        assertThat(mount.getMountPath()).isEqualTo("/var/lib/postgresql/data");
        String pgdata = env(c.getEnv()).get("PGDATA");
        assertThat(pgdata).startsWith(mount.getMountPath() + "/").isNotEqualTo(mount.getMountPath());
        // the official image initialises PGDATA only as its own user: non-root uid 999 owning the emptyDir
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(999L);
        assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(999L);
        assertThat(c.getReadinessProbe().getExec().getCommand()).containsSequence("-h", "127.0.0.1");
        // postgres:18 defaults PGDATA to /var/lib/postgresql/18/docker: the explicit PGDATA keeps it on the emptyDir
        DatabaseSpec v18 = run.getSpec().getDatabases().get(0);
        v18.getPostgres().setVersion("18");
        Container c18 = PostgresStatefulSetDependent.desired(run, v18)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        assertThat(c18.getImage()).isEqualTo("postgres:18");
        assertThat(env(c18.getEnv())).containsEntry("PGDATA", pgdata);
    }

    @Test
    void imageAndDatabaseOverrides() {
        DatabaseSpec db = database("w");
        db.getPostgres().setVersion("17");
        assertThat(Postgres.image(db)).isEqualTo("postgres:17");
        db.getPostgres().setImage("mirror/postgres:17-alpine");
        db.getPostgres().setDatabase("dwh");
        assertThat(Postgres.image(db)).isEqualTo("mirror/postgres:17-alpine");
        assertThat(Postgres.databaseName(db)).isEqualTo("dwh");
    }

    @Test
    void serviceOnPort5432() {
        SitRun run = runWithWarehouse();
        Service svc = PostgresServiceDependent.desired(
                run, run.getSpec().getDatabases().get(0));
        assertThat(svc.getMetadata().getName()).isEqualTo("warehouse-eu-postgres");
        assertThat(svc.getSpec().getClusterIP()).as("headless").isEqualTo("None");
        assertThat(svc.getSpec().getPorts())
                .singleElement()
                .satisfies(p -> assertThat(p.getPort()).isEqualTo(5432));
        assertThat(svc.getSpec().getSelector()).containsEntry(Labels.COMPONENT, "database");
    }

    @Test
    void secretHasGeneratedPasswordInDataNotStringData() {
        SitRun run = runWithWarehouse();
        Secret secret = PostgresSecretDependent.desired(
                run, run.getSpec().getDatabases().get(0), null);
        assertThat(secret.getMetadata().getName()).isEqualTo("warehouse-eu-postgres-credentials");
        assertThat(secret.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(secret.getStringData()).isNullOrEmpty();
        Map<String, String> data = secret.getData();
        assertThat(decode(data.get("password"))).hasSize(24).matches("[A-Za-z0-9]+");
        assertThat(decode(data.get("username"))).isEqualTo("sit");
        assertThat(decode(data.get("port"))).isEqualTo("5432");
        assertThat(decode(data.get("database"))).isEqualTo("warehouse_eu");
        assertThat(decode(data.get("host"))).isEqualTo("warehouse-eu-postgres." + RunNames.namespace(run) + ".svc");
        Secret other = PostgresSecretDependent.desired(
                run, run.getSpec().getDatabases().get(0), null);
        assertThat(other.getData().get("password")).isNotEqualTo(data.get("password"));
    }

    @Test
    void seedJobRunsTheRunnerInSeedModeWithMountsAndEnv() {
        SitRun run = runWithWarehouse();
        run.getSpec().setAws(TestRuns.aws());
        DatabaseSpec db = run.getSpec().getDatabases().get(0);
        List<EnvVar> env = ConnectionEnv.forRunnerPods(run, StrimziSupport.NOT_INSTALLED);
        Job job = SeedJobDependent.desired(run, db, "registry.example.com/sit-runner:1", env);

        assertThat(job.getMetadata().getName()).isEqualTo("warehouse-eu-seed");
        assertThat(job.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(job.getMetadata().getLabels()).containsEntry(Labels.COMPONENT, "seed");
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isNull();
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo("sit-runner");
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        Container c = pod.getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("registry.example.com/sit-runner:1");
        assertThat(c.getArgs()).containsExactly("seed", "--database", "warehouse-eu");
        assertThat(c.getVolumeMounts())
                .extracting(VolumeMount::getMountPath)
                .containsExactly("/sit/run", "/sit/configmaps/orders-golden-v3", "/sit/configmaps/currencies");
        assertThat(pod.getVolumes())
                .as("seed Jobs never get the AWS credentials, even with spec.aws")
                .noneMatch(v -> v.getSecret() != null
                        && ConnectionEnv.AWS_SECRET.equals(v.getSecret().getSecretName()));
        assertThat(env(c.getEnv())).doesNotContainKeys("AWS_SHARED_CREDENTIALS_FILE", "AWS_REGION");
        assertThat(pod.getVolumes())
                .filteredOn(v -> v.getConfigMap() != null)
                .extracting(v -> v.getConfigMap().getName())
                .containsExactly("sit-run", "orders-golden-v3", "currencies");
        assertThat(env(c.getEnv()))
                .containsEntry("SIT_RUN_FILE", "/sit/run/sitrun.yaml")
                .containsKey("SIT_DB_WAREHOUSE_EU_JDBC_URL")
                .containsKey("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(c.getEnv())
                .filteredOn(e -> e.getName().endsWith("PASSWORD"))
                .allSatisfy(e -> assertThat(e.getValue()).isNull());
    }

    @Test
    void seedImageFromTheSpecElseTheOperatorDefault() {
        SitRun run = runWithWarehouse();
        assertThat(OperatorSettings.defaults().runnerImage(run)).isEqualTo(OperatorSettings.DEFAULT_RUNNER_IMAGE);
        RunnerSpec runner = new RunnerSpec();
        runner.setImage("mine:2");
        run.getSpec().setRunner(runner);
        assertThat(OperatorSettings.defaults().runnerImage(run)).isEqualTo("mine:2");
        assertThat(new SeedJobDependent()
                        .desiredByEntry(run, new FakeContext(run))
                        .get("warehouse-eu")
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo("mine:2");
    }

    @Test
    void readiness() {
        SitRun run = runWithWarehouse();
        DatabaseSpec db = run.getSpec().getDatabases().get(0);
        StatefulSet sts = PostgresStatefulSetDependent.desired(run, db);
        PostgresStatefulSetDependent stsDependent = new PostgresStatefulSetDependent();
        assertThat(new EntriesReadyCondition<StatefulSet>().isMet(stsDependent, run, new FakeContext(run, sts)))
                .isFalse();
        sts.setStatus(new StatefulSetStatusBuilder().withReadyReplicas(1).build());
        assertThat(new EntriesReadyCondition<StatefulSet>().isMet(stsDependent, run, new FakeContext(run, sts)))
                .isTrue();

        Job seed = SeedJobDependent.desired(run, db, "img", List.of());
        SeedJobDependent seedDependent = new SeedJobDependent();
        assertThat(new EntriesReadyCondition<Job>().isMet(seedDependent, run, new FakeContext(run, seed)))
                .isFalse();
        seed.setStatus(new JobStatusBuilder().withSucceeded(1).build());
        assertThat(new EntriesReadyCondition<Job>().isMet(seedDependent, run, new FakeContext(run, seed)))
                .isTrue();
        assertThat(seedDependent.hasFailed(run, new FakeContext(run, seed), "warehouse-eu"))
                .isFalse();
    }
}
