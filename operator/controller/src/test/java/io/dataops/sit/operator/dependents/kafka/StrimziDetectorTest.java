package io.dataops.sit.operator.dependents.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.KafkaProvider;
import io.dataops.sit.operator.dependents.FakeContext;
import io.dataops.sit.operator.dependents.TestRuns;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient
class StrimziDetectorTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private static APIResourceListBuilder resources(String... names) {
        APIResourceListBuilder list = new APIResourceListBuilder().withGroupVersion("kafka.strimzi.io/v1");
        for (String n : names) {
            list.addToResources(new APIResourceBuilder()
                    .withName(n)
                    .withNamespaced(true)
                    .withKind(n)
                    .build());
        }
        return list;
    }

    @Test
    void installedWhenDiscoveryServesAllThreeV1Resources() {
        server.expect()
                .get()
                .withPath(StrimziDetector.DISCOVERY_PATH)
                .andReturn(
                        200,
                        resources("kafkas", "kafkas/status", "kafkanodepools", "kafkatopics")
                                .build())
                .once();
        assertThat(StrimziDetector.servesStrimziV1(client)).isTrue();
    }

    @Test
    void notInstalledWhenAResourceIsMissing() {
        server.expect()
                .get()
                .withPath(StrimziDetector.DISCOVERY_PATH)
                .andReturn(200, resources("kafkas", "kafkatopics").build())
                .once();
        assertThat(StrimziDetector.servesStrimziV1(client)).isFalse();
    }

    @Test
    void notInstalledWhenTheGroupVersionIsNotServed() {
        // nothing expected: the mock server answers 404, as an API server without Strimzi (or only v1beta2) does
        assertThat(StrimziDetector.servesStrimziV1(client)).isFalse();
    }

    @Test
    void answerIsCachedForTheTtl() {
        AtomicInteger probes = new AtomicInteger();
        boolean[] installed = {false};
        MutableClock clock = new MutableClock();
        StrimziDetector detector = new StrimziDetector(
                () -> {
                    probes.incrementAndGet();
                    return installed[0];
                },
                Duration.ofSeconds(30),
                clock);

        assertThat(detector.isInstalled()).isFalse();
        installed[0] = true;
        clock.now = clock.now.plusSeconds(29);
        assertThat(detector.isInstalled()).isFalse();
        assertThat(probes).hasValue(1);
        clock.now = clock.now.plusSeconds(1);
        assertThat(detector.isInstalled()).isTrue();
        assertThat(probes).hasValue(2);
        detector.invalidate();
        detector.isInstalled();
        assertThat(probes).hasValue(3);
    }

    @Test
    void aDiscoveryErrorKeepsTheLastAnswer() {
        boolean[] fail = {false};
        MutableClock clock = new MutableClock();
        StrimziDetector detector = new StrimziDetector(
                () -> {
                    if (fail[0]) {
                        throw new IllegalStateException("API server unavailable");
                    }
                    return true;
                },
                Duration.ofSeconds(30),
                clock);
        assertThat(detector.isInstalled()).isTrue();
        fail[0] = true;
        clock.now = clock.now.plusSeconds(60);
        assertThat(detector.isInstalled()).isTrue();
        StrimziDetector fresh = new StrimziDetector(
                () -> {
                    throw new IllegalStateException("API server unavailable");
                },
                Duration.ofSeconds(30),
                clock);
        Assertions.assertThatThrownBy(fresh::isInstalled).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void activationFollowsTheClusterNotTheRun() {
        server.expect()
                .get()
                .withPath(StrimziDetector.DISCOVERY_PATH)
                .andReturn(
                        200,
                        resources("kafkas", "kafkanodepools", "kafkatopics").build())
                .once();
        SitRun builtinOnly = TestRuns.run("b");
        builtinOnly.getSpec().setBrokers(List.of(TestRuns.broker("x", KafkaProvider.BUILTIN)));
        var context = new FakeContext(builtinOnly).withClient(client);
        // stays active for a run without Strimzi brokers: de-activating would stop the informer for every run
        assertThat(new StrimziActivation().isMet(null, builtinOnly, context)).isTrue();
        assertThat(new StrimziKafkaDependent().desiredByEntry(builtinOnly, context))
                .isEmpty();
        assertThat(new StrimziActivation().isMet(null, builtinOnly, new FakeContext(builtinOnly)))
                .isFalse();
    }

    @Test
    void oneDetectorPerClient() {
        assertThat(StrimziDetector.forClient(client)).isSameAs(StrimziDetector.forClient(client));
    }

    static class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-21T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
