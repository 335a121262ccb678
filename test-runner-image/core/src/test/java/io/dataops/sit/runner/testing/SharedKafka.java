package io.dataops.sit.runner.testing;

import io.dataops.sit.runner.embedded.EmbeddedKafka;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;

/** One real in-process KRaft broker for the whole test JVM (starting one takes seconds), stopped at exit. */
public final class SharedKafka {

    private static EmbeddedKafka kafka;

    private SharedKafka() {}

    public static synchronized String bootstrapServers() {
        if (kafka == null) {
            try {
                kafka = EmbeddedKafka.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the embedded Kafka broker", e);
            }
            EmbeddedKafka started = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return kafka.bootstrapServers();
    }

    /** Deletes the topics (if present) and waits until they are gone, so a test starts from empty topics. */
    public static void deleteTopics(Collection<String> topics) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> present = topics.stream().filter(existing::contains).toList();
            if (present.isEmpty()) {
                return;
            }
            admin.deleteTopics(present).all().get(30, TimeUnit.SECONDS);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                            .noneMatch(present::contains));
        }
    }
}
