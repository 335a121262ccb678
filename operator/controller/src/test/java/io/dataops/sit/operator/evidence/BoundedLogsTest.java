package io.dataops.sit.operator.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** A container that logged 50 MB costs the operator the bound, not the log, and what is kept is the log's end. */
class BoundedLogsTest {

    static final int LINE_BYTES = 100;
    static final long LINES = 500_000; // 50 MB
    static final int BOUND = 128 * 1024;

    /** Line n of the fake log: fixed width, so a window of lines is arithmetic. */
    static String line(long n) {
        String prefix = String.format("line %09d ", n);
        return prefix + "x".repeat(LINE_BYTES - prefix.length() - 1) + "\n";
    }

    /** A lazily generated log of {@link #LINES} lines served from line {@code from}, counting what is read. */
    static InputStream lines(long from, long maxBytes, AtomicLong served) {
        return new InputStream() {
            long position;

            @Override
            public int read() {
                long total = (LINES - from) * LINE_BYTES;
                if (position >= Math.min(total, maxBytes)) {
                    return -1;
                }
                long lineIndex = from + position / LINE_BYTES;
                int b = line(lineIndex).charAt((int) (position % LINE_BYTES));
                position++;
                served.incrementAndGet();
                return b;
            }
        };
    }

    @Test
    void aHugeLogKeepsItsLastLinesWithinTheBoundAndSaysSo() throws Exception {
        AtomicLong served = new AtomicLong();
        // Like the kubelet: the last tailLines lines, cut after limitBytes.
        LogSource kubelet = (pod, container, previous, tailLines, limitBytes) ->
                lines(Math.max(0, LINES - tailLines), limitBytes, served);

        var captured = BoundedLogs.read(kubelet, "p", "c", false, BOUND);

        String text = new String(captured.content(), StandardCharsets.UTF_8);
        assertThat(captured.content().length).isLessThanOrEqualTo(BOUND);
        assertThat(text).endsWith(line(LINES - 1)).startsWith("line ");
        assertThat(captured.note()).contains("only the last", "lines kept", "sit.evidence.log-bytes-per-container");
        assertThat(served.get()).as("bytes read from the API").isLessThanOrEqualTo(4L * (BOUND + 1));
    }

    @Test
    void aServerIgnoringTheLimitsIsStillReadOnlyUpToTheBound() throws Exception {
        AtomicLong served = new AtomicLong();
        LogSource careless = (pod, container, previous, tailLines, limitBytes) -> lines(0, Long.MAX_VALUE, served);

        var captured = BoundedLogs.read(careless, "p", "c", false, BOUND);

        assertThat(captured.content().length).isEqualTo(BOUND);
        assertThat(captured.note()).contains("cut to the first " + BOUND + " bytes");
        assertThat(served.get()).isLessThanOrEqualTo((long) BoundedLogs.MAX_ATTEMPTS * (BOUND + 1));
    }

    @Test
    void aShortLogIsKeptWholeWithoutANote() throws Exception {
        LogSource small = (pod, container, previous, tailLines, limitBytes) ->
                new ByteArrayInputStream("started\nfailed: boom\n".getBytes(StandardCharsets.UTF_8));

        var captured = BoundedLogs.read(small, "p", "c", true, BOUND);

        assertThat(new String(captured.content(), StandardCharsets.UTF_8)).isEqualTo("started\nfailed: boom\n");
        assertThat(captured.note()).isNull();
    }

    /** Seen on the real node: the kubelet rotated a 50 MB log while it was served and the connection closed. */
    @Test
    void aStreamCutByTheServerKeepsWhatArrivedAndSaysSo() throws Exception {
        LogSource rotating = (pod, container, previous, tailLines, limitBytes) -> new InputStream() {
            int sent;

            @Override
            public int read() throws IOException {
                if (sent >= 5000) {
                    throw new IOException("Connection was closed");
                }
                return "noisy\n".charAt(sent++ % 6);
            }
        };

        var captured = BoundedLogs.read(rotating, "p", "c", false, BOUND);

        assertThat(captured.content()).hasSize(5000);
        assertThat(captured.note()).contains("ended early after 5000 bytes", "Connection was closed");
    }

    @Test
    void aStreamThatFailsBeforeAnyByteIsAnError() {
        LogSource refused = (pod, container, previous, tailLines, limitBytes) -> new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Connection was closed");
            }
        };
        Assertions.assertThatThrownBy(() -> BoundedLogs.read(refused, "p", "c", false, BOUND))
                .isInstanceOf(IOException.class);
    }
}
