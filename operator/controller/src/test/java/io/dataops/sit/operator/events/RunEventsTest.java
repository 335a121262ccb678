package io.dataops.sit.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RunEventsTest {

    private static SitRun run(String name, String uid, String rerunToken) {
        SitRun run = new SitRun();
        run.setMetadata(new ObjectMetaBuilder()
                .withName(name)
                .withNamespace("team")
                .withUid(uid)
                .build());
        run.setSpec(new SitRunSpec());
        run.getSpec().setRerunToken(rerunToken);
        return run;
    }

    @Test
    void theSamePhaseOfTheSameRunGetsTheSameEventName() {
        assertThat(RunEvents.eventName(run("orders", "u1", null), "Provisioning"))
                .isEqualTo(RunEvents.eventName(run("orders", "u1", null), "Provisioning"));
    }

    @Test
    void otherPhasesRunsAndReRunsGetOtherNames() {
        String base = RunEvents.eventName(run("orders", "u1", null), "Provisioning");
        assertThat(RunEvents.eventName(run("orders", "u1", null), "Testing")).isNotEqualTo(base);
        assertThat(RunEvents.eventName(run("orders", "u2", null), "Provisioning"))
                .isNotEqualTo(base);
        assertThat(RunEvents.eventName(run("orders", "u1", "sha-2"), "Provisioning"))
                .isNotEqualTo(base);
    }

    @Test
    void namesStayValidForLongSitRunNames() {
        String name = RunEvents.eventName(run("a".repeat(253), "u1", null), "SpecChangedAfterFinish");
        assertThat(name).hasSizeLessThanOrEqualTo(253).matches("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$");
    }

    @Test
    void eventsMarkWhatAPersonShouldNoticeNotEveryStep() {
        assertThat(Arrays.stream(Phase.values()).filter(RunEvents::announces))
                .containsExactlyInAnyOrder(Phase.SUCCEEDED, Phase.FAILED, Phase.ERROR, Phase.CANCELLED);
    }
}
