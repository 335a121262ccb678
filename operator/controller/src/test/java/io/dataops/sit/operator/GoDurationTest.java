package io.dataops.sit.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataops.sit.api.v1alpha1.SitRunSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 8: a duration that overflowed threw on every reconcile; now it is refused cleanly, or falls back. */
class GoDurationTest {

    @Test
    void overflowingDurationsAreAnIllegalArgumentNotAnArithmeticError() {
        for (String huge : List.of(
                "99999999999999999999h", "9223372036854775807h", "999999999h", "87841h", "5000000000h5000000000h")) {
            assertThatThrownBy(() -> GoDuration.parse(huge)).as(huge).isInstanceOf(IllegalArgumentException.class);
            assertThat(GoDuration.parseOr(huge, Duration.ofMinutes(30)))
                    .as(huge)
                    .isEqualTo(Duration.ofMinutes(30));
        }
    }

    @Test
    void theLongestAcceptedDurationIsTheSchemasAndAddsToAnyInstant() {
        Duration max = GoDuration.parse(SitRunSpec.DURATION_MAX);
        assertThat(max).isEqualTo(GoDuration.MAX);
        assertThat(Instant.now().plus(max).toEpochMilli()).isPositive();
        assertThat(max.toMillis()).isPositive();
    }
}
