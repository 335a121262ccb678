package io.dataops.sit.operator.dependents.kafka;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.naming.RunNames;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.ListenerStatus;
import java.util.Optional;

/**
 * Bootstrap addresses of the brokers. Host names end in {@code .svc}, not {@code .svc.cluster.local}: the
 * pod's DNS search path completes them on any cluster domain, and they equal the builtin broker's advertised
 * listener and what Strimzi puts in its status.
 */
public final class KafkaAddresses {

    public static final int PORT = 9092;
    public static final int CONTROLLER_PORT = 9093;
    /** Name of the plain listener on Strimzi Kafkas (and in their status). */
    public static final String PLAIN_LISTENER = "plain";

    private KafkaAddresses() {}

    /** The address injected into pods; deterministic, so env never changes once the pods run. */
    public static String bootstrapServers(SitRun run, String broker, KafkaBackend backend) {
        String ns = RunNames.namespace(run);
        return switch (backend) {
            case BUILTIN -> BuiltinKafkaServiceDependent.getName(broker) + "." + ns + ".svc:" + PORT;
            case STRIMZI -> StrimziKafkaDependent.bootstrapServiceName(broker) + "." + ns + ".svc:" + PORT;
            case EXTERNAL ->
                run.getSpec().getBrokers().stream()
                        .filter(b -> b.getName().equals(broker) && b.external())
                        .map(b -> b.getExternal().getBootstrapServers())
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("broker " + broker + " is not external"));
        };
    }

    /** For status: the plain listener's bootstrapServers from the Kafka's status, else the deterministic address. */
    public static String strimziBootstrapServers(SitRun run, String broker, Kafka actual) {
        return fromStatus(actual).orElseGet(() -> bootstrapServers(run, broker, KafkaBackend.STRIMZI));
    }

    static Optional<String> fromStatus(Kafka kafka) {
        if (kafka == null || kafka.getStatus() == null || kafka.getStatus().getListeners() == null) {
            return Optional.empty();
        }
        return kafka.getStatus().getListeners().stream()
                .filter(l -> PLAIN_LISTENER.equals(l.getName()))
                .map(ListenerStatus::getBootstrapServers)
                .filter(s -> s != null && !s.isBlank())
                .findFirst();
    }
}
