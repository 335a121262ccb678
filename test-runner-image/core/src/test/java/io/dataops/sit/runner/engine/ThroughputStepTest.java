package io.dataops.sit.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ThresholdResult;
import io.dataops.sit.runner.relay.Relay;
import io.dataops.sit.runner.testing.SharedKafka;
import io.dataops.sit.runner.testing.TestEnv;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "the system processes at least N records/s" against a real broker and the relay as the system. */
class ThroughputStepTest {

    @TempDir
    Path features;

    @Test
    void throughputIsMeasuredOverThePairedRecordsAndReportedAsAThreshold() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String in = "tp_in_" + suffix;
        String out = "tp_out_" + suffix;
        String other = "tp_other_" + suffix;
        TestEnv.write(
                features,
                "orders.jsonl",
                IntStream.rangeClosed(1, 300)
                        .mapToObj(i -> "{\"id\": " + i + ", \"amount\": " + (i % 7) + "}")
                        .collect(Collectors.joining("\n")));
        TestEnv.write(features, "throughput.feature", """
                Feature: throughput
                  Scenario: the relay keeps up
                    Given sample data is loaded from: orders.jsonl
                    And published to Kafka topic: %1$s
                    When finished processing within 60 seconds
                    Then the system processes at least 10 records/s from %1$s to %2$s

                  Scenario: a rate no system reaches, measured over the records already on the topic
                    Then the system processes at least 100000000 records/s from %1$s to %2$s

                  Scenario: nothing to pair with
                    Given sample data is:
                      \"\"\"
                      {"id": "x1"}
                      \"\"\"
                    And published to Kafka topic: %3$s
                    Then the system processes at least 1 records/s from %1$s to %3$s
                """.formatted(in, out, other));

        RunnerResult result;
        try (Relay ignored = new Relay(new Relay.Options(
                        SharedKafka.bootstrapServers(), in, out, null, null, Long.MAX_VALUE, "relay-" + suffix))
                .start()) {
            result = new ScenarioEngine(TestEnv.fastSettings(), true).run(TestEnv.kafkaOnly(), features, null);
        }

        assertThat(result.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.getReason()).isEqualTo("ThresholdsFailed");
        assertThat(result.getThresholds()).hasSize(3);
        ThresholdResult kept = result.getThresholds().get(0);
        assertThat(kept.isPassed()).as(kept.getMessage()).isTrue();
        assertThat(kept.getName()).isEqualTo("throughput " + in + " -> " + out + " at least 10 records/s");
        assertThat(kept.getExpected()).isEqualByComparingTo("10");
        // 300 records over at least one millisecond
        assertThat(kept.getActual())
                .isGreaterThanOrEqualTo(BigDecimal.TEN)
                .isLessThanOrEqualTo(new BigDecimal("300000"));
        assertThat(kept.getMessage())
                .startsWith("300 of 300 records from " + in + " arrived on " + out + " within ")
                .endsWith(" ms of the first being published");

        ThresholdResult missed = result.getThresholds().get(1);
        assertThat(missed.isPassed()).isFalse();
        assertThat(missed.getActual()).isNotNull().isLessThan(new BigDecimal("100000000"));
        assertThat(missed.getMessage()).startsWith("300 of 300 records");

        ThresholdResult unpaired = result.getThresholds().get(2);
        assertThat(unpaired.isPassed()).isFalse();
        assertThat(unpaired.getActual()).isNull();
        assertThat(unpaired.getMessage()).startsWith("none of the 300 records on " + in + " could be paired");
        assertThat(result.getScenarioResults().get(1).getMessage())
                .contains("threshold missed: throughput", "expected 100000000");
    }
}
