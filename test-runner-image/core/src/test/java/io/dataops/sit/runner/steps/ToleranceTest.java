package io.dataops.sit.runner.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class ToleranceTest {

    @Test
    void absoluteToleranceIsInclusive() {
        Tolerance t = Tolerance.of(2, "1", null);
        assertThat(t.accepts(BigDecimal.ONE)).isTrue();
        assertThat(t.accepts(BigDecimal.valueOf(3))).isTrue();
        assertThat(t.accepts(BigDecimal.ZERO)).isFalse();
        assertThat(t.accepts(BigDecimal.valueOf(4))).isFalse();
        assertThat(t.unit()).isEqualTo("absolute");
    }

    @Test
    void percentToleranceIsAShareOfExpected() {
        Tolerance t = Tolerance.of(1000, "5", "%");
        assertThat(t.allowedDeviation()).isEqualByComparingTo("50");
        assertThat(t.lowerBound()).isEqualByComparingTo("950");
        assertThat(t.upperBound()).isEqualByComparingTo("1050");
        assertThat(t.accepts(BigDecimal.valueOf(950))).isTrue();
        assertThat(t.accepts(BigDecimal.valueOf(1051))).isFalse();
        assertThat(t.unit()).isEqualTo("percent");
        assertThat(t.describe()).isEqualTo("1000 +/- 5%");
    }

    @Test
    void fractionalPercentAndSmallCounts() {
        Tolerance t = Tolerance.of(3, "10", "%");
        // 10% of 3 is 0.3: only exactly 3 records pass
        assertThat(t.accepts(BigDecimal.valueOf(3))).isTrue();
        assertThat(t.accepts(BigDecimal.valueOf(2))).isFalse();
        assertThat(Tolerance.of(200, "2.5", "%").upperBound()).isEqualByComparingTo("205");
        assertThat(Tolerance.of(0, "50", "%").accepts(BigDecimal.ZERO)).isTrue();
        assertThat(Tolerance.of(0, "50", "%").accepts(BigDecimal.ONE)).isFalse();
        assertThat(t.accepts(null)).isFalse();
    }

    @Test
    void nearestRankPercentile() {
        List<Long> values = List.of(5L, 1L, 4L, 2L, 3L, 10L, 9L, 8L, 7L, 6L);
        assertThat(ThresholdSteps.percentile(values, 50)).isEqualTo(5);
        assertThat(ThresholdSteps.percentile(values, 95)).isEqualTo(10);
        assertThat(ThresholdSteps.percentile(values, 90)).isEqualTo(9);
        assertThat(ThresholdSteps.percentile(List.of(42L), 99)).isEqualTo(42);
    }

    @Test
    void jsonPathPredicates() {
        JsonPredicate shipped = JsonPredicate.parse("@.status == 'SHIPPED' && @.amount > 100");
        assertThat(shipped.matches(Map.of("status", "SHIPPED", "amount", 500))).isTrue();
        assertThat(shipped.matches(Map.of("status", "SHIPPED", "amount", 5))).isFalse();
        assertThat(shipped.matches(null)).isFalse();
        assertThat(JsonPredicate.parse("$[?(@.customer.country in ['NL','BE'])]")
                        .matches(Map.of("customer", Map.of("country", "NL"))))
                .isTrue();
        Assertions.assertThatThrownBy(() -> JsonPredicate.parse("@.status == "))
                .hasMessageContaining("invalid JSON-path predicate");
    }
}
