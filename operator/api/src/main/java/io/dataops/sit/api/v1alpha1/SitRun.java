package io.dataops.sit.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A System Integration Test run: an isolated environment (brokers, seeded databases, systems under
 * test) plus a runner that executes Gherkin scenarios and threshold checks against it.
 */
@Group(SitRun.GROUP)
@Version(SitRun.VERSION)
@Kind(SitRun.KIND)
@Plural(SitRun.PLURAL)
@Singular("sitrun")
@ShortNames({"sit", "sitrun"})
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Queue",
        jsonPath = ".status.queuePosition",
        type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
        name = "Passed",
        jsonPath = ".status.results.passed",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Namespace", jsonPath = ".status.namespace", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
// Started, not a growing duration, shows how long a running run has run: kubectl renders the date as an age.
@AdditionalPrinterColumn(
        name = "Started",
        jsonPath = ".status.startTime",
        type = AdditionalPrinterColumn.Type.DATE,
        priority = 1)
@AdditionalPrinterColumn(
        name = "Duration",
        jsonPath = ".status.duration",
        type = AdditionalPrinterColumn.Type.STRING,
        priority = 1)
@AdditionalPrinterColumn(
        name = "Reason",
        jsonPath = ".status.reason",
        type = AdditionalPrinterColumn.Type.STRING,
        priority = 1)
@AdditionalPrinterColumn(
        name = "Cleanup",
        jsonPath = ".status.cleanup.policy",
        type = AdditionalPrinterColumn.Type.STRING,
        priority = 1)
// Without a spec there is nothing to run; refuse it at the API instead of failing every reconcile.
@ValidationRule(value = "has(self.spec)", message = "spec is required")
public class SitRun extends CustomResource<SitRunSpec, SitRunStatus> implements Namespaced {

    public static final String GROUP = "sit.dataops.io";
    public static final String VERSION = "v1alpha1";
    public static final String KIND = "SitRun";
    public static final String PLURAL = "sitruns";
    public static final String CRD_NAME = PLURAL + "." + GROUP;

    // Overridden only to describe the two top-level fields for kubectl explain and the API reference.
    @Override
    @JsonPropertyDescription("What to build and run: brokers, databases and their seed data, systems under test, the "
            + "runner and its scenarios, and the run's timeouts, cleanup and placement.")
    public SitRunSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("What the operator observed, written by it alone: phase and reason, conditions, the "
            + "environment's addresses, and the runner's results once the run ended.")
    public SitRunStatus getStatus() {
        return super.getStatus();
    }

    @Override
    protected SitRunStatus initStatus() {
        return new SitRunStatus();
    }
}
