package io.dataops.sit.runner.engine;

import io.cucumber.core.backend.Backend;
import io.cucumber.core.backend.Glue;
import io.cucumber.core.backend.Snippet;
import io.cucumber.java.JavaBackendProviderService;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

/**
 * Cucumber's Java backend over a {@link ScenarioObjectFactory}. Cucumber's runner starts and stops only the object
 * factory it loaded itself, so this backend brackets each scenario with the run's factory: a fresh scenario
 * container before the first step, disposed after the last hook.
 */
final class RunBackend implements Backend {

    private final ScenarioObjectFactory objects;
    private final Backend java;

    RunBackend(ScenarioObjectFactory objects, Supplier<ClassLoader> classLoader) {
        this.objects = objects;
        this.java = new JavaBackendProviderService().create(objects, objects, classLoader);
    }

    @Override
    public void loadGlue(Glue glue, List<URI> gluePaths) {
        java.loadGlue(glue, gluePaths);
    }

    @Override
    public void buildWorld() {
        objects.start();
        java.buildWorld();
    }

    @Override
    public void disposeWorld() {
        try {
            java.disposeWorld();
        } finally {
            objects.stop();
        }
    }

    @Override
    public Snippet getSnippet() {
        return java.getSnippet();
    }
}
