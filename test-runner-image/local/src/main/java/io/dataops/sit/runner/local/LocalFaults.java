package io.dataops.sit.runner.local;

import io.dataops.sit.runner.embedded.EmbeddedKafka;
import io.dataops.sit.runner.embedded.EmbeddedPostgres;
import io.dataops.sit.runner.env.FaultTarget;
import io.dataops.sit.runner.env.Faults;
import java.util.Map;

/**
 * The fault steps on this machine: the embedded broker's broker process (its controller and data stay), the embedded
 * PostgreSQL server (its data directory stays) and the systems with a local command are stopped and started again,
 * each on the address it had, so whatever talks to it reconnects.
 */
final class LocalFaults implements Faults {

    private final Map<String, EmbeddedKafka> brokers;
    private final Map<String, EmbeddedPostgres> databases;
    private final LocalSystems systems;

    LocalFaults(Map<String, EmbeddedKafka> brokers, Map<String, EmbeddedPostgres> databases, LocalSystems systems) {
        this.brokers = brokers;
        this.databases = databases;
        this.systems = systems;
    }

    LocalFaults(LocalEnvironment env, LocalSystems systems) {
        this(env.kafkasByName(), env.postgresByName(), systems);
    }

    @Override
    public void stop(FaultTarget target) throws FaultException {
        try {
            switch (target.kind()) {
                case BROKER -> broker(target).stopBroker();
                case DATABASE -> database(target).stopServer();
                case SYSTEM -> systems(target).stop(target.name());
            }
        } catch (FaultException e) {
            throw e;
        } catch (Exception e) {
            throw new FaultException("cannot stop " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void start(FaultTarget target) throws FaultException {
        try {
            switch (target.kind()) {
                case BROKER -> broker(target).startBroker();
                case DATABASE -> database(target).startServer();
                case SYSTEM -> systems(target).start(target.name());
            }
        } catch (FaultException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaultException("interrupted while starting " + target, e);
        } catch (Exception e) {
            throw new FaultException("cannot start " + target + " again: " + e.getMessage(), e);
        }
    }

    private EmbeddedKafka broker(FaultTarget target) throws FaultException {
        EmbeddedKafka kafka = brokers.get(target.name());
        if (kafka == null) {
            throw FaultException.untouched(target + " is not an embedded broker of this run", null);
        }
        return kafka;
    }

    private EmbeddedPostgres database(FaultTarget target) throws FaultException {
        EmbeddedPostgres postgres = databases.get(target.name());
        if (postgres == null) {
            throw FaultException.untouched(target + " is not an embedded database of this run", null);
        }
        return postgres;
    }

    private LocalSystems systems(FaultTarget target) throws FaultException {
        if (systems == null || !systems.runsLocally(target.name())) {
            throw FaultException.untouched(
                    target + " does not run on this machine (it has no spec.systems[].local command)", null);
        }
        return systems;
    }
}
