package io.dataops.sit.operator.evidence;

import java.io.ByteArrayOutputStream;
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

    private BoundedLogs() {}

    /** What was kept, and a note when it is not the whole log (null when it is). */
    public record Captured(byte[] content, String note) {}

    public static Captured read(LogSource source, String pod, String container, boolean previous, int maxBytes)
            throws IOException {
        int lines = Math.max(MIN_LINES, maxBytes / ASSUMED_LINE_BYTES);
        for (int attempt = 1; ; attempt++) {
            byte[] got;
            String closedEarly = null;
            try (InputStream in = source.open(pod, container, previous, lines, maxBytes)) {
                ByteArrayOutputStream read = new ByteArrayOutputStream();
                closedEarly = readAtMost(in, maxBytes + 1, read);
                got = read.toByteArray();
            }
            if (closedEarly != null) {
                return new Captured(
                        got,
                        "the log stream ended early after " + got.length + " bytes (" + closedEarly
                                + "; the kubelet may have rotated the log while it was read)");
            }
            if (got.length < maxBytes) {
                String note = newlines(got) >= lines
                        ? "only the last " + lines + " lines kept (" + got.length
                                + " bytes; sit.evidence.log-bytes-per-container=" + maxBytes + ")"
                        : null;
                return new Captured(got, note);
            }
            if (lines <= MIN_LINES || attempt >= MAX_ATTEMPTS) {
                return new Captured(
                        Arrays.copyOf(got, maxBytes),
                        "cut to the first " + maxBytes + " bytes of the last " + lines
                                + " lines (long lines; sit.evidence.log-bytes-per-container=" + maxBytes + ")");
            }
            lines = Math.max(MIN_LINES, lines / 4);
        }
    }

    /**
     * Reads up to {@code max} bytes; a stream the server cuts after some bytes keeps them (returns why it ended),
     * one that fails before any byte throws.
     */
    private static String readAtMost(InputStream in, int max, ByteArrayOutputStream out) throws IOException {
        if (in == null) {
            return null;
        }
        byte[] chunk = new byte[8192];
        while (out.size() < max) {
            int n;
            try {
                n = in.read(chunk, 0, Math.min(chunk.length, max - out.size()));
            } catch (IOException e) {
                if (out.size() == 0) {
                    throw e;
                }
                return e.getMessage();
            }
            if (n < 0) {
                break;
            }
            out.write(chunk, 0, n);
        }
        return null;
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
