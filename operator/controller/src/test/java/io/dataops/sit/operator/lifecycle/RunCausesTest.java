package io.dataops.sit.operator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.operator.lifecycle.RunCauses.Cause;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The cause tag of sit_runs_total is a closed mapping from the closed set of reasons, documented in README.md. */
class RunCausesTest {

    @Test
    void everyKnownReasonHasACauseAndTheMappingNamesNoOtherReason() {
        Set<String> reasons = new TreeSet<>(RunReasons.KNOWN);
        reasons.add(RunReasons.OTHER);
        assertThat(RunCauses.BY_REASON.keySet()).as("a reason without a cause would be guessed")
                .containsExactlyInAnyOrderElementsOf(reasons);
    }

    @Test
    void theQueuesReasonsAreKnown() {
        assertThat(RunReasons.KNOWN).contains("ConcurrencyLimit", "NamespaceConcurrencyLimit", "WaitingForGroup",
                "Superseded");
        assertThat(RunCauses.of(Phase.CANCELLED, "Superseded")).isEqualTo(Cause.CANCELLED);
    }

    @Test
    void theOutcomeDecidesFirstThenTheReason() {
        assertThat(RunCauses.of(Phase.SUCCEEDED, "AllPassed")).isEqualTo(Cause.NONE);
        assertThat(RunCauses.of(Phase.CANCELLED, null)).isEqualTo(Cause.CANCELLED);
        assertThat(RunCauses.of(Phase.FAILED, "ThresholdsFailed")).isEqualTo(Cause.TEST);
        assertThat(RunCauses.of(Phase.ERROR, "GateFailed")).isEqualTo(Cause.DATA);
        assertThat(RunCauses.of(Phase.ERROR, "FixtureNotFound")).isEqualTo(Cause.DATA);
        assertThat(RunCauses.of(Phase.ERROR, "ImagePullFailed")).isEqualTo(Cause.INFRASTRUCTURE);
        assertThat(RunCauses.of(Phase.ERROR, "ImageNotAllowed")).isEqualTo(Cause.INFRASTRUCTURE);
    }

    /** SitRunStatusAggregator#timeout: Failed when the tests were running, Error when the environment never got ready. */
    @Test
    void aTimeoutWhileTestingIsATestFailureBeforeItAnEnvironmentOne() {
        assertThat(RunCauses.of(Phase.FAILED, "Timeout")).isEqualTo(Cause.TEST);
        assertThat(RunCauses.of(Phase.ERROR, "Timeout")).isEqualTo(Cause.INFRASTRUCTURE);
    }

    @Test
    void aRunnerCannotPickItsCause() {
        assertThat(RunCauses.of(Phase.ERROR, "Invented")).as("unknown reasons are Other: the runner's side")
                .isEqualTo(Cause.TEST);
        assertThat(RunCauses.of(Phase.FAILED, "AllPassed")).as("a success reason cannot explain a failure")
                .isEqualTo(Cause.TEST);
        assertThat(RunCauses.of(Phase.ERROR, "WaitingForGroup")).isEqualTo(Cause.TEST);
    }

    /** README.md "Metrics" lists each cause with its reasons: the same table as the code, both ways. */
    @Test
    void theReadmeTableIsTheMapping() throws IOException {
        String readme = Files.readString(Path.of("../../README.md"));
        Pattern row = Pattern.compile("(?m)^\\| `(none|infrastructure|data|test|cancelled)` \\|[^|]*\\| (.+) \\|$");
        Map<Cause, Set<String>> documented = new EnumMap<>(Cause.class);
        Matcher m = row.matcher(readme);
        while (m.find()) {
            Set<String> reasons = documented.computeIfAbsent(Cause.valueOf(m.group(1).toUpperCase()), c -> new TreeSet<>());
            Arrays.stream(m.group(2).split(",")).map(r -> r.replaceAll("[`\\s]|\\(.*\\)", "")).filter(r -> !r.isEmpty())
                    .forEach(reasons::add);
        }
        Map<Cause, Set<String>> coded = new EnumMap<>(Cause.class);
        RunCauses.BY_REASON.forEach((reason, cause) -> coded.computeIfAbsent(cause, c -> new TreeSet<>()).add(reason));
        // The one reason whose cause depends on the outcome is listed under both.
        coded.get(RunCauses.of(Phase.ERROR, "Timeout")).add("Timeout");
        assertThat(documented).as("README.md cause table").isEqualTo(coded);
    }
}
