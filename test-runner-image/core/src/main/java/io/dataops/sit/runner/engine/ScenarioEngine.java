package io.dataops.sit.runner.engine;

import io.cucumber.core.feature.FeatureWithLines;
import io.cucumber.core.options.RuntimeOptions;
import io.cucumber.core.options.RuntimeOptionsBuilder;
import io.cucumber.core.runtime.Runtime;
import io.cucumber.tagexpressions.TagExpressionException;
import io.cucumber.tagexpressions.TagExpressionParser;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ScenarioCounts;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.results.ThresholdResult;
import io.dataops.sit.runner.env.RunEnvironment;
import io.dataops.sit.runner.evidence.TouchedData;
import io.dataops.sit.runner.seed.CrossDatabaseGates;
import io.dataops.sit.runner.seed.SeedException;
import io.dataops.sit.runner.steps.RunContext;
import io.dataops.sit.runner.steps.StepSettings;
import io.dataops.sit.runner.trace.FlowTraces;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the Gherkin features of a SitRun with Cucumber's own runtime and the built-in step library
 * (glue package {@code io.dataops.sit.runner.steps}). A dry run first catches unparsable features and
 * unknown steps before anything touches Kafka. Never throws for test failures: failures and errors are
 * reported in the returned result (outcome, reason, message naming file:line).
 */
public final class ScenarioEngine {

    public static final String GLUE_PACKAGE = "io.dataops.sit.runner.steps";

    private final StepSettings settings;
    private final boolean echo;
    private final Path htmlReport;
    private final RunProgressListener progress;
    private final TouchedData touchedData;
    private final FlowTraces traces;
    private final List<UserSteps> userSteps;

    public ScenarioEngine() {
        this(StepSettings.fromEnv(System.getenv()), true);
    }

    public ScenarioEngine(StepSettings settings, boolean echo) {
        this(settings, echo, null, RunProgressListener.NONE, new TouchedData(), null, List.of());
    }

    private ScenarioEngine(
            StepSettings settings,
            boolean echo,
            Path htmlReport,
            RunProgressListener progress,
            TouchedData touchedData,
            FlowTraces traces,
            List<UserSteps> userSteps) {
        this.settings = settings;
        this.echo = echo;
        this.htmlReport = htmlReport;
        this.progress = progress;
        this.touchedData = touchedData;
        this.traces = traces;
        this.userSteps = List.copyOf(userSteps);
    }

    /** The real run also writes Cucumber's own HTML report to {@code file} (the dry run never does). */
    public ScenarioEngine withHtmlReport(Path file) {
        return new ScenarioEngine(settings, echo, file, progress, touchedData, traces, userSteps);
    }

    /** {@code listener} hears the total before the first scenario and the counts after each one. */
    public ScenarioEngine withProgress(RunProgressListener listener) {
        return new ScenarioEngine(settings, echo, htmlReport, listener, touchedData, traces, userSteps);
    }

    /** The steps record the tables they name and the Avro schemas of topics into {@code touched} (for the data evidence). */
    public ScenarioEngine withTouchedData(TouchedData touched) {
        return new ScenarioEngine(settings, echo, htmlReport, progress, touched, traces, userSteps);
    }

    /**
     * The run receives traces into {@code received} (started by the caller, which knows where systems reach it): the
     * publish steps start a trace per record and the flow steps read the spans. The caller closes it.
     */
    public ScenarioEngine withFlowTraces(FlowTraces received) {
        return new ScenarioEngine(settings, echo, htmlReport, progress, touchedData, received, userSteps);
    }

    /**
     * The team's own step definitions (spec.runner.steps), bound next to the built-in ones: the dry run checks the
     * features against both, a step text defined twice ends the run before any scenario (UserStepsInvalid).
     */
    public ScenarioEngine withUserSteps(List<UserSteps> steps) {
        return new ScenarioEngine(settings, echo, htmlReport, progress, touchedData, traces, steps);
    }

