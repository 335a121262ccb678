package io.dataops.sit.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.runner.testing.StepJars;
import io.dataops.sit.runner.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team's own steps (spec.runner.steps) from a jar compiled at test time: they run next to the built-in steps
 * against the real broker, their assertions fail scenarios, the dry run still refuses unknown steps before any step
 * runs, and a jar that would shadow or repeat the built-in steps is refused.
 */
class UserStepsTest {

    static final String ACME_WORLD = """
            package com.acme.sit.steps;

            import java.util.ArrayList;
            import java.util.List;

            /** The team's own scenario state: one per scenario, shared by its step classes. */
            public class AcmeWorld {
                public final List<String> sent = new ArrayList<>();
            }
            """;

    static final String ACME_STEPS = """
            package com.acme.sit.steps;

            import io.cucumber.java.en.Given;
            import io.dataops.sit.runner.steps.RunContext;
            import io.dataops.sit.runner.steps.ScenarioWorld;
            import java.nio.file.Files;
            import java.util.Properties;
            import org.apache.kafka.clients.producer.KafkaProducer;
            import org.apache.kafka.clients.producer.ProducerRecord;

            public class AcmeSteps {
                private final AcmeWorld acme;
                private final ScenarioWorld world;
                private final RunContext run;

                public AcmeSteps(AcmeWorld acme, ScenarioWorld world, RunContext run) {
                    this.acme = acme;
                    this.world = world;
                    this.run = run;
                }

                @Given("^acme order (\\\\S+) is sent to topic (\\\\S+)$")
                public void send(String id, String topic) throws Exception {
                    Properties config = new Properties();
                    config.put("bootstrap.servers", run.env().bootstrapServers(null));
                    config.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
                    // Kafka loads a class named in its config through the thread's context class loader.
                    config.put("value.serializer", "com.acme.sit.steps.OrderSerializer");
                    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
                        producer.send(new ProducerRecord<>(topic, id, id)).get();
                    }
                    acme.sent.add(id);
                }

                @Given("^acme marks the file (\\\\S+)$")
                public void mark(String name) throws Exception {
                    Files.writeString(run.featuresDir().resolve(name), world.scenarioName());
                }
            }
            """;

    static final String ACME_CHECKS = """
            package com.acme.sit.steps;

            import io.cucumber.java.en.Then;

            public class AcmeChecks {
                private final AcmeWorld acme;

                public AcmeChecks(AcmeWorld acme) {
                    this.acme = acme;
                }

                @Then("^acme has sent (\\\\d+) orders?$")
                public void sent(int expected) {
                    if (acme.sent.size() != expected) {
                        throw new AssertionError("acme sent " + acme.sent.size() + " orders, expected " + expected);
                    }
                }
            }
            """;

    static final String ORDER_SERIALIZER = """
            package com.acme.sit.steps;

            import java.nio.charset.StandardCharsets;
            import org.apache.kafka.common.serialization.Serializer;

            public class OrderSerializer implements Serializer<String> {
                @Override
                public byte[] serialize(String topic, String id) {
                    return ("{\\"id\\": \\"" + id + "\\", \\"source\\": \\"acme\\"}").getBytes(StandardCharsets.UTF_8);
                }
            }
            """;

    /** Repeats the built-in publish step's text. */
    static final String DUPLICATE_STEPS = """
            package com.acme.dup;

            import io.cucumber.java.en.Given;

            public class DupSteps {
                @Given("^published to Kafka topic: (\\\\S+)$")
                public void publishMyWay(String topic) {}
            }
            """;

    /** A class in a package of Cucumber's, which the runner has on its class path. */
    static final String FOREIGN_PACKAGE = """
            package io.cucumber.java.en;

            public class AcmeStepsHere {}
            """;

    @TempDir
    static Path jars;

    static Path acmeJar;
    static Path duplicateJar;
    static Path foreignJar;

    @TempDir
    Path features;

