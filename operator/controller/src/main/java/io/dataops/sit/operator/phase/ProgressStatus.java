package io.dataops.sit.operator.phase;

import io.dataops.sit.api.Redaction;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.ScenarioCounts;
import io.dataops.sit.api.v1alpha1.SitRunStatus;
import io.dataops.sit.api.v1alpha1.status.ResultsStatus;

/**
 * Scenario progress while the run is Testing, from the runner's progress document in sit-results: status.results
 * counts what finished so far (total = scenarios planned), results.passed reads "passed/total", and the message gains a
 * "Progress:" part. Informative only: the runner's result replaces it at the end, and an unreadable document changes
 * nothing.
 */
public final class ProgressStatus {

    private ProgressStatus() {}

    public static void apply(SitRunStatus status, String progressJson) {
        var progress = ResultCodec.readProgress(progressJson);
        if (progress == null || progress.getTotal() <= 0) {
            return;
        }
        ResultsStatus results = status.getResults() != null ? status.getResults() : new ResultsStatus();
        results.setScenarios(new ScenarioCounts(progress.getTotal(), progress.getPassed(), progress.getFailed()));
        results.setPassed(progress.getPassed() + "/" + progress.getTotal());
        status.setResults(results);
        // The scenario name is the tenant's text: redacted and bounded like every message.
        status.setMessage(Redaction.safe(status.getMessage() + "; Progress: " + progress.getFinished() + "/"
                + progress.getTotal() + " scenarios finished (" + progress.getPassed() + " passed, "
                + progress.getFailed() + " failed)"
                + (progress.getCurrent() == null ? "" : ", current: " + Redaction.firstLine(progress.getCurrent()))));
    }
}
