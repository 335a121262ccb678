package io.dataops.sit.runner.local;

import io.dataops.sit.runner.embedded.EmbeddedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.common.GroupState;

/**
 * Waits until the consumer groups on a broker stop changing: no group rebalancing and the same groups
 * and states for a quiet period. Local systems that consume are then subscribed before a scenario
 * publishes. Gives up (and goes on) at the deadline: a system that never consumes must not block a run.
 */
final class ConsumerGroupsSettle {

    private ConsumerGroupsSettle() {}

    static boolean await(EmbeddedKafka kafka, Duration quiet, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = kafka.admin()) {
            Map<String, String> last = null;
            Instant unchangedSince = Instant.now();
            while (Instant.now().isBefore(deadline)) {
                Map<String, String> now = groups(admin);
                boolean rebalancing = now.values().stream()
                        .anyMatch(s -> s.contains("REBALANC") || s.contains("ASSIGNING") || s.contains("RECONCILING"));
                if (!now.equals(last) || rebalancing) {
                    last = now;
                    unchangedSince = Instant.now();
                } else if (!now.isEmpty()
                        && Duration.between(unchangedSince, Instant.now()).compareTo(quiet) >= 0) {
                    return true;
                }
                if (now.isEmpty()
                        && Duration.between(unchangedSince, Instant.now()).compareTo(quiet.multipliedBy(2)) >= 0) {
                    return true; // nothing consumes here
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        return false;
    }

    private static Map<String, String> groups(Admin admin) throws InterruptedException {
        Map<String, String> states = new TreeMap<>();
        try {
            for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(5, TimeUnit.SECONDS)) {
                states.put(g.groupId(), g.groupState().map(GroupState::name).orElse("?"));
            }
        } catch (ExecutionException | TimeoutException e) {
            states.put("<unavailable>", e.toString());
        }
        return states;
    }
}
