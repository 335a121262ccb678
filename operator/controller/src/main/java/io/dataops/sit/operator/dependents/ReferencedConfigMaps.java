package io.dataops.sit.operator.dependents;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.FileSource;
import io.dataops.sit.api.v1alpha1.spec.SeedStep;
import io.dataops.sit.api.v1alpha1.spec.UserStepsSpec;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every ConfigMap a SitRun references: the runner's features and user steps' jars, each seed step's configMapRef, each
 * database's dataset manifest and expected-schema files.
 */
public final class ReferencedConfigMaps {

    private ReferencedConfigMaps() {}

    public static Set<String> of(SitRun run) {
        Set<String> names = new TreeSet<>();
        var runner = run.getSpec().getRunner();
        if (runner != null && runner.featuresConfigMapName() != null) {
            names.add(runner.featuresConfigMapName());
        }
        if (runner != null) {
            for (UserStepsSpec steps : runner.getSteps()) {
                if (steps.jarRef() != null && steps.jarRef().getName() != null) {
                    names.add(steps.jarRef().getName());
                }
            }
        }
        for (DatabaseSpec db : run.getSpec().getDatabases()) {
            for (SeedStep step : db.getSeed()) {
                add(names, step.getSql());
                add(names, step.getCsv());
            }
            db.gateFiles().forEach(file -> add(names, file));
        }
        return names;
    }

    private static void add(Set<String> names, FileSource source) {
        if (source != null
                && source.getConfigMapRef() != null
                && source.getConfigMapRef().getName() != null) {
            names.add(source.getConfigMapRef().getName());
        }
    }
}
