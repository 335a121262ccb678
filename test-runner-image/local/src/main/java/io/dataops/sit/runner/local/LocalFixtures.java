package io.dataops.sit.runner.local;

import io.dataops.sit.api.v1alpha1.spec.ConfigMapKeyRef;
import io.dataops.sit.runner.seed.ConfigMapFolderFixtures;
import io.dataops.sit.runner.seed.StreamingFixtures;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * Fixture lookup for local mode. A ConfigMap is taken from the SitRun file itself when it holds one of
 * that name ({@code data} as UTF-8, {@code binaryData} base64-decoded, written once into a temporary
 * folder with the same {@code <name>/<key>} layout as the mounts in a cluster); otherwise from the folder
 * {@code <SitRun file's folder>/<configmap name>/<key>}.
 */
public final class LocalFixtures implements StreamingFixtures {

    private final Map<String, ConfigMap> inFile;
    private final ConfigMapFolderFixtures materialised;
    private final ConfigMapFolderFixtures besideFile;

    public LocalFixtures(Map<String, ConfigMap> inFile, Path sitRunFolder, Path tempRoot) throws IOException {
        this.inFile = inFile;
        this.materialised = new ConfigMapFolderFixtures(tempRoot);
        this.besideFile = new ConfigMapFolderFixtures(sitRunFolder);
        for (ConfigMap cm : inFile.values()) {
            materialise(cm, tempRoot.resolve(cm.getMetadata().getName()));
        }
    }

    private static void materialise(ConfigMap cm, Path dir) throws IOException {
        Files.createDirectories(dir);
        if (cm.getData() != null) {
            for (Map.Entry<String, String> e : cm.getData().entrySet()) {
                Files.writeString(
                        safe(dir, e.getKey()), e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8);
            }
        }
        if (cm.getBinaryData() != null) {
            for (Map.Entry<String, String> e : cm.getBinaryData().entrySet()) {
                byte[] bytes;
                try {
                    bytes = Base64.getMimeDecoder().decode(e.getValue() == null ? "" : e.getValue());
                } catch (IllegalArgumentException bad) {
                    throw new IOException("ConfigMap '" + cm.getMetadata().getName() + "' binaryData key '" + e.getKey()
                            + "' is not base64: " + bad.getMessage());
                }
                Files.write(safe(dir, e.getKey()), bytes);
            }
        }
    }

    /** ConfigMap keys are file names; refuse anything that would leave the folder. */
    private static Path safe(Path dir, String key) throws IOException {
        Path file = dir.resolve(key).normalize();
        if (!file.getParent().equals(dir.normalize())) {
            throw new IOException("ConfigMap key '" + key + "' is not a plain file name");
        }
        return file;
    }

    private ConfigMapFolderFixtures source(String configMapName) {
        return inFile.containsKey(configMapName) ? materialised : besideFile;
    }

    /** Where a ConfigMap comes from, for messages. */
    public String describe(String configMapName) {
        return inFile.containsKey(configMapName)
                ? "from the SitRun file"
                : "from folder " + besideFile.root().resolve(configMapName);
    }

    public boolean has(ConfigMapKeyRef ref) {
        return source(ref.getName()).fileOrNull(ref) != null;
    }

    public boolean hasConfigMap(String name) {
        return inFile.containsKey(name) || Files.isDirectory(besideFile.root().resolve(name));
    }

    @Override
    public byte[] read(ConfigMapKeyRef ref) throws IOException {
        requireConfigMap(ref.getName());
        return source(ref.getName()).read(ref);
    }

    @Override
    public InputStream openStream(ConfigMapKeyRef ref) throws IOException {
        requireConfigMap(ref.getName());
        return source(ref.getName()).openStream(ref);
    }

    @Override
    public Path directory(String configMapName) throws IOException {
        requireConfigMap(configMapName);
        return source(configMapName).directory(configMapName);
    }

    /** The folder every ConfigMap of the file was written to (SIT_CONFIGMAPS_DIR for local systems). */
    public Path materialisedRoot() {
        return materialised.root();
    }

    private void requireConfigMap(String name) throws FixtureNotFoundException {
        if (!hasConfigMap(name)) {
            throw new FixtureNotFoundException("ConfigMap '" + name + "' is neither in the SitRun file nor a folder "
                    + besideFile.root().resolve(name));
        }
    }
}
