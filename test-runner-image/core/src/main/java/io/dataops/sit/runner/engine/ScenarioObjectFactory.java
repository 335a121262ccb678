package io.dataops.sit.runner.engine;

import io.cucumber.core.backend.ObjectFactory;
import io.dataops.sit.runner.steps.RunContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.Set;
import org.picocontainer.MutablePicoContainer;
import org.picocontainer.PicoBuilder;

/**
 * Cucumber's object factory for one engine run, on picocontainer: a run container holds the {@link RunContext}
 * the engine hands in, and each scenario gets a child container that constructs the step classes and their
 * constructor arguments (the {@link io.dataops.sit.runner.steps.ScenarioWorld}) once for that scenario.
 *
 * <p>Not cucumber-picocontainer's {@code PicoFactory}: Cucumber creates that one itself with no arguments, so the
 * run could only reach it through a static, which is what let two runs in one JVM see each other's state.
 */
final class ScenarioObjectFactory implements ObjectFactory {

    private final MutablePicoContainer runContainer;
    private final Set<Class<?>> scenarioClasses = new LinkedHashSet<>();
    private MutablePicoContainer scenarioContainer;

    ScenarioObjectFactory(RunContext run) {
        runContainer = new PicoBuilder().build();
        runContainer.addComponent(RunContext.class, run);
    }

    @Override
    public void start() {
        scenarioContainer =
                new PicoBuilder(runContainer).withCaching().withLifecycle().build();
        scenarioClasses.forEach(scenarioContainer::addComponent);
        scenarioContainer.start();
    }

    @Override
    public void stop() {
        if (scenarioContainer == null) {
            return;
        }
        if (scenarioContainer.getLifecycleState().isStarted()) {
            scenarioContainer.stop();
        }
        scenarioContainer.dispose();
        scenarioContainer = null;
    }

    /** Glue classes and, transitively, their constructor parameters; the run-wide context is never constructed. */
    @Override
    public boolean addClass(Class<?> type) {
        if (type != RunContext.class && constructible(type) && scenarioClasses.add(type)) {
            for (Constructor<?> constructor : type.getConstructors()) {
                for (Class<?> parameter : constructor.getParameterTypes()) {
                    addClass(parameter);
                }
            }
        }
        return true;
    }

    @Override
    public <T> T getInstance(Class<T> type) {
        if (scenarioContainer == null) {
            throw new IllegalStateException("no scenario is running: " + type.getName() + " exists only within one");
        }
        return scenarioContainer.getComponent(type);
    }

    private static boolean constructible(Class<?> type) {
        boolean innerClass = !Modifier.isStatic(type.getModifiers()) && type.getEnclosingClass() != null;
        return Modifier.isPublic(type.getModifiers())
                && !Modifier.isAbstract(type.getModifiers())
                && !innerClass
                && !type.isInterface()
                && !type.isPrimitive();
    }
}
