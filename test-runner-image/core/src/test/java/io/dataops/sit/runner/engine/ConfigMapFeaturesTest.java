package io.dataops.sit.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Features mounted from a ConfigMap, laid out as the kubelet lays out a ConfigMap volume. */
class ConfigMapFeaturesTest {

    @Test
    void eachFeatureOfAMountedConfigMapIsFoundOnceUnderItsOwnName(@TempDir Path mount) throws Exception {
        Path timestamped = Files.createDirectory(mount.resolve("..2026_12_01_18_22_58.933318319"));
        Files.writeString(timestamped.resolve("product_1.feature"), "Feature: P\n");
        Files.writeString(timestamped.resolve("input.avsc"), "{}");
        Files.createSymbolicLink(mount.resolve("..data"), timestamped.getFileName());
        Files.createSymbolicLink(mount.resolve("product_1.feature"), Path.of("..data/product_1.feature"));
        Files.createSymbolicLink(mount.resolve("input.avsc"), Path.of("..data/input.avsc"));

        assertThat(ScenarioEngine.featureFiles(mount)).containsExactly(mount.resolve("product_1.feature"));
    }

    @Test
    void featuresInSubfoldersOfAPlainFolderAreFound(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("orders"));
        Files.writeString(dir.resolve("orders/b.feature"), "Feature: B\n");
        Files.writeString(dir.resolve("a.feature"), "Feature: A\n");

        assertThat(ScenarioEngine.featureFiles(dir)).containsExactly(dir.resolve("a.feature"), dir.resolve("orders/b.feature"));
    }
}
