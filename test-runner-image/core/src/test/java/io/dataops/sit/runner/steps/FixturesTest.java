package io.dataops.sit.runner.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 8: a fixture path never reads a file outside the features folder (the runner's token lives elsewhere). */
class FixturesTest {

    @TempDir
    Path tmp;

    Path features() throws Exception {
        Path features = Files.createDirectories(tmp.resolve("features"));
        Files.writeString(tmp.resolve("token"), "secret-token");
        Files.writeString(features.resolve("orders.json"), "[]");
        return features;
    }

    @Test
    void relativePathsAndFileNamesInsideTheFolderResolve() throws Exception {
        Path features = features();
        Files.createDirectories(features.resolve("sub"));
        Files.writeString(features.resolve("sub/a.json"), "[]");
        assertThat(Fixtures.resolve("orders.json", features, Optional.empty()))
                .isEqualTo(features.resolve("orders.json"));
        assertThat(Fixtures.resolve("sub/../sub/a.json", features, Optional.empty()))
                .isEqualTo(features.resolve("sub/a.json"));
        // ConfigMap keys have no '/': a repository path falls back to the file name inside the folder.
        assertThat(Fixtures.resolve("tests/fixtures/orders.json", features, Optional.empty()))
                .isEqualTo(features.resolve("orders.json"));
    }

    @Test
    void pathsClimbingOutOfTheFolderAreNotRead() throws Exception {
        Path features = features();
        assertThatThrownBy(() -> Fixtures.resolve("../token", features, Optional.empty()))
                .isInstanceOf(StepError.class)
                .hasMessageContaining("only read from inside the features folder")
                .hasMessageNotContaining(tmp.resolve("token") + ",");
        assertThatThrownBy(() -> Fixtures.resolve(tmp.resolve("token").toString(), features, Optional.empty()))
                .isInstanceOf(StepError.class)
                .hasMessageContaining("only read from inside the features folder");
    }

    @Test
    void aFeatureFolderOutsideTheFeaturesFolderIsNoBase() throws Exception {
        Path features = features();
        assertThatThrownBy(() -> Fixtures.resolve("token", features, Optional.of(tmp)))
                .isInstanceOf(StepError.class);
    }

    @Test
    void aSymbolicLinkOutOfTheFolderIsNotFollowed() throws Exception {
        Path features = features();
        Files.createSymbolicLink(features.resolve("link.json"), tmp.resolve("token"));
        assertThatThrownBy(() -> Fixtures.resolve("link.json", features, Optional.empty()))
                .isInstanceOf(StepError.class);
    }

    @Test
    void anAbsolutePathIsLookedUpByItsNameInsideTheFolder() throws Exception {
        Path features = features();
        assertThat(Fixtures.resolve("/somewhere/else/orders.json", features, Optional.empty()))
                .isEqualTo(features.resolve("orders.json"));
    }
}
