package io.dataops.sit.runner.testing;

import io.cucumber.java.en.Given;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.runner.steps.RunContext;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.kafka.clients.producer.Producer;

/**
 * Builds a jar of user steps at test time, as a team would: the sources compiled with the JDK's compiler against the
 * runner core, Cucumber's annotations and the Kafka client (all "provided" by the runner), then packed with folder
 * entries as the jar tool writes them.
 */
public final class StepJars {

    private StepJars() {}

    /** @param sources class name (com.acme.Steps) -> Java source */
    public static Path build(Path dir, String jarName, Map<String, String> sources) throws IOException {
        Path src = Files.createDirectories(dir.resolve(jarName + "-src"));
        Path classes = Files.createDirectories(dir.resolve(jarName + "-classes"));
        List<String> args = new ArrayList<>(List.of(
                "-d",
                classes.toString(),
                "-classpath",
                providedClassPath(),
                "-proc:none",
                "-nowarn",
                "--release",
                "17"));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        if (javac.run(null, null, errors, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException(
                    "the test's step sources do not compile:\n" + errors.toString(StandardCharsets.UTF_8));
        }
        return jar(classes, dir.resolve(jarName));
    }

    /** Packs {@code classes} into {@code jar} with an entry for every folder, as the jar tool does. */
    public static Path jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            TreeSet<Path> sorted = files.filter(p -> !p.equals(classes)).collect(Collectors.toCollection(TreeSet::new));
            for (Path p : sorted) {
                String name = classes.relativize(p).toString().replace('\\', '/');
                if (Files.isDirectory(p)) {
                    out.putNextEntry(new JarEntry(name + "/"));
                } else {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(p, out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    /** What the runner provides to user steps: its core and API, Cucumber's annotations, the Kafka client. */
    static String providedClassPath() {
        return Stream.of(Given.class, RunContext.class, RunReason.class, Producer.class)
                .map(StepJars::location)
                .distinct()
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
