package io.dataops.sit.runner.seed;

import io.dataops.sit.api.v1alpha1.spec.ConfigMapKeyRef;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * ConfigMaps laid out as folders, {@code <root>/<configmap name>/<key>}: the layout of the mounts in a
 * cluster ({@code RunContract.CONFIGMAPS_MOUNT_PATH}) and of the fallback folders beside a local SitRun file.
 */
public final class ConfigMapFolderFixtures implements StreamingFixtures {

    private final Path root;

    public ConfigMapFolderFixtures(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The file for ref, or null when it does not exist. */
    public Path fileOrNull(ConfigMapKeyRef ref) {
        Path file = root.resolve(ref.getName()).resolve(ref.getKey());
        return Files.isRegularFile(file) ? file : null;
    }

    @Override
    public byte[] read(ConfigMapKeyRef ref) throws IOException {
        return Files.readAllBytes(existing(ref));
    }

    @Override
    public InputStream openStream(ConfigMapKeyRef ref) throws IOException {
        return new BufferedInputStream(Files.newInputStream(existing(ref)), 1 << 16);
    }

    @Override
    public Path directory(String configMapName) throws IOException {
        Path dir = root.resolve(configMapName);
        if (!Files.isDirectory(dir)) {
            throw new FixtureNotFoundException("ConfigMap '" + configMapName + "' not found: no folder " + dir);
        }
        return dir;
    }

    private Path existing(ConfigMapKeyRef ref) throws FixtureNotFoundException {
        Path file = fileOrNull(ref);
        if (file == null) {
            throw new FixtureNotFoundException("ConfigMap '" + ref.getName() + "' key '" + ref.getKey()
                    + "' not found: no file " + root.resolve(ref.getName()).resolve(ref.getKey()));
        }
        return file;
    }
}