    @BeforeAll
    static void buildJars() throws Exception {
        acmeJar = StepJars.build(
                jars,
                "acme-steps.jar",
                Map.of(
                        "com.acme.sit.steps.AcmeWorld", ACME_WORLD,
                        "com.acme.sit.steps.AcmeSteps", ACME_STEPS,
                        "com.acme.sit.steps.AcmeChecks", ACME_CHECKS,
                        "com.acme.sit.steps.OrderSerializer", ORDER_SERIALIZER));
        duplicateJar = StepJars.build(jars, "dup-steps.jar", Map.of("com.acme.dup.DupSteps", DUPLICATE_STEPS));
        foreignJar =
                StepJars.build(jars, "foreign-steps.jar", Map.of("io.cucumber.java.en.AcmeStepsHere", FOREIGN_PACKAGE));
    }

    static ScenarioEngine engine(UserSteps... steps) {
        return new ScenarioEngine(TestEnv.fastSettings(), false).withUserSteps(List.of(steps));
    }

    static UserSteps acme() {
        return new UserSteps("com.acme.sit.steps", acmeJar, "ConfigMap acme-steps key steps.jar");
    }

    @Test
    void userStepsRunNextToTheBuiltInOnesAgainstTheBroker() throws Exception {
        String topic = "acme_orders_" + UUID.randomUUID().toString().substring(0, 8);
        TestEnv.write(features, "acme.feature", """
                Feature: acme
                  Scenario: acme orders reach the topic
                    Given acme order o1 is sent to topic %1$s
                    And acme order o2 is sent to topic %1$s
                    Then acme has sent 2 orders
                    And result consumed from Kafka topic on checkpoint: %1$s
                    And the result contains 2 records with tolerance of +/- 0
                """.formatted(topic));

        RunnerResult result = engine(acme()).run(TestEnv.kafkaOnly(), features, null);

        assertThat(result.getOutcome()).as(result.getMessage()).isEqualTo(Outcome.PASSED);
        assertThat(result.getThresholds())
                .singleElement()
                .satisfies(t -> assertThat(t.getActual()).isEqualByComparingTo("2"));
    }

    @Test
    void aUserStepsFailedAssertionFailsTheScenario() throws Exception {
        String topic = "acme_orders_" + UUID.randomUUID().toString().substring(0, 8);
        TestEnv.write(features, "acme.feature", """
                Feature: acme
                  Scenario: one order too few
                    Given acme order o1 is sent to topic %s
                    Then acme has sent 2 orders
                """.formatted(topic));

        RunnerResult result = engine(acme()).run(TestEnv.kafkaOnly(), features, null);

        assertThat(result.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.getReason()).isEqualTo(RunReason.SCENARIO_FAILED.value());
        assertThat(result.getMessage()).contains("acme.feature:4").contains("acme sent 1 orders, expected 2");
    }

    @Test
    void anUnknownStepEndsTheDryRunBeforeAnyStepRuns() throws Exception {
        TestEnv.write(features, "marks.feature", """
                Feature: marks
                  Scenario: marks first
                    Given acme marks the file marker.txt
                """);
        assertThat(engine(acme()).run(TestEnv.noBroker(), features, null).getOutcome())
                .isEqualTo(Outcome.PASSED);
        assertThat(features.resolve("marker.txt")).hasContent("marks first");
        Files.delete(features.resolve("marker.txt"));

        TestEnv.write(features, "marks.feature", """
                Feature: marks
                  Scenario: marks first, then a typo
                    Given acme marks the file marker.txt
                    And acme ordr o1 is sent to topic orders
                """);
        RunnerResult result = engine(acme()).run(TestEnv.noBroker(), features, null);

        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("UnknownStep");
        assertThat(result.getMessage())
                .contains("marks.feature:4")
                .contains("acme ordr o1 is sent to topic orders")
                .contains("did you mean \"acme order <value> is sent to topic <value>\"");
        assertThat(features.resolve("marker.txt")).doesNotExist();
        // The check local mode runs before it starts anything knows the user steps too.
        assertThat(engine(acme()).check(features, null))
                .hasValueSatisfying(r -> assertThat(r.getMessage()).contains("marks.feature:4"));
        assertThat(engine().check(features, null))
                .hasValueSatisfying(r -> assertThat(r.getMessage()).contains("marks.feature:3"));
    }

