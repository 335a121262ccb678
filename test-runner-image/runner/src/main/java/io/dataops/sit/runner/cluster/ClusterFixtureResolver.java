package io.dataops.sit.runner.cluster;

import io.dataops.sit.api.v1alpha1.spec.ConfigMapKeyRef;
import io.dataops.sit.runner.env.FixtureResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** In a cluster every referenced ConfigMap is mounted at &lt;configmaps dir&gt;/&lt;name&gt;/&lt;key&gt;. */
public final class ClusterFixtureResolver implements FixtureResolver {

    private final Path configMapsDir;

    public ClusterFixtureResolver(Path configMapsDir) {
        this.configMapsDir = configMapsDir;
    }

    @Override
    public byte[] read(ConfigMapKeyRef ref) throws IOException {
        Path file = directory(ref.getName()).resolve(ref.getKey());
        if (!Files.isRegularFile(file)) {
            throw new FixtureNotFoundException(
                    "ConfigMap " + ref.getName() + " has no key '" + ref.getKey() + "' (looked for " + file + ")");
        }
        return Files.readAllBytes(file);
    }

    @Override
    public Path directory(String configMapName) throws IOException {
        Path dir = configMapsDir.resolve(configMapName);
        if (!Files.isDirectory(dir)) {
            throw new FixtureNotFoundException(
                    "ConfigMap " + configMapName + " is not mounted (looked for " + dir + ")");
        }
        return dir;
    }
}
