package io.dataops.sit.runner.data.synthetic;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/** Ranges and edges shared by the generators: fixed dates (not the clock: the same seed gives the same records). */
final class TypicalValues {

    /** Generated moments fall in the year from 2026-01-01 UTC. */
    static final long BASE_MILLIS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    static final long YEAR_MILLIS = 365L * 24 * 3600 * 1000;
    static final long BASE_DAY = LocalDate.of(2026, 1, 1).toEpochDay();
    /** The last day and millisecond most databases and languages still represent: 9999-12-31. */
    static final int LAST_DAY = (int) LocalDate.of(9999, 12, 31).toEpochDay();

    static final long LAST_MILLIS = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

    /** Text a consumer gets wrong: empty, blank, long, non-Latin and right-to-left, quotes, a line break. */
    static final List<String> EDGE_TEXTS = List.of(
            "",
            " ",
            "x".repeat(1000),
            "Zoë Ünïcødé 北京 🚀 \u202Edesrever",
            "O'Brien \"quoted\"; DROP TABLE x;--",
            "line\nbreak");

    private TypicalValues() {}

    /** A whole number in a range that fits the field's name (quantities are small, years look like years). */
    static int plausibleInt(String path, Random random) {
        String name = RealisticStrings.normalized(path.substring(path.lastIndexOf('.') + 1));
        if (name.contains("qty") || name.contains("quantity") || name.contains("count")) {
            return 1 + random.nextInt(100);
        }
        if (name.contains("age")) {
            return 18 + random.nextInt(73);
        }
        if (name.contains("year")) {
            return 1950 + random.nextInt(77);
        }
        return random.nextInt(10_000);
    }
}
