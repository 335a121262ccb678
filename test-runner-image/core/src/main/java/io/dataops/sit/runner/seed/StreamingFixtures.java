package io.dataops.sit.runner.seed;

import io.dataops.sit.api.v1alpha1.spec.ConfigMapKeyRef;
import io.dataops.sit.runner.env.FixtureResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A {@link FixtureResolver} that can also open a fixture as a stream, so a large CSV is never held in
 * memory whole. Resolvers backed by files implement it; for any other resolver {@link #open} falls back
 * to {@link FixtureResolver#read}.
 */
public interface StreamingFixtures extends FixtureResolver {

    InputStream openStream(ConfigMapKeyRef ref) throws IOException;

    static InputStream open(FixtureResolver resolver, ConfigMapKeyRef ref) throws IOException {
        if (resolver instanceof StreamingFixtures streaming) {
            return streaming.openStream(ref);
        }
        return new ByteArrayInputStream(resolver.read(ref));
    }
}
