package io.dataops.sit.operator.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads the tail of a container's log within a byte bound, whatever the container logged: the API server is asked for
 * the last N lines cut at the bound (tailLines + limitBytes), and when those lines are longer than the bound, for
 * fewer lines, so what is kept is the end of the log. The stream is never read past the bound, even from a server
 * that ignores limitBytes, so memory stays bounded.
 */
public final class BoundedLogs {

    /** Lines are assumed this long at first; longer lines make the next attempt ask for fewer. */
    static final int ASSUMED_LINE_BYTES = 64;
    static final int MIN_LINES = 16;
    static final int MAX_ATTEMPTS = 4;

    private BoundedLogs() {
    }

    /** What was kept, and a note when it is not the whole log (null when it is). */
    public record Captured(byte[] content, String note) {
    }

    public static Captured read(LogSource source, String pod, String container, boolean previous, int maxBytes)
            throws IOException {
        int lines = Math.max(MIN_LINES, maxBytes / ASSUMED_LINE_BYTES);
        for (int attempt = 1; ; attempt++) {
            byte[] got;
            try (InputStream in = source.open(pod, container, previous, lines, maxBytes)) {
                got = in == null ? new byte[0] : in.readNBytes(maxBytes + 1);
            }
            if (got.length < maxBytes) {
                String note = newlines(got) >= lines ? "only the last " + lines + " lines kept (" + got.length
                        + " bytes; sit.evidence.log-bytes-per-container=" + maxBytes + ")" : null;
                return new Captured(got, note);
            }
            if (lines <= MIN_LINES || attempt >= MAX_ATTEMPTS) {
                return new Captured(Arrays.copyOf(got, maxBytes), "cut to the first " + maxBytes + " bytes of the last "
                        + lines + " lines (long lines; sit.evidence.log-bytes-per-container=" + maxBytes + ")");
            }
            lines = Math.max(MIN_LINES, lines / 4);
        }
    }

    private static int newlines(byte[] bytes) {
        int n = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }
}
