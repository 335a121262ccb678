package io.dataops.sit.runner.env;

import io.dataops.sit.api.v1alpha1.spec.ConfigMapKeyRef;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Finds the files a SitRun refers to. In a cluster they are the ConfigMaps the operator copied and
 * mounted under {@code RunContract.CONFIGMAPS_MOUNT_PATH}; locally they come from ConfigMap manifests
 * in the SitRun file itself or from a folder named after the ConfigMap beside it.
 */
public interface FixtureResolver {

    /** Content of one ConfigMap key; throws {@link FixtureNotFoundException} naming what is missing. */
    byte[] read(ConfigMapKeyRef ref) throws IOException;

    /** A folder holding every key of the ConfigMap as a file (features and their fixtures). */
    Path directory(String configMapName) throws IOException;

    final class FixtureNotFoundException extends IOException {
        public FixtureNotFoundException(String message) {
            super(message);
        }
    }
}
