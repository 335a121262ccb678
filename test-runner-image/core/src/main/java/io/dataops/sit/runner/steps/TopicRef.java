package io.dataops.sit.runner.steps;

import io.dataops.sit.api.RunReason;

/**
 * A topic as written in a step: {@code orders} on the run's first broker, or {@code <broker>/<topic>} for
 * another broker of the SitRun (Kafka topic names cannot contain '/', so the notation is unambiguous).
 */
record TopicRef(String broker, String topic) {

    static TopicRef parse(String written) {
        String w = written.strip();
        int slash = w.indexOf('/');
        if (slash < 0) {
            return new TopicRef(null, w);
        }
        if (slash == 0 || slash == w.length() - 1 || w.indexOf('/', slash + 1) >= 0) {
            throw new StepError(RunReason.BAD_INPUT, "'" + written + "' is neither <topic> nor <broker>/<topic>");
        }
        return new TopicRef(w.substring(0, slash), w.substring(slash + 1));
    }

    String bootstrap(RunContext run) {
        try {
            return run.env().bootstrapServers(broker);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new StepError(RunReason.BAD_INPUT, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return broker == null ? topic : broker + "/" + topic;
    }
}
