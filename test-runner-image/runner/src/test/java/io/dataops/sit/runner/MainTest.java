package io.dataops.sit.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataops.sit.runner.relay.RecordsApi;
import io.dataops.sit.runner.relay.RecordsApiCommand;
import io.dataops.sit.runner.relay.Relay;
import io.dataops.sit.runner.relay.RelayCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    @Test
    void unknownOrMissingCommandIsAnError() {
        assertThat(Main.dispatch(new String[0])).isEqualTo(2);
        assertThat(Main.dispatch(new String[] {"frobnicate"})).isEqualTo(2);
        assertThat(Main.dispatch(new String[] {"help"})).isZero();
    }

    @Test
    void relayNeedsBothTopics() {
        assertThat(Main.dispatch(new String[] {"relay", "--from", "a", "--bootstrap", "localhost:9092"}))
                .isEqualTo(2);
        Relay.Options options = RelayCommand.parse(
                new String[] {"--from", "a", "--to", "b", "--filter", "@.x > 1", "--max-records", "5"}, "kafka:9092");
        assertThat(options.bootstrap()).isEqualTo("kafka:9092");
        assertThat(options.maxRecords()).isEqualTo(5);
        assertThat(options.groupId()).isEqualTo("sit-relay-a-b");
    }

    @Test
    void recordsApiReadsItsTokenFromTheVariableItNamesAndRefusesToRunOpen() {
        assertThat(Main.dispatch(new String[] {"records-api", "--port", "8080", "--bootstrap", "localhost:9092"}))
                .as("no --topic")
                .isEqualTo(2);
        RecordsApi.Options options = RecordsApiCommand.parse(
                new String[] {"--topic", "product_v1", "--publish-to", "input_topic_1", "--token-env", "API_TOKEN"},
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "API_TOKEN", " s3cret \n"));
        assertThat(options.bootstrap()).isEqualTo("kafka:9092");
        assertThat(options.port()).isEqualTo(8080);
        assertThat(options.idField()).isEqualTo("id");
        assertThat(options.token()).isEqualTo("s3cret");
        assertThatThrownBy(() -> RecordsApiCommand.parse(
                        new String[] {"--topic", "t", "--token-env", "API_TOKEN"},
                        Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")))
                .hasMessage("--token-env API_TOKEN: the variable is not set");
        assertThatThrownBy(() -> RecordsApiCommand.parse(
                        new String[] {"--topic", "t", "--port", "70000"}, Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092")))
                .hasMessageContaining("not a port");
        assertThatThrownBy(() -> RecordsApiCommand.parse(new String[] {"--topic", "t", "--port", "http"}, Map.of()))
                .hasMessageContaining("--port")
                .hasMessageContaining("http");
    }

    @Test
    void anArgumentTheCommandRefusesAfterParsingIsAnErrorToo() {
        // checked in the command's body, not by the parser: the exit code must still be 2, with the reason
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092"));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("records-api", "--topic", "t", "--token-env", "UNSET_TOKEN"))
                .isEqualTo(2);
        assertThat(err.toString())
                .as("the reason first, named by the command, as a system's log shows it")
                .startsWith("records-api: --token-env UNSET_TOKEN: the variable is not set");
        assertThat(Main.commandLine(Map.of()).execute("relay", "--from", "a", "--to", "b"))
                .as("no bootstrap servers anywhere")
                .isEqualTo(2);
    }
}
