package io.dataops.sit.runner.steps;

import io.cucumber.java.After;
import io.cucumber.java.en.When;
import io.dataops.sit.api.Redaction;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.runner.env.FaultTarget;
import io.dataops.sit.runner.env.Faults.FaultException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Fault injection: a broker, database or system of the run made unavailable (until a later step restores it, or for
 * N seconds), or restarted. Where the runner is decides how ({@link io.dataops.sit.runner.env.Faults}); a SitRun
 * must opt in with {@code spec.runner.faults: true}, in a cluster and locally alike. Whatever a scenario left down is
 * brought back when it ends, passed or failed, before any other scenario-end hook.
 */
public class FaultSteps {

    /** After hooks with a higher order run first: before anything else that ends a scenario. */
    static final int RESTORE_ORDER = 100_000;

    private final ScenarioWorld world;
    private final RunContext run;

    public FaultSteps(ScenarioWorld world, RunContext run) {
        this.world = world;
        this.run = run;
    }

    @When(StepTexts.FAULT_UNAVAILABLE)
    public void unavailable(String kind, String name, Long seconds) {
        FaultTarget target = target(kind, name);
        ActiveFaults faults = faults();
        if (faults.isActive(target)) {
            throw new StepError(RunReason.BAD_INPUT, target + " is unavailable already in this scenario");
        }
        long started = System.nanoTime();
        try {
            faults.stop(target);
        } catch (FaultException e) {
            throw failed(target, e);
        }
        System.err.println("    " + target + " unavailable (stopped in " + millisSince(started) + " ms)"
                + (seconds == null ? "" : "; restored in " + seconds + " s"));
        if (seconds != null) {
            faults.restoreAfter(target, Duration.ofSeconds(seconds));
        }
    }

    @When(StepTexts.FAULT_AVAILABLE_AGAIN)
    public void availableAgain(String kind, String name) {
        FaultTarget target = target(kind, name);
        ActiveFaults faults = faults();
        if (!faults.isActive(target)) {
            throw new StepError(
                    RunReason.BAD_INPUT,
                    target + " is not unavailable: no earlier step of this scenario made it unavailable, or its "
                            + "\"for N seconds\" ended already");
        }
        long started = System.nanoTime();
        try {
            faults.restore(target);
        } catch (FaultException e) {
            throw failed(target, e);
        }
        System.err.println("    " + target + " available again (ready in " + millisSince(started) + " ms)");
    }

    @When(StepTexts.FAULT_RESTARTED)
    public void restarted(String kind, String name) {
        FaultTarget target = target(kind, name);
        ActiveFaults faults = faults();
        if (faults.isActive(target)) {
            throw new StepError(
                    RunReason.BAD_INPUT, target + " is unavailable in this scenario: restore it before a restart");
        }
        long started = System.nanoTime();
        try {
            faults.stop(target);
            faults.restore(target);
        } catch (FaultException e) {
            throw failed(target, e);
        }
        System.err.println("    " + target + " restarted (ready again in " + millisSince(started) + " ms)");
    }

    /** Brings back what this scenario left down, whether it passed or failed. */
    @After(order = RESTORE_ORDER)
    public void restoreFaults() {
        if (world.faults == null) {
            return;
        }
        List<String> failures = world.faults.restoreAll();
        if (!failures.isEmpty()) {
            throw new StepError(
                    RunReason.RUNNER_ERROR,
                    "could not undo the faults of scenario '" + world.scenarioName() + "': "
                            + String.join("; ", failures));
        }
    }

    private ActiveFaults faults() {
        if (world.faults == null) {
            world.faults = new ActiveFaults(run.env().faults());
        }
        return world.faults;
    }

    /** The component, if the SitRun opted in and declares it: nothing outside the run can be named. */
    private FaultTarget target(String kind, String name) {
        SitRun sitRun = run.env().sitRun();
        boolean allowed = sitRun != null
                && sitRun.getSpec() != null
                && sitRun.getSpec().getRunner() != null
                && sitRun.getSpec().getRunner().faultsAllowed();
        if (!allowed) {
            throw new StepError(
                    RunReason.BAD_INPUT,
                    "fault steps need spec.runner.faults: true in the SitRun (it lets the runner stop this run's "
                            + "own brokers, databases and systems)");
        }
        FaultTarget target = new FaultTarget(FaultTarget.Kind.of(kind), name);
        Collection<String> known = switch (target.kind()) {
            case BROKER -> run.env().brokers().keySet();
            case DATABASE -> run.env().databases().keySet();
            case SYSTEM ->
                sitRun.getSpec().getSystems().stream().map(SystemSpec::getName).toList();
        };
        if (!known.contains(name)) {
            throw new StepError(
                    RunReason.BAD_INPUT,
                    "no " + target.kind().word() + " named '" + name + "' in this run (known: " + known + ")");
        }
        return target;
    }

    private static StepError failed(FaultTarget target, FaultException e) {
        RunReason reason = switch (target.kind()) {
            case BROKER -> RunReason.BROKER_UNREACHABLE;
            case DATABASE -> RunReason.DATABASE_UNREACHABLE;
            case SYSTEM -> RunReason.RUNNER_ERROR;
        };
        return new StepError(reason, Redaction.firstLine(e.getMessage()), e);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
