package io.dataops.sit.kubectl;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Durations as kubectl writes them: 30m, 1h30m, 90s, 500ms. */
final class GoDuration implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern WHOLE = Pattern.compile("([0-9]+(ms|h|m|s))+");
    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|h|m|s)");

    @Override
    public Duration convert(String value) {
        if (value == null || !WHOLE.matcher(value).matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration like 30m, 1h30m, 90s");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(value);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(
                    switch (m.group(2)) {
                        case "h" -> Duration.ofHours(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "s" -> Duration.ofSeconds(n);
                        default -> Duration.ofMillis(n);
                    });
        }
        return total;
    }
}
