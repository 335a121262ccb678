package io.dataops.sit.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ScenarioResult;
import io.dataops.sit.runner.evidence.TouchedData;
import io.dataops.sit.runner.steps.DataSteps;
import io.dataops.sit.runner.steps.KafkaSteps;
import io.dataops.sit.runner.steps.RunContext;
import io.dataops.sit.runner.steps.ScenarioWorld;
import io.dataops.sit.runner.steps.StepSettings;
import io.dataops.sit.runner.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each scenario gets its own world; the run-wide context is shared within a run and never across runs. */
class ScenarioIsolationTest {

    @TempDir
    Path features;

    @Test
    void theFactoryMakesOneWorldPerScenarioAndHandsEveryScenarioTheSameRun() {
        RunContext run =
                new RunContext(TestEnv.noBroker(), features, t -> {}, StepSettings.defaults(), new TouchedData());
        ScenarioObjectFactory factory = new ScenarioObjectFactory(run);
        factory.addClass(DataSteps.class);
        factory.addClass(KafkaSteps.class);

        factory.start();
        ScenarioWorld first = factory.getInstance(ScenarioWorld.class);
        assertThat(factory.getInstance(ScenarioWorld.class))
                .as("one world within a scenario")
                .isSameAs(first);
        assertThat(factory.getInstance(DataSteps.class)).isSameAs(factory.getInstance(DataSteps.class));
        assertThat(factory.getInstance(RunContext.class))
                .as("handed in, never constructed")
                .isSameAs(run);
        factory.stop();

        factory.start();
        assertThat(factory.getInstance(ScenarioWorld.class))
                .as("the next scenario's world")
                .isNotSameAs(first);
        assertThat(factory.getInstance(RunContext.class)).isSameAs(run);
        factory.stop();
    }

    @Test
    void dataLoadedInOneScenarioIsNotThereInTheNext() throws Exception {
        TestEnv.write(features, "isolation.feature", """
                Feature: isolation
                  Scenario: loads data
                    Given sample data is:
                      \"\"\"
                      [{"id": "o1"}]
                      \"\"\"

                  Scenario: publishes without loading
                    Given published to Kafka topic: orders
                """);
        RunnerResult result = new ScenarioEngine(TestEnv.fastSettings(), false).run(TestEnv.noBroker(), features, null);

        assertThat(result.getScenarioResults())
                .extracting(ScenarioResult::getName, ScenarioResult::getStatus)
                .containsExactly(tuple("loads data", "passed"), tuple("publishes without loading", "error"));
        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("BadInput");
        assertThat(result.getMessage()).contains("nothing to publish to orders");
    }

    /**
     * Two runs at once in one JVM, each with its own features, topic and record count: every threshold lands in
     * its own run's result, counted on its own topic. Both runs wait for each other before their first scenario,
     * so they really run at the same time (they used to take turns: the steps found the run through a static).
     */
    @Test
    void runsAtTheSameTimeKeepTheirOwnWorldsAndThresholds() throws Exception {
        int runs = 2;
        List<Path> folders = IntStream.range(0, runs)
                .mapToObj(i -> features.resolve("run" + i))
                .toList();
        List<String> topics = IntStream.range(0, runs)
                .mapToObj(i ->
                        "isolated_" + i + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toList();
        for (int i = 0; i < runs; i++) {
            int records = i + 2;
            Files.createDirectories(folders.get(i));
            TestEnv.write(
                    folders.get(i),
                    "data.json",
                    IntStream.range(0, records)
                            .mapToObj(r -> "{\"id\": \"r" + r + "\"}")
                            .collect(Collectors.joining(", ", "[", "]")));
            TestEnv.write(folders.get(i), "count.feature", """
                    Feature: run %1$d
                      Scenario: run %1$d counts its own records
                        Given sample data is loaded from: data.json
                        And published to Kafka topic: %2$s
                        When result consumed from Kafka topic on checkpoint: %2$s
                        Then the result contains %3$d records with tolerance of +/- 0
                    """.formatted(i, topics.get(i), records));
        }

        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch bothBeforeFirstScenario = new CountDownLatch(runs);
        List<Boolean> metTheOtherRun = new CopyOnWriteArrayList<>();
        RunProgressListener waitForTheOtherRun = progress -> {
            if (progress.getFinished() == 0) {
                bothBeforeFirstScenario.countDown();
                metTheOtherRun.add(awaitQuietly(bothBeforeFirstScenario, 60));
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        try {
            List<CompletableFuture<RunnerResult>> running = folders.stream()
                    .map(folder -> CompletableFuture.supplyAsync(
                            () -> {
                                awaitQuietly(start, 60);
                                return new ScenarioEngine(TestEnv.fastSettings(), false)
                                        .withProgress(waitForTheOtherRun)
                                        .run(TestEnv.kafkaOnly(), folder, null);
                            },
                            pool))
                    .toList();
            start.countDown();
            List<RunnerResult> results = running.stream()
                    .map(f -> f.orTimeout(180, TimeUnit.SECONDS).join())
                    .toList();

            for (int i = 0; i < runs; i++) {
                RunnerResult result = results.get(i);
                String scenario = "run " + i + " counts its own records";
                String topic = topics.get(i);
                int records = i + 2;
                assertThat(result.getOutcome()).as(result.getMessage()).isEqualTo(Outcome.PASSED);
                assertThat(result.getThresholds()).singleElement().satisfies(t -> {
                    assertThat(t.getScenario()).isEqualTo(scenario);
                    assertThat(t.getName()).startsWith(topic);
                    assertThat(t.getActual()).isEqualByComparingTo(String.valueOf(records));
                });
            }
            assertThat(metTheOtherRun)
                    .as("each run was inside its scenarios while the other was")
                    .containsExactly(true, true);
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean awaitQuietly(CountDownLatch latch, long seconds) {
        try {
            return latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