    @Test
    void aUserStepRepeatingABuiltInStepIsRefusedNamingBoth() throws Exception {
        TestEnv.write(features, "dup.feature", """
                Feature: dup
                  Scenario: publish
                    Given sample data is loaded from: data.json
                    And published to Kafka topic: orders
                """);

        RunnerResult result = engine(new UserSteps("com.acme.dup", duplicateJar, "ConfigMap dup key steps.jar"))
                .run(TestEnv.noBroker(), features, null);

        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo(RunReason.USER_STEPS_INVALID.value());
        assertThat(result.getMessage())
                .contains("com.acme.dup.DupSteps.publishMyWay")
                .contains("io.dataops.sit.runner.steps.KafkaSteps")
                .contains("may not repeat a built-in step");
        assertThat(result.getScenarioResults()).isEmpty();
    }

    @Test
    void glueInOrAboveTheRunnersPackagesIsRefused() throws Exception {
        TestEnv.write(features, "marks.feature", """
                Feature: marks
                  Scenario: marks
                    Given acme marks the file marker.txt
                """);
        for (String glue : List.of("io.dataops.sit.runner", "io.dataops.sit.runner.steps.extra", "io.dataops")) {
            RunnerResult result = engine(new UserSteps(glue, acmeJar, "ConfigMap acme-steps key steps.jar"), acme())
                    .run(TestEnv.noBroker(), features, null);
            assertThat(result.getOutcome()).as(glue).isEqualTo(Outcome.ERROR);
            assertThat(result.getReason()).as(glue).isEqualTo(RunReason.USER_STEPS_INVALID.value());
            assertThat(result.getMessage()).contains("glue package " + glue).contains("built-in steps");
        }
        assertThat(features.resolve("marker.txt")).doesNotExist();
    }

    @Test
    void aMissingJarAnotherFileOrAWrongPackageIsNamed() throws Exception {
        TestEnv.write(features, "marks.feature", """
                Feature: marks
                  Scenario: marks
                    Given acme marks the file marker.txt
                """);
        Path text = TestEnv.write(jars, "notes.txt", "not a jar");
        Path noFolders = jars.resolve("no-folders.jar");
        try (JarFile from = new JarFile(acmeJar.toFile());
                JarOutputStream to = new JarOutputStream(Files.newOutputStream(noFolders))) {
            for (JarEntry entry : from.stream().filter(e -> !e.isDirectory()).toList()) {
                to.putNextEntry(new JarEntry(entry.getName()));
                from.getInputStream(entry).transferTo(to);
                to.closeEntry();
            }
        }
        Map<UserSteps, String> expected = Map.of(
                new UserSteps("com.acme.sit.steps", jars.resolve("absent.jar"), "ConfigMap acme-steps key absent.jar"),
                "ConfigMap acme-steps key absent.jar not found (looked for " + jars.resolve("absent.jar"),
                new UserSteps("com.acme.sit.steps", text, "ConfigMap acme-steps key notes.txt"),
                "ConfigMap acme-steps key notes.txt is not a jar",
                new UserSteps("com.acme.steps", acmeJar, "ConfigMap acme-steps key steps.jar"),
                "ConfigMap acme-steps key steps.jar holds no class in glue package com.acme.steps (its packages: "
                        + "[com.acme.sit.steps])",
                new UserSteps("org.apache.kafka.clients", acmeJar, "ConfigMap acme-steps key steps.jar"),
                "holds no class in glue package org.apache.kafka.clients",
                new UserSteps("com.acme.sit.steps", noFolders, "ConfigMap acme-steps key zipped.jar"),
                "ConfigMap acme-steps key zipped.jar has no folder entry com/acme/sit/steps/",
                new UserSteps("io.cucumber.java.en", foreignJar, "ConfigMap foreign key steps.jar"),
                "glue package io.cucumber.java.en of ConfigMap foreign key steps.jar is also a package of the "
                        + "runner's own class path");
        expected.forEach((steps, message) -> {
            RunnerResult result = engine(steps).run(TestEnv.noBroker(), features, null);
            assertThat(result.getReason()).as(message).isEqualTo(RunReason.USER_STEPS_INVALID.value());
            assertThat(result.getMessage()).contains(message);
        });
        assertThat(features.resolve("marker.txt")).doesNotExist();
    }
}
