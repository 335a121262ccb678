package io.dataops.sit.runner.evidence;

import io.dataops.sit.api.evidence.EvidenceBundle;

/**
 * A bundle the collecting threads write into, closed when the overall time is up: a part still running then
 * cannot change the bundle while it is packed, and what it had written before stays.
 */
final class EvidenceSink {

    private final EvidenceBundle bundle = new EvidenceBundle();
    private boolean closed;

    synchronized void add(String path, String text) {
        if (!closed) {
            bundle.add(path, text);
        }
    }

    synchronized void note(String note) {
        if (!closed) {
            bundle.note(note);
        }
    }

    synchronized EvidenceBundle close() {
        closed = true;
        return bundle;
    }

    /** Bundle paths are folder/file names: anything else in a broker, topic, database or table name becomes '_'. */
    static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.chars().allMatch(c -> c == '.') ? "_" + s.replace('.', '_') : s;
    }
}