    /**
     * @param env           where brokers, databases and fixtures are
     * @param featuresDir   folder holding the .feature files and their fixtures
     * @param tagExpression Cucumber tag expression, or null/blank for every scenario
     */
    public RunnerResult run(RunEnvironment env, Path featuresDir, String tagExpression) {
        RunnerResult result = new RunnerResult();
        result.setStartedAt(Instant.now().toString());
        try (UserStepsLoader steps = UserStepsLoader.open(userSteps, ScenarioEngine.class.getClassLoader())) {
            runInto(result, env, featuresDir.toAbsolutePath().normalize(), tagExpression, steps);
        } catch (UserStepsLoader.InvalidUserSteps e) {
            result.end(Outcome.ERROR, RunReason.USER_STEPS_INVALID, e.getMessage());
        } catch (RuntimeException e) {
            result.end(Outcome.ERROR, RunReason.RUNNER_ERROR, "the scenario engine failed: " + e);
        }
        result.setFinishedAt(Instant.now().toString());
        return result;
    }

    /**
     * The dry run alone, before anything is started: parses every feature and binds every step to the step
     * library without a broker, database or run environment. Local mode calls it before it starts Kafka and
     * PostgreSQL, so a typo in a step costs a second, not a broker start.
     *
     * @return the error result (outcome ERROR, reason and file:line message) the real run would end with, or
     *         empty when every selected scenario parses and binds
     */
    public Optional<RunnerResult> check(Path featuresDir, String tagExpression) {
        RunnerResult result = new RunnerResult();
        result.setStartedAt(Instant.now().toString());
        try (UserStepsLoader steps = UserStepsLoader.open(userSteps, ScenarioEngine.class.getClassLoader())) {
            dryRun(
                    result,
                    new RunContext(null, featuresDir.toAbsolutePath().normalize(), t -> {}, settings, touchedData),
                    tagExpression,
                    steps);
        } catch (UserStepsLoader.InvalidUserSteps e) {
            result.end(Outcome.ERROR, RunReason.USER_STEPS_INVALID, e.getMessage());
        } catch (RuntimeException e) {
            result.end(Outcome.ERROR, RunReason.RUNNER_ERROR, "the scenario engine failed: " + e);
        }
        if (result.getOutcome() == null) {
            return Optional.empty();
        }
        result.setFinishedAt(Instant.now().toString());
        return Optional.of(result);
    }

    /**
     * Parses every feature and binds every step without executing anything. Ends {@code result} with the
     * error and returns -1 when something does not parse or bind, else returns the number of scenarios.
     */
    private int dryRun(RunnerResult result, RunContext run, String tags, UserStepsLoader steps) {
        Path featuresDir = run.featuresDir();
        if (!Files.isDirectory(featuresDir)) {
            result.end(
                    Outcome.ERROR, RunReason.FIXTURE_NOT_FOUND, "features folder " + featuresDir + " does not exist");
            return -1;
        }
        if (!hasFeatureFiles(featuresDir)) {
            result.end(Outcome.ERROR, RunReason.NO_SCENARIOS, "no .feature file in " + featuresDir);
            return -1;
        }
        RuntimeOptions options;
        try {
            options = options(featuresDir, tags, null, steps.gluePackages());
        } catch (TagExpressionException e) {
            result.end(Outcome.ERROR, RunReason.BAD_INPUT, "invalid tag expression '" + tags + "': " + e.getMessage());
            return -1;
        }
        ResultCollector dry = new ResultCollector(featuresDir, false, RunProgressListener.NONE, 0);
        String parseError;
        try {
            parseError = execute(options, dry, run, steps.classLoader());
        } catch (DuplicateSteps e) {
            result.end(Outcome.ERROR, RunReason.USER_STEPS_INVALID, e.getMessage());
            return -1;
        }
        if (parseError != null) {
            result.end(Outcome.ERROR, RunReason.FEATURE_PARSE_ERROR, parseError);
            return -1;
        }
        if (!dry.errors.isEmpty()) {
            ResultCollector.RunError first = dry.errors.get(0);
            result.end(
                    Outcome.ERROR,
                    first.reason(),
                    dry.errors.stream()
                            .map(ResultCollector.RunError::message)
                            .distinct()
                            .collect(Collectors.joining("; ")));
            return -1;
        }
        if (dry.scenarios.isEmpty()) {
            result.end(
                    Outcome.ERROR,
                    RunReason.NO_SCENARIOS,
                    "no scenario in " + featuresDir
                            + (tags == null || tags.isBlank() ? "" : " matches tags '" + tags + "'"));
            return -1;
        }
        return dry.scenarios.size();
    }

