package io.dataops.sit.runner.engine;

import io.dataops.sit.api.v1alpha1.spec.UserStepsSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipException;

/**
 * The class loader the scenarios run with: the runner's own, or, with user steps, a child of it that also reads their
 * jars. Parent first, so a user jar that bundles Cucumber or the runner's classes still binds to the runner's copies
 * (one {@code @Given} annotation type, one {@code StepError}). Every jar is checked before Cucumber sees it, so a
 * wrong jar or package is named here rather than surfacing as "unknown step".
 */
final class UserStepsLoader implements AutoCloseable {

    /** spec.runner.steps cannot be used as given: the run ends as Error, reason UserStepsInvalid. */
    static final class InvalidUserSteps extends Exception {
        InvalidUserSteps(String message) {
            super(message);
        }
    }

    private final ClassLoader classLoader;
    private final List<String> gluePackages;

    private UserStepsLoader(ClassLoader classLoader, List<String> gluePackages) {
        this.classLoader = classLoader;
        this.gluePackages = gluePackages;
    }

    static UserStepsLoader open(List<UserSteps> steps, ClassLoader runner) throws InvalidUserSteps {
        if (steps.isEmpty()) {
            return new UserStepsLoader(runner, List.of());
        }
        List<URL> jars = new ArrayList<>();
        List<String> packages = new ArrayList<>();
        for (UserSteps s : steps) {
            check(s, runner);
            try {
                jars.add(s.jar().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new InvalidUserSteps(s.source() + ": " + e.getMessage());
            }
            packages.add(s.glue());
        }
        return new UserStepsLoader(
                new URLClassLoader("sit-user-steps", jars.toArray(URL[]::new), runner), List.copyOf(packages));
    }

    private static void check(UserSteps steps, ClassLoader runner) throws InvalidUserSteps {
        String glue = steps.glue();
        if (UserStepsSpec.reservedGlue(glue)) {
            throw new InvalidUserSteps(
                    "glue package " + glue + " of " + steps.source() + ": " + UserStepsSpec.GLUE_MESSAGE);
        }
        if (!Files.isRegularFile(steps.jar())) {
            throw new InvalidUserSteps(steps.source() + " not found (looked for " + steps.jar() + ")");
        }
        String path = glue.replace('.', '/');
        boolean classes = false;
        boolean folder = false;
        TreeSet<String> packages = new TreeSet<>();
        try (JarFile jar = new JarFile(steps.jar().toFile())) {
            for (JarEntry entry : jar.stream().toList()) {
                String name = entry.getName();
                if (name.endsWith(".class") && name.contains("/") && !name.startsWith("META-INF/")) {
                    packages.add(name.substring(0, name.lastIndexOf('/')).replace('/', '.'));
                    classes |= name.startsWith(path + "/");
                }
                folder |= name.equals(path + "/");
            }
        } catch (ZipException e) {
            throw new InvalidUserSteps(steps.source() + " is not a jar: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidUserSteps("cannot read " + steps.source() + ": " + e);
        }
        if (!classes) {
            throw new InvalidUserSteps(steps.source() + " holds no class in glue package " + glue
                    + (packages.isEmpty()
                            ? " (it holds no class at all)"
                            : " (its packages: " + packages.stream().limit(10).toList()
                                    + (packages.size() > 10 ? " ..." : "") + ")"));
        }
        if (!folder) {
            // Cucumber finds glue through the package's folder entry, which some zip tools leave out.
            throw new InvalidUserSteps(steps.source() + " has no folder entry " + path + "/ for glue package " + glue
                    + ": build the jar with the jar tool or Maven, which write folder entries");
        }
        if (runner.getResource(path) != null) {
            // Cucumber would also scan (and load) the runner's own classes of that package.
            throw new InvalidUserSteps("glue package " + glue + " of " + steps.source()
                    + " is also a package of the runner's own class path: name a package of your own");
        }
    }

    ClassLoader classLoader() {
        return classLoader;
    }

    List<String> gluePackages() {
        return gluePackages;
    }

    @Override
    public void close() {
        // Only the loader made here: the runner's own may be a URLClassLoader too.
        if (!gluePackages.isEmpty() && classLoader instanceof URLClassLoader own) {
            try {
                own.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the user steps' jars", e);
            }
        }
    }
}
