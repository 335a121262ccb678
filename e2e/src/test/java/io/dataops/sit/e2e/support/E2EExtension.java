package io.dataops.sit.e2e.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Gives test classes the shared {@link E2EEnvironment}: started by the first class that needs it and
 * stopped (control plane down, operator stopped) when the whole run ends, also when tests failed.
 * A failed test gets the operator's log tail printed, the first thing one needs to see.
 */
public class E2EExtension implements BeforeAllCallback, ParameterResolver, TestWatcher {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(E2EExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        environment(context);
    }

    static E2EEnvironment environment(ExtensionContext context) {
        return context.getRoot()
                .getStore(NS)
                .getOrComputeIfAbsent("environment", k -> new Closer(E2EEnvironment.start()), Closer.class)
                .env;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == E2EEnvironment.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return environment(extension);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Closer closer = context.getRoot().getStore(NS).get("environment", Closer.class);
        if (closer != null) {
            System.err.println("=== operator log tail after failure of " + context.getDisplayName() + " ===\n"
                    + closer.env.operator().logTail());
        }
    }

    /** JUnit closes CloseableResources in the root store once all tests ran. */
    record Closer(E2EEnvironment env) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            env.close();
        }
    }
}
