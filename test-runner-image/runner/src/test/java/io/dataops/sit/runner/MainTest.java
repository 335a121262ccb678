package io.dataops.sit.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.runner.relay.Relay;
import io.dataops.sit.runner.relay.RelayCommand;
import org.junit.jupiter.api.Test;

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
}
