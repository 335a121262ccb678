package io.dataops.sit.api.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EvidenceBundleTest {

    @Test
    void packedFilesComeBackWithTheManifestFirst() {
        var packed = new EvidenceBundle()
                .add("events.txt", "a")
                .add("logs/runner/runner.log", "b\n")
                .note("no data")
                .pack(10_000);
        List<EvidenceBundle.File> files = EvidenceBundle.unpack(packed.tarGz());
        assertThat(files)
                .extracting(EvidenceBundle.File::path)
                .containsExactly("MANIFEST.txt", "events.txt", "logs/runner/runner.log");
        assertThat(files.get(0).text()).contains("file: events.txt (1 bytes)", "note: no data");
        assertThat(packed.truncated()).isFalse();
        assertThat(packed.files()).isEqualTo(3);
    }

    @Test
    void anOversizedLogIsCutToItsTailAndTheManifestSaysSo() {
        byte[] noise = new byte[3_000_000];
        new Random(1).nextBytes(noise);
        String log = new String(Base64.getEncoder().encode(noise), StandardCharsets.US_ASCII) + "\nLAST LINE\n";
        var packed = new EvidenceBundle()
                .add("logs/relay/relay.log", log)
                .add("events.txt", "kept")
                .pack(200_000);

        assertThat(packed.tarGz().length).isLessThanOrEqualTo(200_000);
        assertThat(packed.truncated()).isTrue();
        var files = EvidenceBundle.unpack(packed.tarGz());
        assertThat(files.stream()
                        .filter(f -> f.path().equals("logs/relay/relay.log"))
                        .findFirst()
                        .orElseThrow()
                        .text())
                .endsWith("LAST LINE\n");
        assertThat(files.get(0).text())
                .contains("cut: logs/relay/relay.log: cut to")
                .contains("tail kept");
        assertThat(files).extracting(EvidenceBundle.File::text).contains("kept");
    }

    @Test
    void pathsThatLeaveTheFolderAreRefused() {
        assertThatThrownBy(() -> new EvidenceBundle().add("../etc/passwd", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EvidenceBundle().add("/abs", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNestedBundleKeepsItsCutsAsNotes() {
        var inner = new EvidenceBundle()
                .add("kafka/a.json", "{}")
                .note("database warehouse: unreachable")
                .pack(10_000);
        var outer = new EvidenceBundle()
                .addAll("data/", EvidenceBundle.unpack(inner.tarGz()))
                .pack(10_000);
        var files = EvidenceBundle.unpack(outer.tarGz());
        assertThat(files).extracting(EvidenceBundle.File::path).contains("data/kafka/a.json");
        assertThat(files.get(0).text()).contains("data/ note: database warehouse: unreachable");
    }
}
