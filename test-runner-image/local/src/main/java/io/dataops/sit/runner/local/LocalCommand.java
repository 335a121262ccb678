package io.dataops.sit.runner.local;

import io.dataops.sit.api.ExternalParts;
import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.report.Reports;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.api.v1alpha1.spec.UserStepsSpec;
import io.dataops.sit.api.v1alpha1.status.NotIsolatedStatus;
import io.dataops.sit.runner.engine.ScenarioEngine;
import io.dataops.sit.runner.engine.UserSteps;
import io.dataops.sit.runner.seed.Seeder;
import io.dataops.sit.runner.steps.StepSettings;
import io.dataops.sit.runner.trace.FlowTraces;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * {@code ./sit run <sitrun.yaml> [--junit F] [--json F] [--html F]} (the main class of sit-local.jar): runs a whole
 * SitRun on this machine. {@link LocalEnvironment} starts the embedded servers (one broker per spec.brokers
 * entry, one PostgreSQL per spec.databases entry) and the topics, the seeding is the seed Jobs' code,
 * {@link LocalSystems} starts the systems that have a {@code local} command with the same environment as in
 * a cluster, then the scenarios run. Whatever it started is stopped at the end, on errors and on Ctrl-C.
 *
 * <p>Exit code: 0 every threshold passed, 1 a threshold or scenario failed, 2 error (bad input, a
 * server or system that does not start, seeding that fails or a data-quality gate that fails — as the
 * operator reports a failing gate as Error).
 */
public final class LocalCommand {

    private final PrintStream out;
    private final StartedResources started;
    private Path tempRoot;
    private final Instant startedAt = Instant.now();
    /** The seeds' gate results, each naming its database: reported with the run's result, passed or not. */
    private final List<SeedResult.GateResult> seedGates = new CopyOnWriteArrayList<>();

