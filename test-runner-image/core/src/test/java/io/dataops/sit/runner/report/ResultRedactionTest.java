package io.dataops.sit.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ScenarioResult;
import io.dataops.sit.api.results.SeedResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the runner writes (JUnit, JSON, the results ConfigMap) carries no URL credentials, tokens or SQL. */
class ResultRedactionTest {

    private static final String MARKER = "s3cr3t-MARKER-99";

    @Test
    void runnerResultMessagesAndNamesAreRedacted() {
        RunnerResult r = new RunnerResult();
        r.setOutcome(Outcome.FAILED);
        r.setMessage("1 scenario failed: starting http://u:" + MARKER + "@svc/start?token=" + MARKER + " returned 500");
        ScenarioResult s = new ScenarioResult();
        s.setName("calls http://svc/x?token=" + MARKER);
        s.setMessage("Authorization: Bearer " + MARKER + "-abcdefgh");
        r.setScenarioResults(List.of(s));

        String written = ResultCodec.write(ResultRedaction.redact(r));

        assertThat(written).doesNotContain(MARKER).contains("http://***@svc/start?***");
    }

    @Test
    void seedResultLosesTheStatementDatabasesQuote() {
        SeedResult seed = new SeedResult();
        seed.setOutcome(Outcome.ERROR);
        seed.setMessage("seed step 1 (a.sql) failed: ERROR: x\n  Where: SQL statement \"INSERT ... '" + MARKER + "'\"");
        seed.setGates(List.of(
                new SeedResult.GateResult("g", false, "query failed: ERROR: y\n  Detail: Key (t)=(" + MARKER + ")")));

        String written = ResultCodec.write(ResultRedaction.redact(seed));

        assertThat(written)
                .doesNotContain(MARKER)
                .doesNotContain("INSERT")
                .contains("ERROR: x")
                .contains("ERROR: y");
    }
}
