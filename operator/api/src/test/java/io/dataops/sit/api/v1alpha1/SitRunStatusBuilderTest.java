package io.dataops.sit.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.results.ScenarioCounts;
import io.dataops.sit.api.results.ThresholdResult;
import io.dataops.sit.api.v1alpha1.status.BrokerStatus;
import io.dataops.sit.api.v1alpha1.status.CleanupStatus;
import io.dataops.sit.api.v1alpha1.status.ReportStatus;
import io.dataops.sit.api.v1alpha1.status.ResultsStatus;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated builder is the status's deep copy: the operator edits the copy and compares it with the original. */
class SitRunStatusBuilderTest {

    @Test
    void copyHasTheSameContent() {
        SitRunStatus original = fullStatus();

        SitRunStatus copy = new SitRunStatusBuilder(original).build();

        assertThat(copy).isNotSameAs(original);
        assertThat(Serialization.asJson(copy)).isEqualTo(Serialization.asJson(original));
    }

    @Test
    void mutatingTheCopyLeavesTheOriginalUnchanged() {
        SitRunStatus original = fullStatus();
        String before = Serialization.asJson(original);

        SitRunStatus copy = new SitRunStatusBuilder(original).build();
        copy.getConditions().get(0).setStatus("False");
        copy.getConditions()
                .add(new ConditionBuilder()
                        .withType("Finished")
                        .withStatus("True")
                        .build());
        copy.getBrokers().get(0).setReady(false);
        copy.getBrokers().clear();
        copy.getResults().getThresholds().get(0).setPassed(false);
        copy.getResults().getScenarios().setFailed(3);
        copy.getReport().getKeys().add("report.html.gz");
        copy.getCleanup().setNamespaceDeleted(true);

        assertThat(Serialization.asJson(original)).isEqualTo(before);
    }

    @Test
    void emptyStatusCopiesToEmptyLists() {
        SitRunStatus copy = new SitRunStatusBuilder(new SitRunStatus()).build();

        assertThat(copy.getConditions()).isEmpty();
        assertThat(copy.getBrokers()).isEmpty();
        assertThat(copy.getResults()).isNull();
    }

    private static SitRunStatus fullStatus() {
        SitRunStatus status = new SitRunStatus();
        status.setPhase(Phase.TESTING);
        status.setStartTime("2026-01-01T00:00:00Z");
        status.setConditions(new ArrayList<>(List.of(new ConditionBuilder()
                .withType("Ready")
                .withStatus("True")
                .withReason("EnvironmentReady")
                .withLastTransitionTime("2026-01-01T00:01:00Z")
                .build())));
        BrokerStatus broker = new BrokerStatus();
        broker.setName("main");
        broker.setReady(true);
        status.setBrokers(new ArrayList<>(List.of(broker)));
        ResultsStatus results = new ResultsStatus();
        results.setScenarios(new ScenarioCounts(2, 2, 0));
        results.setThresholds(new ArrayList<>(
                List.of(new ThresholdResult("orders", BigDecimal.TEN, BigDecimal.ONE, BigDecimal.TEN, true))));
        status.setResults(results);
        ReportStatus report = new ReportStatus();
        report.setKeys(new ArrayList<>(List.of("junit.xml.gz")));
        status.setReport(report);
        CleanupStatus cleanup = new CleanupStatus();
        cleanup.setPolicy(CleanupStatus.POLICY_TTL);
        status.setCleanup(cleanup);
        return status;
    }
}
