package io.dataops.sit.runner.env;

import java.util.Locale;

/**
 * A component of the run a fault step acts on: one of the SitRun's brokers, databases or systems, by its spec name.
 *
 * @param kind what it is
 * @param name its name in the SitRun (spec.brokers[].name, spec.databases[].name, spec.systems[].name)
 */
public record FaultTarget(Kind kind, String name) {

    public enum Kind {
        BROKER,
        DATABASE,
        SYSTEM;

        /** "broker", "database" or "system", as the steps write it. */
        public static Kind of(String word) {
            return valueOf(word.strip().toUpperCase(Locale.ROOT));
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public String toString() {
        return kind.word() + " " + name;
    }
}
