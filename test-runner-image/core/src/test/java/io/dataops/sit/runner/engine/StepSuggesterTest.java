package io.dataops.sit.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

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
    void levenshtein() {
        assertThat(StepSuggester.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(StepSuggester.distance("", "abc")).isEqualTo(3);
        assertThat(StepSuggester.distance("same", "same")).isZero();
    }
}
