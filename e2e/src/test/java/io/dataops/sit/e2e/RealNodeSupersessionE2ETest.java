package io.dataops.sit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataops.sit.api.Labels;
import io.dataops.sit.api.evidence.Artifacts;
import io.dataops.sit.e2e.support.Examples;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A new push to a pull request while its previous run is mid-Seeding, in real pods: the older run of the group is
 * cancelled (Superseded) while its seed Job really runs, that Job is stopped, its report and evidence are kept, and
 * the newer run builds its own environment and passes. On KWOK nodes a seed Job completes the moment it starts, so
 * no run is ever observed in Seeding there; here a seed step that sleeps in PostgreSQL holds the older run in it.
 */
@Order(Integer.MAX_VALUE - 5)
class RealNodeSupersessionE2ETest extends RealNodeTests {

    static final String NS = "e2e-supersession";
    static final String GROUP = "orders-pr-42";
    static final Duration RUN = Duration.ofMinutes(10);

    @BeforeAll
    static void tenant() {
        sitRuns.createNamespace(NS);
        client.configMaps()
                .inNamespace(NS)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("slow-seed")
                        .endMetadata()
                        .addToData("sleep.sql", "SELECT pg_sleep(120);\n")
                        .build())
                .createOr(r -> r.update());
    }

    @Test
    void aNewPushSupersedesTheRunStillSeeding() {
        String older = "pr-42-a";
        String newer = "pr-42-b";
        sitRuns.applyFresh(NS, older, Examples.variant("orders-sitrun.yaml", older, spec -> {
            spec.putObject("concurrency").put("group", GROUP).put("policy", "CancelRunning");
            ((ObjectNode) spec.withArray("databases").get(0))
                    .withArray("seed")
                    .addObject()
                    .putObject("sql")
                    .putObject("configMapRef")
                    .put("name", "slow-seed")
                    .put("key", "sleep.sql");
        }));
        await(older + " in Seeding").until(() -> "Seeding".equals(sitRuns.phase(NS, older)));
        String olderNs = sitRuns.runNamespace(NS, older);
        assertThat(activeSeedJobs(olderNs))
                .as("the older run's seed Job is running")
                .isOne();

        sitRuns.applyFresh(
                NS,
                newer,
                Examples.variant(
                        "orders-sitrun.yaml",
                        newer,
                        spec -> spec.putObject("concurrency")
                                .put("group", GROUP)
                                .put("policy", "CancelRunning")));

        await(older + " cancelled").until(() -> "Cancelled".equals(sitRuns.phase(NS, older)));
        assertThat(sitRuns.field(NS, older, ".status.reason")).isEqualTo("Superseded");
        assertThat(sitRuns.field(NS, older, ".status.message")).contains(newer);
        await("the older run's seed Job stopped").until(() -> activeSeedJobs(olderNs) == 0);
        assertThat(sitRuns.field(NS, older, ".status.report.configMap")).isEqualTo(Artifacts.reportConfigMap(older));
        assertThat(sitRuns.field(NS, older, ".status.evidence.configMap"))
                .isEqualTo(Artifacts.evidenceConfigMap(older));

        Awaitility.await(newer + " ended")
                .atMost(RUN)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> ENDED.contains(sitRuns.phase(NS, newer)));
        assertThat(sitRuns.phase(NS, newer)).as(sitRuns.describe(NS, newer)).isEqualTo("Succeeded");
        assertThat(sitRuns.runNamespace(NS, newer)).isNotEqualTo(olderNs);
        kubectl.ok("delete", "sitruns", "--all", "-n", NS, "--timeout=180s");
    }

    private static long activeSeedJobs(String runNamespace) {
        return client
                .batch()
                .v1()
                .jobs()
                .inNamespace(runNamespace)
                .withLabel(Labels.COMPONENT, "seed")
                .list()
                .getItems()
                .stream()
                .filter(RealNodeSupersessionE2ETest::active)
                .count();
    }

    private static boolean active(Job job) {
        return job.getMetadata().getDeletionTimestamp() == null
                && job.getStatus() != null
                && job.getStatus().getActive() != null
                && job.getStatus().getActive() > 0;
    }

    private static ConditionFactory await(String what) {
        return Awaitility.await(what).atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500));
    }
}
