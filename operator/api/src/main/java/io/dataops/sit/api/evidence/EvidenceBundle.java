package io.dataops.sit.api.evidence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * A run's evidence as files (path → bytes), packed into one tar.gz that must fit a bound (a ConfigMap holds at most
 * 1 MiB). Packing never fails for size: the largest file is cut (logs keep their tail, other files their head) until
 * the archive fits, and every cut is written into {@link #MANIFEST}, the archive's first file, so a reader knows what
 * is missing. Written by the operator (and the runner for its data part), read by {@code kubectl sit evidence}.
 */
public final class EvidenceBundle {

    public static final String MANIFEST = "MANIFEST.txt";
    /** Files are never cut below this; past it they are dropped, the manifest still names them. */
    static final int MIN_CUT_BYTES = 1024;

    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    public EvidenceBundle add(String path, String text) {
        return add(path, text.getBytes(StandardCharsets.UTF_8));
    }

    public EvidenceBundle add(String path, byte[] content) {
        if (path.equals(MANIFEST)
                || path.startsWith("/")
                || Arrays.asList(path.split("/")).contains("..")) {
            throw new IllegalArgumentException("not a bundle path: " + path);
        }
        files.put(path, content);
        return this;
    }

    /** Files of another bundle (e.g. the runner's data evidence) under {@code prefix}; its manifest becomes a note. */
    public EvidenceBundle addAll(String prefix, List<File> other) {
        for (File f : other) {
            if (f.path().equals(MANIFEST)) {
                String text = new String(f.content(), StandardCharsets.UTF_8);
                text.lines()
                        .filter(l -> l.startsWith("cut: ") || l.startsWith("note: "))
                        .forEach(l -> notes.add(prefix + " " + l));
            } else {
                add(prefix + f.path(), f.content());
            }
        }
        return this;
    }

    /** A line for the manifest: something that could not be captured, and why. */
    public EvidenceBundle note(String note) {
        notes.add(note);
        return this;
    }

    public Map<String, byte[]> files() {
        return files;
    }

    public record File(String path, byte[] content) {
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    /** The packed archive; {@code cuts} says what was cut or dropped to fit. */
    public record Packed(byte[] tarGz, int files, List<String> cuts, String manifest) {
        public boolean truncated() {
            return !cuts.isEmpty();
        }
    }

    /** Packs into at most {@code maxBytes} of tar.gz, cutting the largest files first when needed. */
    public Packed pack(int maxBytes) {
        Map<String, byte[]> current = new LinkedHashMap<>(files);
        List<String> cuts = new ArrayList<>();
        while (true) {
            String manifest = manifest(current, cuts);
            byte[] packed = tarGz(manifest, current);
            if (packed.length <= maxBytes || current.isEmpty()) {
                return new Packed(packed, current.size() + 1, List.copyOf(cuts), manifest);
            }
            var largest = current.entrySet().stream()
                    .max(Comparator.comparingInt(e -> e.getValue().length))
                    .orElseThrow();
            String path = largest.getKey();
            byte[] content = largest.getValue();
            if (content.length / 2 < MIN_CUT_BYTES) {
                current.remove(path);
                cuts.add(path + ": dropped (" + content.length + " bytes) to fit " + maxBytes + " bytes");
            } else {
                byte[] cut = path.endsWith(".log")
                        ? Arrays.copyOfRange(content, content.length / 2, content.length)
                        : Arrays.copyOf(content, content.length / 2);
                current.put(path, cut);
                cuts.removeIf(c -> c.startsWith(path + ": cut"));
                cuts.add(path + ": cut to " + cut.length + " of " + files.get(path).length + " bytes ("
                        + (path.endsWith(".log") ? "tail" : "head") + " kept) to fit " + maxBytes + " bytes");
            }
        }
    }

    private String manifest(Map<String, byte[]> current, List<String> cuts) {
        StringBuilder sb =
                new StringBuilder("# sit-operator evidence bundle: one line per file, then what is missing\n");
        current.forEach((path, content) -> sb.append("file: ")
                .append(path)
                .append(" (")
                .append(content.length)
                .append(" bytes)\n"));
        notes.forEach(
                n -> sb.append(n.startsWith("note: ") || n.contains(" note: ") || n.contains(" cut: ") ? "" : "note: ")
                        .append(n)
                        .append('\n'));
        cuts.forEach(c -> sb.append("cut: ").append(c).append('\n'));
        return sb.toString();
    }

    private static byte[] tarGz(String manifest, Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            entry(tar, MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
            for (var e : files.entrySet()) {
                entry(tar, e.getKey(), e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void entry(TarArchiveOutputStream tar, String path, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(path);
        entry.setSize(content.length);
        entry.setMode(0644);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /** The files of a packed bundle, manifest first; paths that would leave a target folder are refused. */
    public static List<File> unpack(byte[] tarGz) {
        List<File> out = new ArrayList<>();
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(tarGz)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!entry.isFile()) {
                    continue;
                }
                String name = entry.getName();
                if (name.startsWith("/") || Arrays.asList(name.split("/")).contains("..")) {
                    throw new IOException("unsafe path in evidence bundle: " + name);
                }
                out.add(new File(name, tar.readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read evidence bundle: " + e.getMessage(), e);
        }
        return out;
    }
}
