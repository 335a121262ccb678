package io.dataops.sit.runner.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.spec.ImageConsistencyPolicy;
import io.dataops.sit.api.v1alpha1.spec.ImageConsistencySpec;
import org.junit.jupiter.api.Test;

class LocalPreflightTest {

    @Test
    void theOneBuildRuleIsNotedAsClusterOnly() {
        SitRunSpec spec = new SitRunSpec();
        assertThat(LocalPreflight.clusterOnlySettings(spec)).noneMatch(n -> n.startsWith("imageConsistency"));
        ImageConsistencySpec rule = new ImageConsistencySpec();
        rule.setPolicy(ImageConsistencyPolicy.FAIL);
        spec.setImageConsistency(rule);
        assertThat(LocalPreflight.clusterOnlySettings(spec))
                .contains("imageConsistency: systems run as local processes, not images; the one-build rule "
                        + "applies in a cluster only");
    }
}
