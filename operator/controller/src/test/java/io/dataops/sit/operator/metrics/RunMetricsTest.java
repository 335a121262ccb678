package io.dataops.sit.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.phase.RunReasons;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The reason tag of sit_runs_total is a closed set: a runner cannot add tag values (cardinality). */
class RunMetricsTest {

    @Test
    void unknownRunnerReasonsAreCountedAsOther() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RunMetrics metrics = new RunMetrics(registry);
        for (int i = 0; i < 100; i++) {
            metrics.runEnded(Phase.FAILED, "Invented" + i);
        }
        metrics.runEnded(Phase.SUCCEEDED, "AllPassed");
        metrics.runEnded(Phase.ERROR, "AwsRoleNotAllowed");
        metrics.runEnded(Phase.ERROR, null);

        assertThat(registry.find("sit.runs").counters())
                .extracting(c -> c.getId().getTag("reason"))
                .containsExactlyInAnyOrder("Other", "AllPassed", "AwsRoleNotAllowed", "Other");
        assertThat(registry.find("sit.runs")
                        .tag("reason", "Other")
                        .tag("outcome", "Failed")
                        .counter()
                        .count())
                .isEqualTo(100);
    }

    @Test
    void endedRunsAreCountedWithTheirCause() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RunMetrics metrics = new RunMetrics(registry);
        metrics.runEnded(Phase.SUCCEEDED, "AllPassed");
        metrics.runEnded(Phase.ERROR, "GateFailed");
        metrics.runEnded(Phase.ERROR, "Timeout");
        metrics.runEnded(Phase.FAILED, "Timeout");
        metrics.runEnded(Phase.CANCELLED, "Superseded");

        assertThat(registry.find("sit.runs").counters())
                .extracting(c -> c.getId().getTag("outcome") + "/" + c.getId().getTag("reason") + "/"
                        + c.getId().getTag("cause"))
                .containsExactlyInAnyOrder(
                        "Succeeded/AllPassed/none",
                        "Error/GateFailed/data",
                        "Error/Timeout/infrastructure",
                        "Failed/Timeout/test",
                        "Cancelled/Superseded/cancelled");
    }

    @Test
    void timesAreMeasuredFromTheSitRunsCreation() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RunMetrics metrics = new RunMetrics(registry);
        SitRun run = new SitRun();
        run.setMetadata(new ObjectMetaBuilder()
                .withName("r")
                .withCreationTimestamp("2026-12-01T12:00:00Z")
                .build());
        Instant created = Instant.parse("2026-12-01T12:00:00Z");

        metrics.phaseEntered(run, Phase.PROVISIONING, created.plusSeconds(10));
        assertThat(registry.get("sit.time.to.ready").timer().count())
                .as("only Testing is ready")
                .isZero();
        metrics.phaseEntered(run, Phase.TESTING, created.plusSeconds(90));
        metrics.runEnded(run, Phase.SUCCEEDED, "AllPassed", created.plusSeconds(300));
        metrics.runDequeued(Duration.ofSeconds(42));
        metrics.cleanupFailed();

        assertThat(registry.get("sit.time.to.ready").timer().totalTime(TimeUnit.SECONDS))
                .isEqualTo(90);
        assertThat(registry.get("sit.time.to.result").timer().totalTime(TimeUnit.SECONDS))
                .isEqualTo(300);
        assertThat(registry.get("sit.queue.wait").timer().totalTime(TimeUnit.SECONDS))
                .isEqualTo(42);
        assertThat(registry.get("sit.cleanup.failures").counter().count()).isEqualTo(1);
        assertThat(registry.get("sit.runs").tag("cause", "none").counter().count())
                .isEqualTo(1);
    }

    @Test
    void statusKeepsOnlyReasonShapedRunnerReasons() {
        assertThat(RunReasons.forStatus("ScenarioFailed", "RunnerError")).isEqualTo("ScenarioFailed");
        assertThat(RunReasons.forStatus("MyOwnReason", "RunnerError")).isEqualTo("MyOwnReason");
        assertThat(RunReasons.forStatus("has spaces", "RunnerError")).isEqualTo("RunnerError");
        assertThat(RunReasons.forStatus("A".repeat(65), "RunnerError")).isEqualTo("RunnerError");
        assertThat(RunReasons.forStatus(null, "RunnerError")).isEqualTo("RunnerError");
    }

    /** Every reason of the API's vocabulary is its own tag value: none is counted as Other. */
    @Test
    void everyReasonOfTheVocabularyIsItsOwnTag() {
        assertThat(RunReason.values())
                .allSatisfy(reason -> assertThat(RunReasons.forMetric(reason.value()))
                        .as(reason.value())
                        .isEqualTo(reason.value()));
    }
}
