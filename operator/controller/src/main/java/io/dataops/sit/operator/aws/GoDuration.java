package io.dataops.sit.operator.aws;

import io.dataops.sit.api.v1alpha1.SitRunSpec;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the Go-style durations of the SitRun spec (e.g. 30m, 1h30m, 500ms). */
final class GoDuration {

    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h)");

    private GoDuration() {
    }

    static Duration parse(String text) {
        if (text == null || !text.matches(SitRunSpec.DURATION_PATTERN)) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long value = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(value);
                case "s" -> Duration.ofSeconds(value);
                case "m" -> Duration.ofMinutes(value);
                default -> Duration.ofHours(value);
            });
        }
        return total;
    }
}
