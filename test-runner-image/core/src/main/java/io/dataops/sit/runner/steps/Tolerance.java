package io.dataops.sit.runner.steps;

import java.math.BigDecimal;
import java.math.MathContext;

/** expected +/- tolerance, where tolerance is absolute or a percentage of expected. */
public record Tolerance(BigDecimal expected, BigDecimal tolerance, boolean percent) {

    public static final String ABSOLUTE = "absolute";
    public static final String PERCENT = "percent";

    public static Tolerance of(long expected, String tolerance, String percentSign) {
        return new Tolerance(
                BigDecimal.valueOf(expected), new BigDecimal(tolerance), percentSign != null && !percentSign.isEmpty());
    }

    /** The largest allowed distance from expected, in the unit of expected. */
    public BigDecimal allowedDeviation() {
        if (!percent) {
            return tolerance;
        }
        return expected.abs()
                .multiply(tolerance, MathContext.DECIMAL64)
                .divide(BigDecimal.valueOf(100), MathContext.DECIMAL64);
    }

    public BigDecimal lowerBound() {
        return expected.subtract(allowedDeviation());
    }

    public BigDecimal upperBound() {
        return expected.add(allowedDeviation());
    }

    public boolean accepts(BigDecimal actual) {
        return actual != null && actual.compareTo(lowerBound()) >= 0 && actual.compareTo(upperBound()) <= 0;
    }

    public String unit() {
        return percent ? PERCENT : ABSOLUTE;
    }

    public String describe() {
        return expected.toPlainString() + " +/- " + tolerance.toPlainString() + (percent ? "%" : "");
    }
}
