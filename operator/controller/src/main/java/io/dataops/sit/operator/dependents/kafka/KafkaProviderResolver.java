package io.dataops.sit.operator.dependents.kafka;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.KafkaProvider;
import io.dataops.sit.api.v1alpha1.status.BrokerStatus;
import java.util.Optional;

/**
 * Turns a broker's {@code provider} (auto | strimzi | builtin) into the backend that runs it.
 *
 * <p>For the reconciler: write {@link Resolution#backend()}{@code .value()} into
 * {@code status.brokers[].provider} on the first reconcile. Once recorded, that choice is kept
 * ({@link #resolve(SitRun, BrokerSpec, StrimziSupport)}), so Strimzi being installed or removed mid-run never swaps
 * a running broker for another. {@code provider: strimzi} without the CRDs gives a Resolution with
 * {@link RunReason#STRIMZI_NOT_INSTALLED} as reason: report phase Error with that reason.
 */
public final class KafkaProviderResolver {

    private KafkaProviderResolver() {}

    /** Either a backend, or an error reason + message (then backend is null). */
    public record Resolution(KafkaBackend backend, String errorReason, String message) {
        public static Resolution of(KafkaBackend backend) {
            return new Resolution(backend, null, null);
        }

        public boolean isError() {
            return backend == null;
        }

        public boolean is(KafkaBackend b) {
            return backend == b;
        }
    }

    /**
     * {@code auto} picks Strimzi only when it is installed AND configured to watch every namespace
     * ({@code sit.strimzi.watches-all-namespaces}): the CRDs being served says nothing about which namespaces its
     * cluster operator reconciles (by default only its own), and a Kafka in a run namespace it does not watch is
     * never made Ready. The run namespaces are created per run, so only a cluster-wide Strimzi can serve them.
     * An explicit {@code provider: strimzi} is taken at its word.
     */
    public static Resolution resolve(BrokerSpec broker, StrimziSupport strimzi) {
        if (broker.external()) {
            return Resolution.of(KafkaBackend.EXTERNAL);
        }
        KafkaProvider provider = broker.getKafka() == null
                ? KafkaProvider.AUTO
                : broker.getKafka().providerOrDefault();
        return switch (provider) {
            case BUILTIN -> Resolution.of(KafkaBackend.BUILTIN);
            case AUTO ->
                Resolution.of(
                        strimzi.installed() && strimzi.watchesAllNamespaces()
                                ? KafkaBackend.STRIMZI
                                : KafkaBackend.BUILTIN);
            case STRIMZI ->
                strimzi.installed()
                        ? Resolution.of(KafkaBackend.STRIMZI)
                        : new Resolution(
                                null,
                                RunReason.STRIMZI_NOT_INSTALLED.value(),
                                "broker '" + broker.getName()
                                        + "' asks for provider strimzi, but the cluster does not serve "
                                        + StrimziDetector.GROUP_VERSION + " kafkas/kafkanodepools/kafkatopics; "
                                        + "install Strimzi >= 1.0 or use provider builtin");
        };
    }

    /** As {@link #resolve(BrokerSpec, StrimziSupport)}, but a backend already recorded in the run's status wins. */
    public static Resolution resolve(SitRun run, BrokerSpec broker, StrimziSupport strimzi) {
        Optional<KafkaBackend> recorded = recorded(run, broker.getName());
        if (recorded.isPresent() && !broker.external() && recorded.get() != KafkaBackend.EXTERNAL) {
            KafkaProvider asked = broker.getKafka() == null
                    ? KafkaProvider.AUTO
                    : broker.getKafka().providerOrDefault();
            boolean stillAllowed = asked == KafkaProvider.AUTO
                    || asked.value().equals(recorded.get().value());
            if (stillAllowed) {
                return Resolution.of(recorded.get());
            }
        }
        return resolve(broker, strimzi);
    }

    /** The backend of one broker by name, or empty when the broker is unknown or unresolvable. */
    public static Optional<KafkaBackend> backend(SitRun run, String brokerName, StrimziSupport strimzi) {
        return run.getSpec().getBrokers().stream()
                .filter(b -> b.getName().equals(brokerName))
                .findFirst()
                .map(b -> resolve(run, b, strimzi).backend());
    }

    private static Optional<KafkaBackend> recorded(SitRun run, String brokerName) {
        if (run.getStatus() == null || run.getStatus().getBrokers() == null) {
            return Optional.empty();
        }
        return run.getStatus().getBrokers().stream()
                .filter(s -> brokerName.equals(s.getName()))
                .map(BrokerStatus::getProvider)
                .flatMap(p -> KafkaBackend.fromValue(p).stream())
                .findFirst();
    }
}
