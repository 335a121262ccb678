package io.dataops.sit.runner.bench;

import io.dataops.sit.runner.embedded.EmbeddedKafka;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.concurrent.CompletableFuture;

/**
 * The floor of local mode: start an embedded KRaft broker and an embedded PostgreSQL (in parallel, as
 * local mode does) and stop both. bench/local-mode.sh times this JVM against ./sit run of an example.
 */
public final class BareStartBench {

    public static void main(String[] args) throws Exception {
        CompletableFuture<EmbeddedPostgres> pg = CompletableFuture.supplyAsync(() -> {
            try {
                return EmbeddedPostgres.builder().start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                EmbeddedPostgres postgres = pg.join()) {
            System.out.println("broker " + kafka.bootstrapServers() + ", postgres port " + postgres.getPort());
        }
    }
}
