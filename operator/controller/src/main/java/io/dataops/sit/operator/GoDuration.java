package io.dataops.sit.operator;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations as the CRD accepts them (1h30m, 90s, 500ms), and the reverse for status.duration. */
public final class GoDuration {

    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h)");

    private GoDuration() {}

    /**
     * The longest duration accepted: far beyond any run, and small enough that adding it to any start time
     * or converting it to milliseconds never overflows (a value past it threw on every reconcile).
     */
    public static final Duration MAX = Duration.ofDays(3660); // = SitRunSpec.DURATION_MAX, the schema's bound

    /** Parses a Go-style duration; anything malformed or longer than {@link #MAX} is an IllegalArgumentException. */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration");
        }
        Matcher m = PART.matcher(text.trim());
        Duration total = Duration.ZERO;
        int end = 0;
        try {
            while (m.find()) {
                if (m.start() != end) {
                    throw new IllegalArgumentException("not a duration: " + text);
                }
                long n = Long.parseLong(m.group(1));
                total = total.plus(
                        switch (m.group(2)) {
                            case "ms" -> Duration.ofMillis(n);
                            case "s" -> Duration.ofSeconds(n);
                            case "m" -> Duration.ofMinutes(n);
                            default -> Duration.ofHours(n);
                        });
                if (total.compareTo(MAX) > 0) {
                    throw new IllegalArgumentException(
                            "duration " + text + " is longer than " + MAX.toDays() + " days");
                }
                end = m.end();
            }
        } catch (ArithmeticException e) {
            // Long.parseLong's NumberFormatException is an IllegalArgumentException already; Duration's is not.
            throw new IllegalArgumentException("duration " + text + " is out of range", e);
        }
        if (end != text.trim().length() || end == 0) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        return total;
    }

    public static Duration parseOr(String text, Duration fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    /** 4m12s, 1h2m3s, 0s. */
    public static String format(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long h = s / 3600, m = (s % 3600) / 60, sec = s % 60;
        StringBuilder b = new StringBuilder();
        if (h > 0) {
            b.append(h).append('h');
        }
        if (m > 0) {
            b.append(m).append('m');
        }
        if (sec > 0 || b.isEmpty()) {
            b.append(sec).append('s');
        }
        return b.toString();
    }
}
