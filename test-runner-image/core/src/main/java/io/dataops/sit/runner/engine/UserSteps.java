package io.dataops.sit.runner.engine;

import io.dataops.sit.api.v1alpha1.spec.ConfigMapKeyRef;
import io.dataops.sit.api.v1alpha1.spec.UserStepsSpec;
import io.dataops.sit.runner.env.FixtureResolver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A team's own step definitions as the runner found them (spec.runner.steps): the glue package and the jar holding
 * it.
 *
 * @param glue   Java package of the step classes (and its sub-packages)
 * @param jar    the jar file
 * @param source where the jar came from, for messages (e.g. "ConfigMap acme-steps key steps.jar")
 */
public record UserSteps(String glue, Path jar, String source) {

    /**
     * The jars of {@code specs} where the run's ConfigMaps are ({@code <ConfigMap folder>/<key>}); whether each is
     * there and a jar is checked when the engine loads them.
     *
     * @throws FixtureResolver.FixtureNotFoundException when a named ConfigMap is not there at all
     */
    public static List<UserSteps> fromConfigMaps(List<UserStepsSpec> specs, FixtureResolver fixtures)
            throws IOException {
        List<UserSteps> steps = new ArrayList<>();
        for (UserStepsSpec spec : specs) {
            ConfigMapKeyRef ref = spec.jarRef();
            if (ref == null) {
                throw new FixtureResolver.FixtureNotFoundException(
                        "spec.runner.steps " + spec.getGlue() + " names no jar.configMapRef");
            }
            steps.add(new UserSteps(
                    spec.getGlue(),
                    fixtures.directory(ref.getName()).resolve(ref.getKey()),
                    "ConfigMap " + ref.getName() + " key " + ref.getKey()));
        }
        return steps;
    }
}
