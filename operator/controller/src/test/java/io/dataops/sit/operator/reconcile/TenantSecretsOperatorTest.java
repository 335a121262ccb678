package io.dataops.sit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ScenarioCounts;
import io.dataops.sit.api.results.ThresholdResult;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.CsvSeed;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.MaskingSpec;
import io.dataops.sit.api.v1alpha1.spec.PostgresSpec;
import io.dataops.sit.api.v1alpha1.spec.SeedStep;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.naming.RunNames;
import io.dataops.sit.operator.secrets.SecretCopies;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tenant Secrets by reference, and no secret in what tenants and admins read: a SitRun whose runner and system
 * env reference a Secret, whose plain env carries a URL with credentials, and whose runner reports that URL in its
 * result, leaves neither marker in the SitRun's status, its Events or the operator's log. The Secret reaches the run
 * only as a copy of the referenced key.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class TenantSecretsOperatorTest extends TenantRunsTest {

    /** Only in the tenant's Secret. */
    static final String SECRET_MARKER = "tok-SECRETMARKER-4711";
    /** In a URL of the spec's plain env and of the runner's result message. */
    static final String URL_MARKER = "pw-URLMARKER-0815";

    final List<String> log = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            if (record.getParameters() != null) {
                for (Object p : record.getParameters()) {
                    message += " " + p;
                }
            }
            if (record.getThrown() != null) {
                message += " " + record.getThrown();
            }
            log.add(message);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    void tenantSecret(String ns) {
        client.secrets()
                .inNamespace(ns)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("orders-api")
                        .endMetadata()
                        .addToData("token", base64(SECRET_MARKER))
                        .addToData("unreferenced", base64("not-for-the-run"))
                        .build())
                .create();
    }

    static EnvVar fromSecret(String variable, String secret, String key) {
        return new EnvVarBuilder()
                .withName(variable)
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName(secret)
                .withKey(key)
                .endSecretKeyRef()
                .endValueFrom()
                .build();
    }

    @Test
    void referencedSecretIsCopiedKeyByKeyAndNoMarkerReachesStatusEventsOrTheOperatorLog() {
        String ns = tenantNamespace("tenant-secrets");
        tenantSecret(ns);
        String callback = "https://bot:" + URL_MARKER + "@hooks.example.com/start?token=" + URL_MARKER;
        apply(ns, "orders", spec -> {
            spec.getRunner()
                    .setEnv(List.of(
                            fromSecret("API_TOKEN", "orders-api", "token"),
                            new EnvVar("CALLBACK_URL", callback, null)));
            SystemSpec api = new SystemSpec();
            api.setName("api");
            api.setImage("registry.example.com/api:1");
            api.setEnv(List.of(fromSecret("API_TOKEN", "orders-api", "token")));
            spec.setSystems(List.of(api));
        });
        ClusterSimulator cluster = new ClusterSimulator(client);
        String runNs = eventually().until(() -> get(ns, "orders").getStatus().getNamespace(), n -> n != null);

        Secret copy = eventually()
                .until(
                        () -> client.secrets()
                                .inNamespace(runNs)
                                .withName("orders-api")
                                .get(),
                        s -> s != null);
        assertThat(copy.getData()).as("only the referenced key").containsOnlyKeys("token");
        assertThat(new String(Base64.getDecoder().decode(copy.getData().get("token")), StandardCharsets.UTF_8))
                .isEqualTo(SECRET_MARKER);
        assertThat(copy.getMetadata().getLabels())
                .containsEntry(Labels.COMPONENT, SecretCopies.COMPONENT)
                .containsEntry(Labels.RUN, "orders");

        eventually()
                .until(() -> client.apps()
                                .deployments()
                                .inNamespace(runNs)
                                .withName("api")
                                .get()
                        != null);
        cluster.markDeploymentAvailable(runNs, "api");
        Job job = eventually()
                .until(
                        () -> client.batch()
                                .v1()
                                .jobs()
                                .inNamespace(runNs)
                                .withName(Constants.RUNNER_JOB_NAME)
                                .get(),
                        j -> j != null);
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .filteredOn(e -> e.getName().equals("API_TOKEN"))
                .singleElement()
                .satisfies(e ->
                        assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("orders-api"));
        assertThat(client.configMaps()
                        .inNamespace(runNs)
                        .withName(RunContract.RUN_CONFIGMAP)
                        .get()
                        .getData()
                        .toString())
                .as("the spec copy names the Secret, never its value")
                .doesNotContain(SECRET_MARKER);

        RunnerResult result = new RunnerResult();
        result.setOutcome(Outcome.FAILED);
        result.setReason("Custom reason " + URL_MARKER);
        result.setMessage(
                "1 scenario failed: starting " + callback + " returned HTTP 500 with API_TOKEN=" + SECRET_MARKER);
        result.setScenarios(new ScenarioCounts(1, 0, 1));
        ThresholdResult threshold = new ThresholdResult(
                "callback " + callback + " answers", BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, false);
        result.setThresholds(List.of(threshold));
        cluster.writeRunnerResult(runNs, ResultCodec.write(result));
        cluster.markJobFailed(runNs, Constants.RUNNER_JOB_NAME, "BackoffLimitExceeded");
        SitRun failed =
                eventually().until(() -> get(ns, "orders"), r -> r.getStatus().getPhase() == Phase.FAILED);

        assertThat(failed.getStatus().getMessage()).contains("https://***@hooks.example.com/start?***");
        assertThat(failed.getStatus().getReason()).isEqualTo("ThresholdsFailed");
        eventually()
                .untilAsserted(() -> assertThat(
                                client.v1().events().inNamespace(ns).list().getItems())
                        .extracting(e -> e.getReason())
                        .contains("Failed"));
        String status = Serialization.asJson(failed.getStatus());
        String events =
                Serialization.asJson(client.v1().events().inNamespace(ns).list().getItems());
        for (String marker : List.of(SECRET_MARKER, URL_MARKER, base64(SECRET_MARKER))) {
            assertThat(status).as("status").doesNotContain(marker);
            assertThat(events).as("events").doesNotContain(marker);
            assertThat(log).as("operator log").noneMatch(line -> line.contains(marker));
        }
        // qualified: java.util.logging's Logger (imported) captures, the operator's own logger writes
        org.jboss.logging.Logger.getLogger(SecretCopies.class).info("capture probe");
        assertThat(log).as("the log capture sees the operator's categories").contains("capture probe");
    }

    @Test
    void missingSecretOrKeyOrReservedNameEndsTheRunBeforeAnythingIsCreated() {
        String ns = tenantNamespace("tenant-secrets");
        tenantSecret(ns);
        apply(ns, "missing", spec -> spec.getRunner().setEnv(List.of(fromSecret("T", "no-such-secret", "token"))));
        apply(ns, "nokey", spec -> spec.getRunner().setEnv(List.of(fromSecret("T", "orders-api", "nope"))));
        apply(
                ns,
                "reserved",
                spec -> spec.getRunner().setEnv(List.of(fromSecret("T", "sit-aws-credentials", "credentials"))));

        for (var expected : List.of(
                List.of("missing", RunReason.SECRET_NOT_FOUND.value(), "no-such-secret"),
                List.of("nokey", RunReason.SECRET_KEY_NOT_FOUND.value(), "nope"),
                // the env fence refuses a reserved name before the Secret is looked up
                List.of("reserved", RunReason.ENV_NOT_ALLOWED.value(), "sit-"))) {
            SitRun run = eventually()
                    .until(
                            () -> get(ns, expected.get(0)),
                            r -> r.getStatus() != null && r.getStatus().getPhase() == Phase.ERROR);
            assertThat(run.getStatus().getReason()).isEqualTo(expected.get(1));
            assertThat(run.getStatus().getMessage()).contains(expected.get(2)).doesNotContain(SECRET_MARKER);
            assertThat(client.namespaces().withName(RunNames.namespace(run)).get())
                    .as("nothing created for %s", expected.get(0))
                    .isNull();
        }
    }

    @Test
    void maskingWithThePublicDefaultKeyIsNeverSilent() {
        String ns = tenantNamespace("tenant-secrets");
        apply(ns, "masked", spec -> {
            DatabaseSpec db = new DatabaseSpec();
            db.setName("warehouse");
            db.setPostgres(new PostgresSpec());
            CsvSeed csv = new CsvSeed();
            csv.setTable("customers");
            csv.setInline("email\na@b.c\n");
            csv.setMask(List.of("email"));
            SeedStep step = new SeedStep();
            step.setCsv(csv);
            db.setSeed(List.of(step));
            spec.setDatabases(List.of(db));
        });
        eventually()
                .untilAsserted(() -> assertThat(
                                client.v1().events().inNamespace(ns).list().getItems())
                        .filteredOn(e -> "MaskingWithDefaultKey".equals(e.getReason()))
                        .singleElement()
                        .satisfies(e -> {
                            assertThat(e.getType()).isEqualTo("Warning");
                            assertThat(e.getMessage()).contains("warehouse", "maskingKeySecretRef");
                        }));
        // and a condition on the SitRun, where kubectl and CI look
        eventually()
                .untilAsserted(() -> assertThat(get(ns, "masked").getStatus().getConditions())
                        .filteredOn(c -> "DefaultMaskingKey".equals(c.getType()))
                        .singleElement()
                        .satisfies(c -> {
                            assertThat(c.getStatus()).isEqualTo("True");
                            assertThat(c.getReason()).isEqualTo("PublicDefaultKey");
                        }));
    }

    @Test
    void aDeclaredPiiColumnNothingMasksEndsTheRunBeforeItsNamespaceExists() {
        String ns = tenantNamespace("tenant-secrets");
        apply(ns, "unmasked", spec -> {
            DatabaseSpec db = new DatabaseSpec();
            db.setName("warehouse");
            db.setPostgres(new PostgresSpec());
            MaskingSpec masking = new MaskingSpec();
            masking.setPii(List.of("customers.email"));
            db.setMasking(masking);
            spec.setDatabases(List.of(db));
        });
        SitRun ended = eventually()
                .until(
                        () -> get(ns, "unmasked"),
                        r -> r.getStatus() != null && r.getStatus().getPhase() == Phase.ERROR);
        assertThat(ended.getStatus().getReason()).isEqualTo("PiiUnmasked");
        assertThat(ended.getStatus().getMessage()).contains("customers.email");
        assertThat(client.namespaces()
                        .withName(ended.getStatus().getNamespace())
                        .get())
                .isNull();
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