    private void runInto(
            RunnerResult result, RunEnvironment env, Path featuresDir, String tags, UserStepsLoader steps) {
        List<ThresholdResult> thresholds = new CopyOnWriteArrayList<>();
        RunContext run = new RunContext(env, featuresDir, thresholds::add, settings, touchedData, traces);
        // 1. Dry run: parse every feature and bind every step without executing anything.
        int scenarios = dryRun(result, run, tags, steps);
        if (scenarios < 0) {
            return;
        }
        // Gates across databases: every database is seeded by now, and only the runner reaches them all.
        if (!crossDatabaseGatesPass(result, env)) {
            return;
        }
        // 2. The real run.
        ResultCollector collector = new ResultCollector(featuresDir, echo, progress, scenarios);
        collector.reportStart();
        if (htmlReport != null) {
            createParent(htmlReport);
        }
        String parseError = execute(
                options(featuresDir, tags, htmlReport == null ? REAL_RUN : htmlReport, steps.gluePackages()),
                collector,
                run,
                steps.classLoader());
        result.setThresholds(List.copyOf(thresholds));
        result.setScenarioResults(List.copyOf(collector.scenarios));
        int passed = (int) collector.scenarios.stream()
                .filter(s -> "passed".equals(s.getStatus()))
                .count();
        result.setScenarios(
                new ScenarioCounts(collector.scenarios.size(), passed, collector.scenarios.size() - passed));
        if (parseError != null) {
            result.end(Outcome.ERROR, RunReason.FEATURE_PARSE_ERROR, parseError);
        } else if (!collector.errors.isEmpty()) {
            result.end(
                    Outcome.ERROR,
                    collector.errors.get(0).reason(),
                    collector.errors.stream()
                            .map(ResultCollector.RunError::message)
                            .distinct()
                            .collect(Collectors.joining("; ")));
        } else if (thresholds.stream().anyMatch(t -> !t.isPassed())) {
            List<ThresholdResult> failed =
                    thresholds.stream().filter(t -> !t.isPassed()).toList();
            result.end(
                    Outcome.FAILED,
                    RunReason.THRESHOLDS_FAILED,
                    failed.size() + " of " + thresholds.size() + " thresholds failed: "
                            + failed.stream()
                                    .map(t -> t.getName() + " (actual "
                                            + (t.getActual() == null
                                                    ? "not measured"
                                                    : t.getActual().toPlainString()) + ")")
                                    .collect(Collectors.joining("; ")));
        } else if (passed < collector.scenarios.size()) {
            result.end(
                    Outcome.FAILED,
                    RunReason.SCENARIO_FAILED,
                    collector.scenarios.stream()
                            .filter(s -> !"passed".equals(s.getStatus()))
                            .map(s -> s.getName() + ": " + s.getMessage())
                            .collect(Collectors.joining("; ")));
        } else {
            result.setOutcome(Outcome.PASSED);
            result.setMessage(passed + " scenarios and " + thresholds.size() + " thresholds passed");
        }
    }

    /**
     * Checks the gates that read two databases (CrossDatabaseGates) into {@code result.gates}; false, with the result
     * ended as Error (GateFailed naming the gate, or why it could not be checked), when one fails.
     */
    private boolean crossDatabaseGatesPass(RunnerResult result, RunEnvironment env) {
        if (env == null
                || env.sitRun() == null
                || env.sitRun().getSpec() == null
                || !CrossDatabaseGates.any(env.sitRun().getSpec().getDatabases())) {
            return true;
        }
        List<SeedResult.GateResult> gates;
        try {
            gates = CrossDatabaseGates.check(
                    env.sitRun().getSpec().getDatabases(),
                    env::database,
                    echo ? System.out : new PrintStream(OutputStream.nullOutputStream()));
        } catch (SeedException e) {
            result.end(Outcome.ERROR, e.reason(), e.getMessage());
            return false;
        }
        result.getGates().addAll(gates);
        List<SeedResult.GateResult> failed =
                gates.stream().filter(g -> !g.passed()).toList();
        if (failed.isEmpty()) {
            return true;
        }
        result.end(
                Outcome.ERROR,
                RunReason.GATE_FAILED,
                "data-quality gate failed before the scenarios: "
                        + failed.stream()
                                .map(g -> g.name() + " on database " + g.database() + " (" + g.message() + ")")
                                .collect(Collectors.joining("; ")));
        return false;
    }