    LocalCommand(PrintStream out) {
        this.out = out;
        this.started = new StartedResources(out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        return new LocalCommand(System.out).execute(args);
    }

    /** @param html where Cucumber writes its HTML report of the scenarios, or null */
    record Options(Path file, Path junit, Path json, Path html) {}

    static final String USAGE = "usage: sit run <sitrun.yaml> [--junit F] [--json F] [--html F]";

    static Options parse(String[] args) {
        Path file = null;
        Path junit = null;
        Path json = null;
        Path html = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--junit", "--json", "--html" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("missing file after " + args[i] + "; " + USAGE);
                    }
                    Path value = Path.of(args[++i]);
                    switch (args[i - 1]) {
                        case "--junit" -> junit = value;
                        case "--json" -> json = value;
                        default -> html = value;
                    }
                }
                default -> {
                    if (args[i].startsWith("--") || file != null) {
                        throw new IllegalArgumentException("unexpected argument '" + args[i] + "'; " + USAGE);
                    }
                    file = Path.of(args[i]);
                }
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("which SitRun file? " + USAGE);
        }
        return new Options(file, junit, json, html);
    }

    int execute(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            out.println("sit run: " + e.getMessage());
            return RunContract.EXIT_ERROR;
        }
        Thread hook = new Thread(this::stopEverything, "sit-local-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        RunnerResult result;
        Instant start = Instant.now();
        try {
            result = runAll(options);
        } catch (LocalRunException e) {
            result = RunnerResult.error(e.reason == null ? "LocalRunError" : e.reason, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = RunnerResult.error("Interrupted", "interrupted");
        } catch (Exception e) {
            result = RunnerResult.error("LocalRunError", e.toString());
        } finally {
            phase("Stopping", "everything local mode started");
            stopEverything();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down (Ctrl-C): the hook runs anyway
            }
        }
        if (!seedGates.isEmpty()) {
            List<SeedResult.GateResult> gates = new ArrayList<>(seedGates);
            gates.addAll(result.getGates());
            result.setGates(gates);
        }
        if (result.getStartedAt() == null) {
            result.setStartedAt(start.toString());
            result.setFinishedAt(Instant.now().toString());
        }
        out.println();
        out.print(Reports.table(result));
        writeReports(result, options);
        int exit = switch (result.getOutcome()) {
            case PASSED -> RunContract.EXIT_PASSED;
            case FAILED -> RunContract.EXIT_FAILED;
            case ERROR -> RunContract.EXIT_ERROR;
        };
        String phase = switch (result.getOutcome()) {
            case PASSED -> "Succeeded";
            case FAILED -> "Failed";
            case ERROR -> "Error";
        };
        phase(
                phase,
                (result.getReason() == null ? "" : result.getReason() + ": ")
                        + (result.getMessage() == null ? "" : result.getMessage())
                        + " (" + Duration.between(start, Instant.now()).toMillis() / 1000.0 + " s, exit " + exit + ")");
        return exit;
    }

    private RunnerResult runAll(Options options) throws Exception {
        SitRunFile file;
        try {
            file = SitRunFile.read(options.file());
        } catch (SitRunFile.InvalidSitRunFileException e) {
            throw new LocalRunException(RunReason.BAD_INPUT, e.getMessage());
        }
        SitRun sitRun = file.sitRun();
        SitRunSpec spec = sitRun.getSpec();
        out.println("sit run: SitRun " + sitRun.getMetadata().getName() + " from " + options.file());
        // The CRD's rules on external parts, which no API server checked here.
        Optional<String> refusal = ExternalParts.refusal(spec);
        if (refusal.isPresent()) {
            throw new LocalRunException(RunReason.BAD_SPEC, refusal.get());
        }
        tempRoot = Files.createTempDirectory("sit-local-");
        LocalFixtures fixtures = new LocalFixtures(file.configMaps(), file.folder(), tempRoot.resolve("configmaps"));
        LocalPreflight.checkReferences(spec, fixtures);
        List<String> notes = new ArrayList<>(LocalPreflight.clusterOnlySettings(spec));
        // spec.runner.env and systems[].env as a cluster gives them: values, and keys of the file's Secrets and
        // ConfigMaps. The runner's variables are where the steps read an HTTP token; its timing knobs too.
        LocalVariables variables = new LocalVariables(file.secrets(), fixtures, System.getenv());
        Map<String, String> runnerVariables = new LinkedHashMap<>(System.getenv());
        runnerVariables.putAll(variables.resolve("runner.env", spec.getRunner().getEnv()));
        Map<String, Map<String, String>> systemVariables = new LinkedHashMap<>();
        for (SystemSpec system : spec.getSystems()) {
            if (system.getLocal() != null) {
                systemVariables.put(
                        system.getName(), variables.resolve("system " + system.getName() + " env", system.getEnv()));
            }
        }
        notes.addAll(variables.notes());
        if (!notes.isEmpty()) {
            out.println("sit run: not run as in a cluster:");
            notes.forEach(n -> out.println("  - " + n));
        }
        List<NotIsolatedStatus> shared = ExternalParts.notIsolated(spec);
        if (!shared.isEmpty()) {
            // as status.notIsolated says it in a cluster
            out.println("sit run: not isolated:");
            shared.forEach(s -> out.println("  - " + s.getMessage()));
        }

        // Parse the features and bind their steps before anything starts: an unknown step is an error that
        // costs no broker or database start.
        Path features = fixtures.directory(spec.getRunner().featuresConfigMapName());
        ScenarioEngine engine = new ScenarioEngine(StepSettings.fromEnv(runnerVariables), true)
                .withUserSteps(userSteps(spec.getRunner().getSteps(), fixtures, file.folder()));
        if (options.html() != null) {
            engine = engine.withHtmlReport(options.html());
        }
        Optional<RunnerResult> unbound = engine.check(features, spec.getRunner().getTags());
        if (unbound.isPresent()) {
            return unbound.get();
        }

        phase(
                "Provisioning",
                spec.getBrokers().size() + " broker(s), " + spec.getDatabases().size() + " database(s), "
                        + (spec.schemaRegistryEnabled() ? "a schema registry, " : "")
                        + spec.getSystems().size() + " system(s)");
        // Each database is seeded as soon as it is up, while the broker may still be starting.
        LocalEnvironment env = LocalEnvironment.start(
                sitRun,
                fixtures,
                runnerVariables,
                variables::secretValue,
                started,
                out,
                (db, connection) -> {
                    phase("Seeding", "database " + db.getName());
                    SeedResult seeded = new Seeder(fixtures, out).seed(db, connection);
                    seeded.getGates().forEach(g -> seedGates.add(g.withDatabase(db.getName())));
                    if (seeded.getOutcome() != Outcome.PASSED) {
                        throw new LocalRunException(
                                seeded.getReason(),
                                "seeding database " + db.getName() + " failed: " + seeded.getMessage());
                    }
                },
                tempRoot);

        // Systems export their spans to the runner's receiver; the flow steps read them.
        FlowTraces traces = started.add(FlowTraces.startOnLoopback());
        out.println("  traces: OTLP/HTTP receiver at " + traces.loopbackEndpoint());
        LocalSystems systems =
                LocalSystems.start(spec.getSystems(), systemVariables, env, traces, file.folder(), started, out);

        phase(
                "Testing",
                "features from ConfigMap " + spec.getRunner().featuresConfigMapName()
                        + (spec.getRunner().getTags() == null
                                ? ""
                                : ", tags " + spec.getRunner().getTags()));
        RunnerResult result = engine.withFlowTraces(traces)
                .run(
                        env.runEnvironment().withFaults(new LocalFaults(env, systems)),
                        features,
                        spec.getRunner().getTags());
        if (options.html() != null && Files.isRegularFile(options.html())) {
            out.println("sit run: HTML report written to " + options.html());
        }
        systems.reportExits();
        return result;
    }

    /**
     * The user steps' jars: {@code local.jar} relative to the SitRun file's folder when given, else the ConfigMap key
     * like any other reference (in the file, or a folder named after the ConfigMap beside it).
     */
    static List<UserSteps> userSteps(List<UserStepsSpec> specs, LocalFixtures fixtures, Path folder)
            throws IOException {
        List<UserSteps> steps = new ArrayList<>();
        for (UserStepsSpec spec : specs) {
            if (spec.getLocal() != null) {
                steps.add(new UserSteps(
                        spec.getGlue(),
                        folder.resolve(spec.getLocal().getJar()).normalize(),
                        "local jar " + spec.getLocal().getJar()));
            } else {
                steps.addAll(UserSteps.fromConfigMaps(List.of(spec), fixtures));
            }
        }
        return steps;
    }

    /** What this run started (for tests: an early error must not have started anything). */
    StartedResources startedResources() {
        return started;
    }

    /** Stops the systems, then the brokers and databases (StartedResources); safe to call twice (hook + finally). */
    private void stopEverything() {
        started.stopAll();
        if (tempRoot != null) {
            try (Stream<Path> files = Files.walk(tempRoot)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temp folder is harmless
            }
        }
    }

    private void writeReports(RunnerResult result, Options options) {
        try {
            if (options.json() != null) {
                Reports.writeJson(result, options.json());
                out.println("sit run: JSON result written to " + options.json());
            }
            if (options.junit() != null) {
                Reports.writeJunitXml(result, options.junit());
                out.println("sit run: JUnit XML written to " + options.junit());
            }
        } catch (RuntimeException e) {
            out.println("sit run: cannot write reports: " + e.getMessage());
        }
    }

    private void phase(String phase, String detail) {
        // one println: seeding reports its phase from the database thread while the broker thread prints
        out.println(String.format(
                        "== [%5.1fs] ",
                        Duration.between(startedAt, Instant.now()).toMillis() / 1000.0)
                + phase
                + (detail == null || detail.isBlank() ? "" : " — " + detail));
    }
}
