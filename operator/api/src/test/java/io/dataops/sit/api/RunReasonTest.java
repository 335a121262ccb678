package io.dataops.sit.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.v1alpha1.Phase;
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

/** The reasons users script against: one set, documented in README.md's Phases and Metrics tables, both ways. */
class RunReasonTest {

    private static final Pattern REASON_TOKEN = Pattern.compile("`([A-Z][a-z][A-Za-z0-9]*)`");

    private static String readme() throws IOException {
        return Files.readString(Path.of("../../README.md"));
    }

    /** README.md "Phases": each row ends with "— reasons: …" naming every reason that explains that phase. */
    @Test
    void thePhasesTableListsEveryReasonUnderEachPhaseItExplains() throws IOException {
        Pattern row =
                Pattern.compile("(?m)^\\| `(Queued|Succeeded|Failed|Error|Cancelled)` \\|.* — reasons: (.+) \\|$");
        Map<Phase, Set<String>> documented = new EnumMap<>(Phase.class);
        Matcher m = row.matcher(readme());
        while (m.find()) {
            Phase phase = Phase.valueOf(m.group(1).toUpperCase());
            Matcher token = REASON_TOKEN.matcher(m.group(2).replaceAll("\\([^)]*\\)", ""));
            while (token.find()) {
                documented.computeIfAbsent(phase, p -> new TreeSet<>()).add(token.group(1));
            }
        }
        Map<Phase, Set<String>> coded = new EnumMap<>(Phase.class);
        for (RunReason reason : RunReason.values()) {
            reason.phases()
                    .forEach(p -> coded.computeIfAbsent(p, x -> new TreeSet<>()).add(reason.value()));
        }
        assertThat(documented).as("README.md Phases table").isEqualTo(coded);
    }

    /** README.md "Metrics" lists each cause with its reasons; Other is the metric's tag for a custom runner's reason. */
    @Test
    void theCauseTableIsTheMapping() throws IOException {
        Pattern row = Pattern.compile("(?m)^\\| `(none|infrastructure|data|test|cancelled)` \\|[^|]*\\| (.+) \\|$");
        Map<RunCause, Set<String>> documented = new EnumMap<>(RunCause.class);
        Matcher m = row.matcher(readme());
        while (m.find()) {
            Set<String> reasons =
                    documented.computeIfAbsent(RunCause.valueOf(m.group(1).toUpperCase()), c -> new TreeSet<>());
            Arrays.stream(m.group(2).split(","))
                    .map(r -> r.replaceAll("[`\\s]|\\(.*\\)", ""))
                    .filter(r -> !r.isEmpty())
                    .forEach(reasons::add);
        }
        Map<RunCause, Set<String>> coded = new EnumMap<>(RunCause.class);
        for (RunReason reason : RunReason.values()) {
            for (Phase outcome : reason.phases()) {
                coded.computeIfAbsent(reason.causeWhenEndedAs(outcome), c -> new TreeSet<>())
                        .add(reason.value());
            }
        }
        coded.get(RunCause.TEST).add("Other");
        assertThat(documented).as("README.md cause table").isEqualTo(coded);
    }

    @Test
    void valuesAreReasonShapedAndUnique() {
        Set<String> values = new TreeSet<>();
        for (RunReason reason : RunReason.values()) {
            assertThat(reason.value()).matches("[A-Z][A-Za-z0-9]{0,63}");
            assertThat(values.add(reason.value())).as(reason.value()).isTrue();
            assertThat(RunReason.fromValue(reason.value())).contains(reason);
        }
        assertThat(RunReason.fromValue("Invented")).isEmpty();
        assertThat(RunReason.fromValue(null)).isEmpty();
    }

    @Test
    void failedIsTheTestsVerdictAndEveryOtherEndedReasonIsAnError() {
        assertThat(Arrays.stream(RunReason.values()).filter(r -> r.phases().contains(Phase.FAILED)))
                .containsExactlyInAnyOrder(RunReason.THRESHOLDS_FAILED, RunReason.SCENARIO_FAILED, RunReason.TIMEOUT);
        assertThat(RunReason.BAD_INPUT.phases()).containsExactly(Phase.ERROR);
        assertThat(RunReason.WAITING_FOR_GROUP.phases()).containsExactly(Phase.QUEUED);
    }

    @Test
    void theOutcomeDecidesFirstThenTheReason() {
        assertThat(RunCause.of(Phase.SUCCEEDED, "AllPassed")).isEqualTo(RunCause.NONE);
        assertThat(RunCause.of(Phase.CANCELLED, null)).isEqualTo(RunCause.CANCELLED);
        assertThat(RunCause.of(Phase.CANCELLED, "Superseded")).isEqualTo(RunCause.CANCELLED);
        assertThat(RunCause.of(Phase.FAILED, "ThresholdsFailed")).isEqualTo(RunCause.TEST);
        assertThat(RunCause.of(Phase.ERROR, "GateFailed")).isEqualTo(RunCause.DATA);
        assertThat(RunCause.of(Phase.ERROR, "FixtureNotFound")).isEqualTo(RunCause.DATA);
        assertThat(RunCause.of(Phase.ERROR, "ImagePullFailed")).isEqualTo(RunCause.INFRASTRUCTURE);
        assertThat(RunCause.of(Phase.ERROR, "ImageNotAllowed")).isEqualTo(RunCause.INFRASTRUCTURE);
    }

    /** SitRunStatusAggregator#timeout: Failed when the tests were running, Error when the environment never got ready. */
    @Test
    void aTimeoutWhileTestingIsATestFailureBeforeItAnEnvironmentOne() {
        assertThat(RunCause.of(Phase.FAILED, "Timeout")).isEqualTo(RunCause.TEST);
        assertThat(RunCause.of(Phase.ERROR, "Timeout")).isEqualTo(RunCause.INFRASTRUCTURE);
    }

    @Test
    void aRunnerCannotPickItsCause() {
        assertThat(RunCause.of(Phase.ERROR, "Invented"))
                .as("unknown reasons: the runner's side")
                .isEqualTo(RunCause.TEST);
        assertThat(RunCause.of(Phase.FAILED, "AllPassed"))
                .as("a success reason cannot explain a failure")
                .isEqualTo(RunCause.TEST);
        assertThat(RunCause.of(Phase.ERROR, "WaitingForGroup")).isEqualTo(RunCause.TEST);
    }
}