    private static boolean hasFeatureFiles(Path dir) {
        try {
            return !featureFiles(dir).isEmpty();
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /**
     * The .feature files under {@code dir}, sorted. A mounted ConfigMap holds each file three times (the key's
     * symlink, {@code ..data/} and the timestamped {@code ..<date>/} folder it points to): paths through a
     * {@code ..}-named folder are skipped, so each feature runs once under its own name.
     */
    static List<Path> featureFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".feature") && Files.isRegularFile(p))
                    .filter(p -> {
                        for (Path part : dir.relativize(p)) {
                            if (part.toString().startsWith("..")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Marks the real run without an HTML report; a null html path means the dry run. */
    private static final Path REAL_RUN = Path.of("");

    private static void createParent(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of the HTML report " + file, e);
        }
    }

    /** @param html null for the dry run, {@link #REAL_RUN} for a real run without HTML, else the HTML report file */
    private static RuntimeOptions options(Path featuresDir, String tags, Path html, List<String> userGlue) {
        boolean dryRun = html == null;
        RuntimeOptionsBuilder builder =
                new RuntimeOptionsBuilder().addGlue(URI.create("classpath:/" + GLUE_PACKAGE.replace('.', '/')));
        for (String glue : userGlue) {
            builder.addGlue(URI.create("classpath:/" + glue.replace('.', '/')));
        }
        for (Path feature : featureFiles(featuresDir)) {
            builder.addFeature(FeatureWithLines.create(feature.toUri(), List.of()));
        }
        builder.setMonochrome().setPublishQuiet(true).setDryRun(dryRun);
        if (html != null && html != REAL_RUN) {
            builder.addPluginName("html:" + html.toAbsolutePath());
        }
        if (tags != null && !tags.isBlank()) {
            builder.addTagFilter(TagExpressionParser.parse(tags));
        }
        return builder.build();
    }

    /** Two step definitions with one text (a user step repeating a built-in one, or another user step). */
    static final class DuplicateSteps extends RuntimeException {
        DuplicateSteps(String message) {
            super(message);
        }
    }

    /**
     * Runs Cucumber; returns a "file:line: message" when a feature cannot be parsed, else null. The steps get
     * {@code run} through their constructors: each Cucumber runner (one per thread) gets its own object factory.
     * {@code loader} finds the glue (Cucumber scans the glue packages through it) and is the thread's context class
     * loader meanwhile, for libraries in a user step that load classes by name.
     */
    private static String execute(
            RuntimeOptions options, ResultCollector collector, RunContext run, ClassLoader loader) {
        Supplier<ClassLoader> classLoader = () -> loader;
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Runtime.builder()
                    .withRuntimeOptions(options)
                    .withClassLoader(classLoader)
                    .withBackendSupplier(() -> List.of(new RunBackend(new ScenarioObjectFactory(run), classLoader)))
                    .withAdditionalPlugins(collector)
                    .build()
                    .run();
            return null;
        } catch (RuntimeException e) {
            String parse = parseErrorMessage(e, collector);
            if (parse != null) {
                return parse;
            }
            String duplicate = duplicateStepMessage(e);
            if (duplicate != null) {
                throw new DuplicateSteps(duplicate);
            }
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Cucumber's DuplicateStepDefinitionException names both definitions (class and method); null for others. */
    static String duplicateStepMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("DuplicateStepDefinitionException")) {
                return t.getMessage()
                        + ": a user step may not repeat a built-in step's text (docs/steps.md) nor another user step's";
            }
        }
        return null;
    }

    private static final Pattern GHERKIN_POSITION = Pattern.compile("\\((\\d+):(\\d+)\\):\\s*(.*)");
    private static final Pattern RESOURCE_URI = Pattern.compile("(file:[^\\s'\"]+\\.feature)");

    /** Cucumber reports "Failed to parse resource at: file:...feature" with Gherkin's "(line:col): ..." in the cause. */
    static String parseErrorMessage(Throwable e, ResultCollector collector) {
        String file = null;
        String position = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            Matcher uri = RESOURCE_URI.matcher(m);
            if (file == null && uri.find()) {
                file = collector.relative(URI.create(uri.group(1)));
            }
            Matcher pos = GHERKIN_POSITION.matcher(m);
            if (position == null && pos.find()) {
                position = pos.group(1) + ": "
                        + pos.group(3).lines().findFirst().orElse("").strip();
            }
            if (t.getClass().getName().contains("FeatureParserException")
                    || t.getClass().getName().contains("Parser")) {
                if (file == null) {
                    file = "<feature>";
                }
            }
        }
        if (file == null) {
            return null;
        }
        return file + ":" + (position != null ? position : "1: cannot parse feature: " + e.getMessage());
    }
}
