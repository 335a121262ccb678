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
        List<SeedResult.GateResult> gates = new ArrayList<>();
        for (SeedResult.GateResult g : result.getGates()) {
            gates.add(new SeedResult.GateResult(
                    Redaction.truncate(Redaction.redact(g.name()), MAX_NAME_BYTES),
                    g.passed(),
                    Redaction.safe(Redaction.firstLine(g.message()))));
        }
        result.setGates(gates);
        return result;
    }
}
