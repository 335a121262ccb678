package io.dataops.sit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.e2e.support.Command;
import io.dataops.sit.e2e.support.E2EEnvironment;
import io.dataops.sit.e2e.support.E2EExtension;
import io.dataops.sit.e2e.support.Kubectl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CRD as users meet it through kubectl: explain, short names, and the API server rejecting bad input. */
@ExtendWith(E2EExtension.class)
class SchemaValidationE2ETest {

    static final String NS = "e2e-schema";
    static Kubectl kubectl;

    @BeforeAll
    static void setUp(E2EEnvironment env) {
        kubectl = env.kubectl();
        if (!kubectl.run("get", "namespace", NS).ok()) {
            kubectl.ok("create", "namespace", NS);
        }
    }

    @Test
    void explainShowsFieldDescriptions() {
        String spec = kubectl.ok("explain", "sitrun.spec");
        assertThat(spec).contains("brokers", "databases", "runner", "ttlSecondsAfterFinished", "keepOnFailure")
                .contains("Kafka brokers (and their topics)");
        String provider = kubectl.ok("explain", "sitrun.spec.brokers.kafka.provider");
        assertThat(provider).contains("strimzi").contains("builtin");
    }

    @Test
    void shortNamesWork() {
        assertThat(kubectl.run("get", "sit", "-n", NS).exitCode()).isZero();
        assertThat(kubectl.run("get", "sitrun", "-n", NS).exitCode()).isZero();
    }

    static String sitRun(String name, String spec) {
        return """
                apiVersion: sit.dataops.io/v1alpha1
                kind: SitRun
                metadata:
                  name: %s
                spec:
                %s
                """.formatted(name, spec.indent(2));
    }

    static final String RUNNER = "runner: { features: { configMapRef: { name: features } } }";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad broker name      | brokers: [ { name: Events_1, kafka: { topics: [] } } ]                                   | spec.brokers[0].name
            bad provider enum    | brokers: [ { name: events, kafka: { provider: kubernetes } } ]                          | spec.brokers[0].kafka.provider
            negative ttl         | ttlSecondsAfterFinished: -5                                                              | spec.ttlSecondsAfterFinished
            zero partitions      | brokers: [ { name: events, kafka: { topics: [ { name: t1, partitions: 0 } ] } } ]       | spec.brokers[0].kafka.topics[0].partitions
            bad timeout          | timeout: soon                                                                            | spec.timeout
            duplicate brokers    | brokers: [ { name: events, kafka: {} }, { name: events, kafka: {} } ]                   | broker names must be unique
            sql and csv together | databases: [ { name: db, postgres: {}, seed: [ { sql: { inline: 'select 1' }, csv: { inline: 'a,b', table: t } } ] } ] | exactly one of sql or csv
            builtin replicas     | brokers: [ { name: events, kafka: { provider: builtin, replicas: 3 } } ]                | replicas must be 1
            """)
    void invalidSitRunsAreRejectedNamingTheField(String title, String badSpec, String expectedInMessage) {
        String yaml = sitRun("invalid", badSpec + "\n" + RUNNER);
        Command.Result result = kubectl.runWithInput(yaml, "apply", "-n", NS, "-f", "-");
        assertThat(result.exitCode()).as(title + " must be rejected").isNotZero();
        assertThat(result.stderr()).contains(expectedInMessage);
    }

    @Test
    void missingRunnerIsRejected() {
        Command.Result result = kubectl.runWithInput(sitRun("no-runner", "brokers: []"), "apply", "-n", NS, "-f", "-");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("spec.runner").contains("Required value");
    }
}
