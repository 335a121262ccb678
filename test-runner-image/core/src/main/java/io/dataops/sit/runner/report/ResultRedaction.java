package io.dataops.sit.runner.report;

import io.dataops.sit.api.Redaction;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ScenarioResult;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.results.ThresholdResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Redacts a result before it is written anywhere (JUnit XML, JSON report, the results ConfigMap the operator
 * reads into status): credentials and query strings of URLs masked ({@link Redaction}), messages bounded, and
 * database errors cut to their first line (later lines quote the SQL statement and row values).
 */
public final class ResultRedaction {

    static final int MAX_MESSAGE_BYTES = Redaction.MAX_BYTES;
    static final int MAX_NAME_BYTES = 512;

    private ResultRedaction() {}

    public static RunnerResult redact(RunnerResult result) {
        result.setMessage(Redaction.safe(result.getMessage()));
        result.setGates(redact(result.getGates()));
        for (ScenarioResult s : result.getScenarioResults()) {
            s.setName(Redaction.truncate(Redaction.redact(s.getName()), MAX_NAME_BYTES));
            s.setMessage(Redaction.safe(s.getMessage()));
        }
        for (ThresholdResult t : result.getThresholds()) {
            t.setName(Redaction.truncate(Redaction.redact(t.getName()), MAX_NAME_BYTES));
            t.setScenario(Redaction.truncate(Redaction.redact(t.getScenario()), MAX_NAME_BYTES));
            t.setMessage(Redaction.safe(t.getMessage()));
        }
        return result;
    }

    public static SeedResult redact(SeedResult result) {
        result.setMessage(Redaction.safe(Redaction.firstLine(result.getMessage())));
        result.setGates(redact(result.getGates()));
        if (result.getDataset() != null && result.getDataset().drift() != null) {
            result.setDataset(result.getDataset()
                    .withDrift(Redaction.safe(
                            Redaction.firstLine(result.getDataset().drift()))));
        }
        return result;
    }

    /** Names and messages masked and bounded, database errors to their first line; the rest kept. */
    static List<SeedResult.GateResult> redact(List<SeedResult.GateResult> gates) {
        List<SeedResult.GateResult> redacted = new ArrayList<>();
        for (SeedResult.GateResult g : gates) {
            redacted.add(new SeedResult.GateResult(
                    Redaction.truncate(Redaction.redact(g.name()), MAX_NAME_BYTES),
                    g.passed(),
                    Redaction.safe(Redaction.firstLine(g.message())),
                    g.type(),
                    Redaction.truncate(Redaction.redact(g.observed()), MAX_NAME_BYTES),
                    Redaction.truncate(Redaction.redact(g.expected()), MAX_NAME_BYTES),
                    g.database()));
        }
        return redacted;
    }
}
