package io.dataops.sit.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepSuggesterTest {

    @Test
    void suggestsTheClosestDocumentedStep() {
        assertThat(StepSuggester.closest("sampel data is loaded form: x.json"))
                .isEqualTo("sample data is loaded from: <file>");
        assertThat(StepSuggester.closest("result consumed from Kafka topic at checkpoint: out"))
                .isEqualTo("result consumed from Kafka topic on checkpoint: <topic>");
        assertThat(StepSuggester.closest("the results contain 2 records with tolerance +/- 1"))
                .isEqualTo("the result contains <n> records with tolerance of +/- <m>");
        assertThat(StepSuggester.closest("finished procesing")).isEqualTo("finished processing");
        assertThat(StepSuggester.closest("glue job start: product_1")).isEqualTo("<kind> job started: <name>");
        assertThat(StepSuggester.closest("tabel orders contains 3 rows"))
                .isEqualTo("table <table> contains <n> rows with tolerance of +/- <m>");
    }

    @Test
    void userStepsAreSuggestedFromTheirPatterns() {
        assertThat(StepSuggester.template("^(\\d+) acme orders? (?:are|is) published to topic (\\S+)$"))
                .isEqualTo("<value> acme orders? <value> published to topic <value>");
        assertThat(StepSuggester.template("^the total is \\$(\\d+)\\.00$")).isEqualTo("the total is $<value>.00");
        assertThat(StepSuggester.template("{int} acme orders are sent")).isEqualTo("<value> acme orders are sent");
        assertThat(StepSuggester.closest(
                        "acme publishd 4 orders", List.of(StepSuggester.template("^acme published (\\d+) orders$"))))
                .isEqualTo("acme published <value> orders");
    }

    @Test
    void levenshtein() {
        assertThat(StepSuggester.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(StepSuggester.distance("", "abc")).isEqualTo(3);
        assertThat(StepSuggester.distance("same", "same")).isZero();
    }
}
