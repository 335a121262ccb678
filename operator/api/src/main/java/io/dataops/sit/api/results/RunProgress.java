package io.dataops.sit.api.results;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the runner has done so far, written to sit-results after each scenario so that status (and kubectl sit run)
 * can show scenario progress while the run is Testing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunProgress {

    private int total;
    private int finished;
    private int passed;
    private int failed;
    /** The scenario running now, or the last one that finished. */
    private String current;

    public RunProgress() {}

    public RunProgress(int total, int finished, int passed, int failed, String current) {
        this.total = total;
        this.finished = finished;
        this.passed = passed;
        this.failed = failed;
        this.current = current;
    }

    public int getTotal() {
        return total;
    }

    public void setTotal(int total) {
        this.total = total;
    }

    public int getFinished() {
        return finished;
    }

    public void setFinished(int finished) {
        this.finished = finished;
    }

    public int getPassed() {
        return passed;
    }

    public void setPassed(int passed) {
        this.passed = passed;
    }

    public int getFailed() {
        return failed;
    }

    public void setFailed(int failed) {
        this.failed = failed;
    }

    public String getCurrent() {
        return current;
    }

    public void setCurrent(String current) {
        this.current = current;
    }
}
