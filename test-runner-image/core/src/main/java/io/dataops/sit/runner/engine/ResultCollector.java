package io.dataops.sit.runner.engine;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.StepDefinedEvent;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestStepFinished;
import io.dataops.sit.api.Redaction;
import io.dataops.sit.api.results.RunProgress;
import io.dataops.sit.api.results.ScenarioResult;
import io.dataops.sit.runner.steps.StepError;
import io.dataops.sit.runner.steps.ThresholdFailure;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Listens to Cucumber's events and turns them into scenario results and errors naming file:line. */
final class ResultCollector implements ConcurrentEventListener {

    /** A problem that makes the run an Error rather than a failure. */
    record RunError(String reason, String message) {}

    private final Path featuresDir;
    private final boolean echo;
    final List<ScenarioResult> scenarios = new ArrayList<>();
    final List<RunError> errors = new ArrayList<>();
    /** First problem per test case: status "error" or "failed", and the message naming file:line. */
    private final Map<UUID, String[]> problems = new HashMap<>();
    /** Templates of the user steps Cucumber bound, for suggestions. */
    private final List<String> userTemplates = new ArrayList<>();

    boolean anyThresholdFailure;
    private final RunProgressListener progress;
    private final int total;

    ResultCollector(Path featuresDir, boolean echo, RunProgressListener progress, int total) {
        this.featuresDir = featuresDir;
        this.echo = echo;
        this.progress = progress;
        this.total = total;
    }

    /** Progress before the first scenario: nothing finished yet, the total known from the dry run. */
    void reportStart() {
        tell(new RunProgress(total, 0, 0, 0, null));
    }

    private void tell(RunProgress p) {
        try {
            progress.onProgress(p);
        } catch (RuntimeException e) {
            // Progress is a convenience for watchers: it never fails the run.
            System.err.println("warning: cannot report progress: " + e.getMessage());
        }
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(StepDefinedEvent.class, this::onStepDefined);
        publisher.registerHandlerFor(TestCaseStarted.class, this::onTestCaseStarted);
        publisher.registerHandlerFor(TestStepFinished.class, this::onStep);
        publisher.registerHandlerFor(TestCaseFinished.class, this::onTestCase);
    }

    String location(URI uri, int line) {
        return relative(uri) + ":" + line;
    }

    String relative(URI uri) {
        try {
            Path p = Path.of(uri);
            return featuresDir.toAbsolutePath().relativize(p.toAbsolutePath()).toString();
        } catch (RuntimeException e) {
            return uri.toString();
        }
    }

    /** User steps (spec.runner.steps) join the built-in ones as suggestions for an unknown step. */
    private synchronized void onStepDefined(StepDefinedEvent event) {
        String location = event.getStepDefinition().getLocation();
        if (location != null && !location.startsWith(ScenarioEngine.GLUE_PACKAGE + ".")) {
            userTemplates.add(StepSuggester.template(event.getStepDefinition().getPattern()));
        }
    }

    /** A scenario that hangs (and ends in a timeout) is then named in the pod log the evidence keeps. */
    private void onTestCaseStarted(TestCaseStarted event) {
        if (echo) {
            System.err.println(
                    "scenario \"" + Redaction.redact(event.getTestCase().getName()) + "\" started ("
                            + location(
                                    event.getTestCase().getUri(),
                                    event.getTestCase().getLocation().getLine()) + ")");
        }
    }

    private synchronized void onStep(TestStepFinished event) {
        if (!(event.getTestStep() instanceof PickleStepTestStep step)) {
            if (event.getResult().getStatus() == Status.FAILED) {
                Throwable error = event.getResult().getError();
                if (error instanceof StepError se) {
                    // a before-hook (@isolated) refusing the scenario: its reason, at the scenario's line
                    TestCase testCase = event.getTestCase();
                    record(
                            testCase,
                            "error",
                            se.reason(),
                            location(testCase.getUri(), testCase.getLocation().getLine()) + ": " + se.getMessage());
                } else {
                    record(event.getTestCase(), "error", null, "hook failed: " + error);
                }
            }
            return;
        }
        Status status = event.getResult().getStatus();
        String where = location(step.getUri(), step.getStep().getLine());
        String text = step.getStep().getKeyword() + step.getStep().getText();
        if (echo) {
            // Step text may carry a URL with credentials (system job started: https://...?token=): the pod log is read
            // widely.
            System.err.println("  " + symbol(status) + " " + Redaction.redact(text.strip()) + "  (" + where + ")");
        }
        Throwable error = event.getResult().getError();
        switch (status) {
            case UNDEFINED -> {
                String message = where + ": unknown step \"" + step.getStep().getText() + "\"; did you mean \""
                        + StepSuggester.closest(step.getStep().getText(), userTemplates)
                        + "\"? (see docs/steps.md)";
                record(event.getTestCase(), "error", "UnknownStep", message);
            }
            case AMBIGUOUS ->
                record(
                        event.getTestCase(),
                        "error",
                        "AmbiguousStep",
                        where + ": step \"" + step.getStep().getText() + "\" matches more than one step definition: "
                                + messageOf(error));
            case FAILED -> {
                if (error instanceof StepError se) {
                    record(event.getTestCase(), "error", se.reason(), where + ": " + se.getMessage());
                } else {
                    if (error instanceof ThresholdFailure) {
                        anyThresholdFailure = true;
                    }
                    record(event.getTestCase(), "failed", null, where + ": " + messageOf(error));
                }
            }
            case PENDING -> record(event.getTestCase(), "failed", null, where + ": step is pending");
            default -> {}
        }
    }

    private static String symbol(Status status) {
        return switch (status) {
            case PASSED -> "✔";
            case SKIPPED -> "-";
            case FAILED -> "✘";
            default -> "?";
        };
    }

    private static String messageOf(Throwable error) {
        if (error == null) {
            return "failed";
        }
        String m = error.getMessage();
        return m == null || m.isBlank() ? error.toString() : m;
    }

    private void record(TestCase testCase, String status, String reason, String message) {
        problems.putIfAbsent(testCase.getId(), new String[] {status, message});
        if ("error".equals(status)) {
            errors.add(new RunError(reason == null ? "StepError" : reason, message));
        }
    }

    private synchronized void onTestCase(TestCaseFinished event) {
        TestCase testCase = event.getTestCase();
        ScenarioResult result = new ScenarioResult();
        result.setFeature(relative(testCase.getUri()));
        result.setName(testCase.getName());
        result.setDurationMillis(event.getResult().getDuration().toMillis());
        String[] problem = problems.get(testCase.getId());
        if (problem != null) {
            result.setStatus(problem[0]);
            result.setMessage(problem[1]);
        } else {
            result.setStatus(
                    switch (event.getResult().getStatus()) {
                        case PASSED -> "passed";
                        case SKIPPED -> "skipped";
                        default -> "failed";
                    });
            if (!"passed".equals(result.getStatus()) && event.getResult().getError() != null) {
                result.setMessage(messageOf(event.getResult().getError()));
            }
        }
        scenarios.add(result);
        int passed = (int)
                scenarios.stream().filter(s -> "passed".equals(s.getStatus())).count();
        tell(new RunProgress(
                total, scenarios.size(), passed, scenarios.size() - passed, Redaction.redact(testCase.getName())));
        if (echo) {
            System.err.println("scenario \"" + Redaction.redact(testCase.getName()) + "\" " + result.getStatus()
                    + " in " + result.getDurationMillis() + " ms");
        }
    }
}
