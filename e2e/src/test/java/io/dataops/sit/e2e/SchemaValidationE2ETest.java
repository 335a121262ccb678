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
        assertThat(spec)
                .contains("brokers", "databases", "runner", "ttlSecondsAfterFinished", "keepOnFailure")
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
            sql and csv together | databases: [ { name: db, postgres: {}, seed: [ { sql: { inline: 'select 1' }, csv: { inline: 'a,b', table: t } } ] } ] | exactly one of sql, csv or generate
            builtin replicas     | brokers: [ { name: events, kafka: { provider: builtin, replicas: 3 } } ]                | replicas must be 1
            bad consistency policy | imageConsistency: { policy: Maybe }                                                    | spec.imageConsistency.policy
            covered system without revision | imageConsistency: { policy: Fail } NEWLINE systems: [ { name: core, image: example/core:1 } ] | needs a revision
            unknown covered system | imageConsistency: { policy: Warn, systems: [ lib ] } NEWLINE systems: [ { name: core, image: example/core:1 } ] | names a system that spec.systems does not have
            revision with a space  | systems: [ { name: core, image: example/core:1, revision: "3.1 final" } ]              | spec.systems[0].revision
            kafka and external   | brokers: [ { name: events, kafka: {}, external: { bootstrapServers: 'k.example.com:9092' } } ] | give exactly one
            neither broker kind  | brokers: [ { name: events } ]                                                            | give exactly one
            bad bootstrap        | brokers: [ { name: events, external: { bootstrapServers: 'http://k.example.com' } } ]   | spec.brokers[0].external.bootstrapServers
            not a postgres url   | databases: [ { name: db, external: { jdbcUrl: 'jdbc:mysql://db.example.com/orders', credentialsSecretRef: { name: db } } } ] | spec.databases[0].external.jdbcUrl
            external snapshot    | databases: [ { name: db, snapshot: true, external: { jdbcUrl: 'jdbc:postgresql://db.example.com/orders', credentialsSecretRef: { name: db } } } ] | an external database cannot have one
            seed external        | databases: [ { name: db, external: { jdbcUrl: 'jdbc:postgresql://db.example.com/orders', credentialsSecretRef: { name: db } }, seed: [ { sql: { inline: 'select 1' } } ] } ] | set external.allowSeed: true
            """)
    void invalidSitRunsAreRejectedNamingTheField(String title, String badSpec, String expectedInMessage) {
        String yaml = sitRun("invalid", badSpec.replace(" NEWLINE ", "\n") + "\n" + RUNNER);
        Command.Result result = kubectl.runWithInput(yaml, "apply", "-n", NS, "-f", "-");
        assertThat(result.exitCode()).as(title + " must be rejected").isNotZero();
        assertThat(result.stderr()).contains(expectedInMessage);
    }

    static final String FEATURES = "features: { configMapRef: { name: features } }";

    /** Issue 8: what a tenant may not put into a SitRun, refused by the API server's CEL rules, naming why. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            java agent in runner env      | runner: { FEATURES, env: [ { name: JAVA_TOOL_OPTIONS, value: "-javaagent:/sit/configmaps/f/a.jar" } ] } | runner.env may not set
            loader preload in runner env  | runner: { FEATURES, env: [ { name: LD_PRELOAD, value: /tmp/x.so } ] }                  | runner.env may not set
            api server in runner env      | runner: { FEATURES, env: [ { name: KUBERNETES_SERVICE_HOST, value: evil.example } ] }   | runner.env may not set
            aws keys in runner env        | runner: { FEATURES, env: [ { name: AWS_ACCESS_KEY_ID, value: x } ] }                    | runner.env may not set
            contract var in runner env    | runner: { FEATURES, env: [ { name: SIT_RUN_NAMESPACE, value: kube-system } ] }          | runner.env may not set
            value and valueFrom           | runner: { FEATURES } NEWLINE systems: [ { name: app, image: example/app:1, env: [ { name: K, value: v, valueFrom: { fieldRef: { fieldPath: metadata.name } } } ] } ] | a value or a valueFrom, not both
            empty env name                | runner: { FEATURES, env: [ { name: "", value: x } ] }                                   | env names may not be empty
            runner reads aws secret       | runner: { FEATURES, env: [ { name: K, valueFrom: { secretKeyRef: { name: sit-aws-credentials, key: credentials } } } ] } | valueFrom may not reference
            system reads aws secret       | runner: { FEATURES } NEWLINE systems: [ { name: app, image: example/app:1, env: [ { name: K, valueFrom: { secretKeyRef: { name: sit-aws-credentials, key: credentials } } } ] } ] | valueFrom may not reference
            reserved features configmap   | runner: { features: { configMapRef: { name: sit-run } } }                               | reserved for the operator
            cluster ca bundle configmap   | runner: { features: { configMapRef: { name: kube-root-ca.crt } } }                     | reserved for the operator
            reserved seed configmap       | runner: { FEATURES } NEWLINE databases: [ { name: db, postgres: {}, seed: [ { csv: { table: t, configMapRef: { name: sit-results, key: a.csv } } } ] } ] | reserved for the operator
            key climbing out              | runner: { FEATURES } NEWLINE databases: [ { name: db, postgres: {}, seed: [ { sql: { configMapRef: { name: fixtures, key: ".." } } } ] } ] | not '.' or '..'
            empty runner image            | runner: { FEATURES, image: "" }                                                         | spec.runner.image
            image with a space            | runner: { FEATURES } NEWLINE systems: [ { name: app, image: "example/app:1 --privileged" } ]  | spec.systems[0].image
            empty tag expression          | runner: { FEATURES, tags: "" }                                                          | spec.runner.tags
            overflowing timeout           | runner: { FEATURES } NEWLINE timeout: 99999999999999999999h                                   | spec.timeout
            timeout beyond ten years      | runner: { FEATURES } NEWLINE timeout: 999999999h                                        | durations are at most 87840h
            phase limit beyond ten years  | runner: { FEATURES } NEWLINE phaseTimeouts: { seeding: 87841h }                         | durations are at most 87840h
            empty gate query              | runner: { FEATURES } NEWLINE databases: [ { name: db, postgres: {}, checks: [ { sql: "" } ] } ] | spec.databases[0].checks[0].sql
            user glue in runner package   | runner: { FEATURES, steps: [ { glue: io.dataops.sit.runner.steps, jar: { configMapRef: { name: acme, key: steps.jar } } } ] } | those hold the built-in steps
            user glue above runner        | runner: { FEATURES, steps: [ { glue: io.dataops, jar: { configMapRef: { name: acme, key: steps.jar } } } ] } | those hold the built-in steps
            user glue not a package       | runner: { FEATURES, steps: [ { glue: "com.acme-corp", jar: { configMapRef: { name: acme, key: steps.jar } } } ] } | spec.runner.steps[0].glue
            user glue twice               | runner: { FEATURES, steps: [ { glue: com.acme, jar: { configMapRef: { name: a, key: s.jar } } }, { glue: com.acme, jar: { configMapRef: { name: b, key: s.jar } } } ] } | each glue package may be named once
            reserved steps configmap      | runner: { FEATURES, steps: [ { glue: com.acme, jar: { configMapRef: { name: sit-run, key: run.yaml } } } ] } | reserved for the operator
            """)
    void tenantInputThatCouldTakeOverTheRunIsRejected(String title, String spec, String expectedInMessage) {
        String yaml = sitRun("fenced", spec.replace("FEATURES", FEATURES).replace(" NEWLINE ", "\n"));
        Command.Result result = kubectl.runWithInput(yaml, "apply", "--dry-run=server", "-n", NS, "-f", "-");
        assertThat(result.exitCode()).as(title + " must be rejected").isNotZero();
        assertThat(result.stderr()).contains(expectedInMessage);
    }

    @Test
    void theFenceLeavesOrdinaryEnvAndReferencesAlone() {
        String yaml = sitRun("ordinary", """
                runner:
                  features: { configMapRef: { name: features } }
                  image: ghcr.io/dataops-sit/sit-runner:0.1.0@sha256:0000000000000000000000000000000000000000000000000000000000000000
                  env:
                    - { name: SIT_QUIET_PERIOD_MS, value: '500' }
                    - { name: POD, valueFrom: { fieldRef: { fieldPath: metadata.name } } }
                    - { name: SEED_DB_PASSWORD, valueFrom: { secretKeyRef: { name: db-postgres, key: password } } }
                  steps:
                    - { glue: com.acme.sit.steps, jar: { configMapRef: { name: acme-steps, key: steps.jar } }, local: { jar: target/acme-steps.jar } }
                    - { glue: io.dataops.sitx.steps, jar: { configMapRef: { name: acme-steps, key: more.jar } } }
                timeout: 1h30m
                imageConsistency: { policy: Fail, systems: [ app ] }
                systems:
                  - name: app
                    image: example/app:1
                    revision: 9f2c1e7
                    env: [ { name: JAVA_TOOL_OPTIONS, value: '-Xmx256m' }, { name: KAFKA_BOOTSTRAP_SERVERS, value: x:9092 } ]
                  - name: mock
                    image: example/mock:1
                """);
        Command.Result result = kubectl.runWithInput(yaml, "apply", "--dry-run=server", "-n", NS, "-f", "-");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
    }

    @Test
    void aSitRunWithoutSpecIsRejected() {
        String yaml = """
                apiVersion: sit.dataops.io/v1alpha1
                kind: SitRun
                metadata:
                  name: no-spec
                """;
        Command.Result result = kubectl.runWithInput(yaml, "apply", "--dry-run=server", "-n", NS, "-f", "-");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("spec is required");
    }

    @Test
    void missingRunnerIsRejected() {
        Command.Result result = kubectl.runWithInput(sitRun("no-runner", "brokers: []"), "apply", "-n", NS, "-f", "-");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("spec.runner").contains("Required value");
    }
}
